"""Views of the exercise catalogue: every synced exercise with its validation status, and a
preview of its prompt exactly as learners see it (served or not)."""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import gettext as _

from grader.core.messages import localize_fixed
from grader.store.models import ExerciseRow
from webapp.content import bank, course_modules, hints_html, module_order, prompt_html
from webapp.extensions import db
from webapp.i18n import current_language
from webapp.instructor import bp, queries
from webapp.instructor.forms import RegradeForm


@bp.get("/exercises")
def catalogue():
    rows = db.session.scalars(queries.all_exercises()).all()
    order = module_order()
    rows = sorted(rows, key=lambda e: (order.get(e.module, 99), e.order, e.id))
    titles = dict(course_modules())
    groups: dict[str, list[ExerciseRow]] = {}
    for row in rows:
        groups.setdefault(row.module, []).append(row)
    return render_template(
        "instructor/catalogue.html",
        groups=[(slug, titles.get(slug, slug), groups[slug]) for slug in groups],
        served=sum(r.validated for r in rows),
        total=len(rows),
        on_disk=set(bank().folder_ids()),
        regrade_form=RegradeForm(),
    )


@bp.get("/exercises/<exercise_id>/preview")
def preview(exercise_id: str):
    row = db.session.get(ExerciseRow, exercise_id)
    if row is None:
        abort(404, description=_("There is no exercise '%(id)s'.", id=exercise_id))
    exercise = bank().get(exercise_id)
    if exercise is None:
        abort(
            404,
            description=_("The folder of '%(id)s' is not on this server any more.", id=exercise_id),
        )
    language = current_language()
    return render_template(
        "instructor/preview.html",
        row=row,
        exercise=exercise,
        module_number=module_order().get(exercise.module, 0) + 1,
        prompt_html=prompt_html(exercise, language),
        hints=hints_html(exercise, len(exercise.hints), language),
        validation_text=localize_fixed(row.validation_message, language),
        stale=exercise.version != row.version,
    )
