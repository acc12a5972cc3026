"""Views of per-exercise statistics, over every learner or one cohort's (``?cohort=<id>``)."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import gettext

from grader.store.models import ExerciseRow
from webapp import queries as learner_queries
from webapp.extensions import db
from webapp.i18n import current_language
from webapp.instructor import bp, queries
from webapp.instructor.cohorts import cohort_or_404
from webapp.instructor.exercise_statistics import common_failures, exercise_stats, format_duration
from webapp.instructor.forms import RegradeForm
from webapp.instructor.gradebook import Column, columns_in_course_order

#: the failure messages are read from at most this many recent failed results
FAILURES_SAMPLE = 500


def _scope():
    """(cohort or None, the learners in scope: a select of ids, or None for everyone)."""
    cohort_id = request.args.get("cohort", type=int)
    if cohort_id is None:
        return None, None
    cohort = cohort_or_404(cohort_id)
    return cohort, queries.cohort_learner_ids(cohort.id)


@bp.get("/stats")
def statistics():
    cohort, learners = _scope()
    exercises = db.session.scalars(learner_queries.published_exercises()).all()
    columns = columns_in_course_order(exercises)
    activity = db.session.execute(queries.exercise_activity(learners)).all()
    return render_template(
        "instructor/stats.html",
        cohort=cohort,
        rows=exercise_stats(columns, activity),
        format_duration=format_duration,
    )


@bp.get("/stats/<exercise_id>")
def exercise_statistics(exercise_id: str):
    cohort, learners = _scope()
    row = db.session.get(ExerciseRow, exercise_id)
    if row is None:
        abort(
            404,
            description=gettext("There is no exercise '%(exercise_id)s'.", exercise_id=exercise_id),
        )
    column = Column(row.id, row.title, row.module)
    activity = db.session.execute(queries.exercise_activity(learners, exercise_id)).all()
    (stats,) = exercise_stats([column], activity)
    documents = db.session.scalars(
        queries.failed_results(exercise_id, learners, FAILURES_SAMPLE)
    ).all()
    return render_template(
        "instructor/exercise_stats.html",
        cohort=cohort,
        exercise=row,
        stats=stats,
        failures=common_failures(documents, language=current_language()),
        failed_sample=len(documents),
        sample_limit=FAILURES_SAMPLE,
        format_duration=format_duration,
        regrade_form=RegradeForm(),
    )
