"""Views of cohorts: the list, a new cohort, its settings and deadlines, its gradebook (HTML
and CSV)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from itertools import groupby
from operator import attrgetter

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from grader.store.models import Cohort
from webapp.content import course_modules
from webapp.extensions import db
from webapp.instructor import bp, queries
from webapp.instructor.forms import (
    CohortForm,
    CohortSettingsForm,
    DeadlinesForm,
    RegradeForm,
)
from webapp.instructor.gradebook import cells_html, column_max_scores, gradebook_csv
from webapp.instructor.service import (
    create_cohort,
    load_gradebook,
    save_deadlines,
    update_settings,
)


def cohort_or_404(cohort_id: int) -> Cohort:
    """The cohort ``cohort_id``; aborts with 404 when there is none."""
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        abort(404, description=_("There is no cohort %(cohort_id)s.", cohort_id=cohort_id))
    return cohort


def deadlines_by_module(cohort_id: int) -> dict[str, datetime]:
    return {d.module: d.due_at for d in db.session.scalars(queries.cohort_deadlines(cohort_id))}


@bp.get("/")
def index():
    cohorts = db.session.execute(queries.cohorts_overview()).all()
    return render_template("instructor/index.html", cohorts=cohorts, form=CohortForm())


@bp.post("/cohorts")
def new_cohort():
    form = CohortForm()
    if not form.validate_on_submit():
        cohorts = db.session.execute(queries.cohorts_overview()).all()
        return render_template("instructor/index.html", cohorts=cohorts, form=form), 400
    cohort = create_cohort(db.session, form.name.data, current_user)
    flash(
        _(
            "Created %(cohort)s. Learners join it with the enrolment code %(code)s.",
            cohort=cohort.name,
            code=cohort.enrolment_code,
        ),
        "success",
    )
    return redirect(url_for("instructor.cohort", cohort_id=cohort.id), code=303)


@bp.get("/cohorts/<int:cohort_id>")
def cohort(cohort_id: int):
    cohort = cohort_or_404(cohort_id)
    learners = db.session.scalar(queries.cohort_learner_count(cohort_id)) or 0
    return render_template(
        "instructor/cohort.html",
        cohort=cohort,
        learners=learners,
        deadlines=deadlines_by_module(cohort_id),
        modules=course_modules(),
        regrade_form=RegradeForm(),
    )


def _settings_page(cohort: Cohort, settings_form=None, deadlines_form=None, status: int = 200):
    if settings_form is None:
        settings_form = CohortSettingsForm(
            data={
                "name": cohort.name,
                "late_policy": cohort.late_policy,
                "penalty_percent": round(cohort.penalty_per_day * 100, 4) or None,
                "max_attempts_per_hour": cohort.max_attempts_per_hour,
            }
        )
    if deadlines_form is None:
        due = deadlines_by_module(cohort.id)
        deadlines_form = DeadlinesForm(
            data={
                "deadlines": [
                    {"module": slug, "due_at": _naive_utc(due.get(slug))}
                    for slug, _ in course_modules()
                ]
            }
        )
    return (
        render_template(
            "instructor/settings.html",
            cohort=cohort,
            settings_form=settings_form,
            deadlines_form=deadlines_form,
            module_titles=dict(course_modules()),
            module_numbers={slug: n for n, (slug, _) in enumerate(course_modules(), start=1)},
        ),
        status,
    )


def _naive_utc(value: datetime | None) -> datetime | None:
    return value.astimezone(UTC).replace(tzinfo=None) if value is not None else None


@bp.get("/cohorts/<int:cohort_id>/settings")
def settings(cohort_id: int):
    return _settings_page(cohort_or_404(cohort_id))


@bp.post("/cohorts/<int:cohort_id>/settings")
def save_settings(cohort_id: int):
    cohort = cohort_or_404(cohort_id)
    form = CohortSettingsForm()
    if not form.validate_on_submit():
        return _settings_page(cohort, settings_form=form, status=400)
    update_settings(
        db.session,
        cohort,
        name=form.name.data,
        late_policy=form.late_policy.data,
        penalty_percent=form.penalty_percent.data,
        max_attempts_per_hour=form.max_attempts_per_hour.data,
    )
    flash(_("Saved the cohort's settings."), "success")
    return redirect(url_for("instructor.settings", cohort_id=cohort.id), code=303)


@bp.post("/cohorts/<int:cohort_id>/deadlines")
def save_deadlines_view(cohort_id: int):
    cohort = cohort_or_404(cohort_id)
    form = DeadlinesForm()
    if not form.validate_on_submit():
        return _settings_page(cohort, deadlines_form=form, status=400)
    wanted = {entry.form.module.data: entry.form.due_at.data for entry in form.deadlines}
    changed = save_deadlines(db.session, cohort, wanted)
    flash(
        _("Saved the deadlines (%(changed)s changed); late days were recomputed.", changed=changed)
        if changed
        else _("No deadline changed."),
        "success",
    )
    return redirect(url_for("instructor.settings", cohort_id=cohort.id), code=303)


@bp.get("/cohorts/<int:cohort_id>/gradebook")
def gradebook(cohort_id: int):
    cohort = cohort_or_404(cohort_id)
    book = load_gradebook(db.session, cohort, request.args.get("page", 1, type=int))
    return render_template(
        "instructor/gradebook.html",
        cohort=cohort,
        book=book,
        max_scores=column_max_scores(book.rows),
        module_spans=[(m, len(list(g))) for m, g in groupby(book.columns, attrgetter("module"))],
        deadlines=deadlines_by_module(cohort_id),
        module_titles=dict(course_modules()),
        cells_html=cells_html,
        # one url_for for the page, not one per cell: ids go into the pattern
        result_url=url_for("submissions.result", submission_id=0)[:-1] + "{id}",
        scores_url=url_for("instructor.learner", user_id=0)[:-1] + "{user}#scores",
    )


def csv_filename(cohort: Cohort, today: datetime) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", cohort.name).strip("-").lower() or f"cohort-{cohort.id}"
    return f"gradebook-{slug[:60]}-{today:%Y-%m-%d}.csv"


@bp.get("/cohorts/<int:cohort_id>/gradebook.csv")
def gradebook_export(cohort_id: int):
    cohort = cohort_or_404(cohort_id)
    book = load_gradebook(db.session, cohort, None)
    body = gradebook_csv(book.columns, book.rows).encode("utf-8")
    filename = csv_filename(cohort, datetime.now(UTC))
    return Response(
        body,
        mimetype="text/csv",
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
