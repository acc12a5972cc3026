"""Views of regrades: start one (a submission, an exercise, a cohort), follow its progress,
cancel it, read its report.

A regrade is queued for the grading workers (``grader.service.regrades``); this process
never grades. Its page refreshes itself while it runs (a ``<meta refresh>``: no JavaScript
needed) and shows the report once it is done. Regrading a whole cohort asks for a
confirmation first (a second form post, which works without JavaScript).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from grader.service.regrades import cancel_regrade, start_regrade
from grader.store import NotFoundError
from grader.store.models import Cohort, RegradeBatch, User
from grader.store.regrade import select_submissions
from webapp.extensions import db
from webapp.instructor import bp, queries
from webapp.instructor.forms import ConfirmForm, RegradeForm
from webapp.submissions.service import celery_app

RECENT_REGRADES = 50
#: seconds between the refreshes of a running regrade's page
REFRESH_S = 3


_SCOPE_PARTS = (
    ("submission ", lambda rest: _("submission %(id)s", id=rest)),
    ("exercise ", lambda rest: _("exercise %(id)s", id=rest)),
    ("cohort ", lambda rest: _("cohort %(name)s", name=rest)),
)


@bp.app_template_filter("regrade_scope")
def scope_text(scope: str) -> str:
    """A batch's stored scope (``grader.store.regrade.describe_scope``, English:
    ``submission 4, exercise softmax, cohort Night``) in the current language; a text of
    another form is shown as stored. The cohort comes last, so its name may hold a comma."""
    parts, rest = [], scope
    for prefix, render in _SCOPE_PARTS:
        if not rest.startswith(prefix):
            continue
        value, _sep, tail = rest[len(prefix) :].partition(", ")
        if prefix == "cohort ":
            value, tail = rest[len(prefix) :], ""
        parts.append(render(value))
        rest = tail
    return ", ".join(parts) if parts and not rest else scope


def _back() -> str:
    """Where a failed regrade request goes back to: the page it came from, on this site."""
    target = request.form.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("instructor.regrades")


def _whole_cohort(form: RegradeForm) -> bool:
    return (
        form.cohort_id.data is not None
        and form.submission_id.data is None
        and not form.exercise_id.data
    )


@bp.post("/regrade")
def regrade():
    form = RegradeForm()
    if not form.validate_on_submit():
        errors = [str(e) for field in form for e in field.errors]
        flash(
            _(
                "Cannot regrade: %(why)s",
                why=" ".join(errors or [_("the form was incomplete.")]),
            ),
            "error",
        )
        return redirect(_back(), code=303)
    scope = {
        "submission_id": form.submission_id.data,
        "exercise_id": form.exercise_id.data or None,
        "cohort_id": form.cohort_id.data,
    }
    try:
        if _whole_cohort(form) and request.form.get("confirmed") != "yes":
            return _confirm(form, scope)
        db.session.rollback()  # end this request's reads before another session writes
        batch = start_regrade(
            celery_app(), db.session_factory, requested_by=current_user.id, **scope
        )
    except NotFoundError as exc:
        flash(_("Cannot regrade: %(why)s.", why=exc), "error")
        return redirect(_back(), code=303)
    flash(
        _(
            "Regrade %(id)s queued: %(total)s submission(s) to grade again.",
            id=batch.id,
            total=batch.total,
        ),
        "success",
    )
    return redirect(url_for("instructor.regrade_report", batch_id=batch.id), code=303)


def _confirm(form: RegradeForm, scope: dict):
    cohort = db.session.get(Cohort, scope["cohort_id"])
    if cohort is None:
        raise NotFoundError("cohort", scope["cohort_id"])
    count = len(select_submissions(db.session, cohort_id=cohort.id))
    return render_template(
        "instructor/regrade_confirm.html",
        form=form,
        cohort=cohort,
        count=count,
        back=_back(),
    )


@bp.post("/regrades/<int:batch_id>/cancel")
def regrade_cancel(batch_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400, description=_("The form expired; reload the page and try again."))
    db.session.rollback()
    try:
        cancelled = cancel_regrade(db.session_factory, batch_id)
    except NotFoundError:
        abort(404, description=_("There is no regrade %(id)s.", id=batch_id))
    if cancelled:
        flash(_("Regrade %(id)s cancelled; grades already made are kept.", id=batch_id), "success")
    else:
        flash(_("Regrade %(id)s had already finished.", id=batch_id), "warning")
    return redirect(url_for("instructor.regrade_report", batch_id=batch_id), code=303)


@bp.get("/regrades")
def regrades():
    batches = db.session.execute(queries.recent_regrades(RECENT_REGRADES)).all()
    running = any(batch.state == "running" for batch, _ in batches)
    return render_template(
        "instructor/regrades.html",
        batches=batches,
        refresh_s=REFRESH_S if running else None,
    )


@bp.get("/regrades/<int:batch_id>")
def regrade_report(batch_id: int):
    batch = db.session.get(RegradeBatch, batch_id)
    if batch is None:
        abort(404, description=_("There is no regrade %(id)s.", id=batch_id))
    requester = db.session.get(User, batch.requested_by) if batch.requested_by else None
    cohort = db.session.get(Cohort, batch.cohort_id) if batch.cohort_id else None
    running = batch.state == "running"
    return render_template(
        "instructor/regrade.html",
        batch=batch,
        report=None if running else batch.report,
        requester=requester,
        cohort=cohort,
        cancel_form=ConfirmForm() if running else None,
        refresh_s=REFRESH_S if running else None,
    )
