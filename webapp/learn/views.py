"""Views of the learner's pages: thin, each a query or two and a template."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, abort, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from grader.store.deadlines import due_date
from grader.store.late_policy import late_policy_for
from grader.store.overrides import overrides_in_force
from webapp import queries
from webapp.content import course_modules, exercise_or_404, hints_html, module_order, prompt_html
from webapp.extensions import db
from webapp.i18n import current_language
from webapp.learn import bp
from webapp.learn.curriculum import exercise_status, learner_standing, overall
from webapp.learn.forms import SubmitForm
from webapp.learn.late import DueDate, best_by_lateness, counted_scores, with_overrides
from webapp.learn.map_fragments import map_fragments
from webapp.learn.stats import cumulative, streak

RECENT_ON_EXERCISE_PAGE = 5


@bp.get("/")
def index():
    exercise_count = db.session.scalar(queries.published_count())
    return render_template(
        "learn/index.html", exercise_count=exercise_count, module_count=len(course_modules())
    )


@bp.get("/curriculum")
@login_required
def curriculum():
    policy, modules = learner_standing(db.session, current_user.id)
    totals = overall(modules)
    first = next((e for m in modules for e in m.exercises), None)
    started = totals.attempted or totals.passed
    attempt_limit = None
    if not started:
        attempt_limit = db.session.execute(
            queries.strictest_attempt_limit(current_user.id)
        ).scalar()
    # one url_for for the page, not one per exercise (ids are URL-safe slugs)
    placeholder = "exercise-id"
    prefix = url_for("learn.exercise", exercise_id=placeholder).removesuffix(placeholder)
    now = datetime.now(UTC)
    parts = map_fragments(
        modules,
        prefix=prefix,
        dues={m.slug: DueDate(m.deadline, now) for m in modules if m.deadline},
        policy=policy,
    )
    return render_template(
        "learn/curriculum.html",
        modules=modules,
        parts=parts,
        overall=totals,
        started=started,
        first_exercise_id=first.id if first else None,
        first_exercise_title=first.title if first else None,
        attempt_limit=attempt_limit,
    )


def _hint_count(total: int) -> int:
    try:
        wanted = int(request.args.get("hints", "0"))
    except ValueError:
        wanted = 0
    return max(0, min(wanted, total))


def render_exercise(exercise_id: str, form: SubmitForm | None = None, status: int = 200):
    """The exercise page (also re-rendered by the submit view when its form is invalid)."""
    _, exercise = exercise_or_404(exercise_id)
    session = db.session
    progress = session.execute(
        queries.progress_on(current_user.id, exercise_id)
    ).scalar_one_or_none()
    recent = (
        session.execute(
            queries.submissions_of(current_user.id, exercise_id).limit(RECENT_ON_EXERCISE_PAGE)
        )
        .scalars()
        .all()
    )
    policy = late_policy_for(session, current_user.id)
    counted = with_overrides(
        counted_scores(
            session.execute(best_by_lateness(current_user.id, exercise_id)).all(), policy
        ),
        session.scalars(overrides_in_force([current_user.id], exercise_id)),
    ).get(exercise_id)
    due_at = due_date(session, current_user.id, exercise.module)
    from webapp.submissions.service import attempt_allowance  # (the blueprints import each other)

    allowance = attempt_allowance(session, current_user.id, exercise_id)
    if form is None:
        form = SubmitForm()
        # Continue from the latest submission (a .py one), else from the starter.
        latest_py = next((s for s in recent if not s.filename.endswith(".ipynb")), None)
        form.source.data = latest_py.source if latest_py else exercise.starter
    module_number = module_order()[exercise.module] + 1
    return (
        render_template(
            "learn/exercise.html",
            exercise=exercise,
            module_number=module_number,
            status=exercise_status(progress),
            progress=progress,
            counted=counted,
            late_policy=policy,
            allowance=allowance,
            due=DueDate(due_at, datetime.now(UTC)) if due_at else None,
            prompt_html=prompt_html(exercise, current_language()),
            hints_shown=hints_html(exercise, _hint_count(len(exercise.hints)), current_language()),
            hints_total=len(exercise.hints),
            recent=recent,
            form=form,
        ),
        status,
    )


@bp.get("/exercises/<exercise_id>")
@login_required
def exercise(exercise_id: str):
    return render_exercise(exercise_id)


@bp.get("/exercises/<exercise_id>/starter.<any(py, ipynb):fmt>")
@login_required
def starter(exercise_id: str, fmt: str):
    from grader.core.notebook import starter_filename

    _, exercise = exercise_or_404(exercise_id)
    if fmt == "py":
        body, mimetype = exercise.starter, "text/x-python; charset=utf-8"
        filename = starter_filename(exercise.id, ".py")
    else:
        body = notebook_text(exercise)
        mimetype = "application/x-ipynb+json"
        filename = starter_filename(exercise.id, ".ipynb")
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def notebook_text(exercise) -> str:
    """The starter as a Jupyter notebook in the request's language: the prompt as Markdown,
    the starter as code, and how to check it."""
    from grader.core.notebook import build_notebook, notebook_to_json

    text = exercise.text(current_language())
    return notebook_to_json(
        build_notebook(exercise.title, text.statement, exercise.starter, exercise.id, text.language)
    )


@bp.get("/progress")
@login_required
def progress():
    session = db.session
    policy, modules = learner_standing(session, current_user.id)
    totals = overall(modules)
    timeline = session.execute(queries.score_timeline(current_user.id)).all()
    days = session.execute(queries.submission_days(current_user.id)).scalars().all()
    recent = session.execute(queries.submissions_of(current_user.id).limit(10)).scalars().all()
    today = datetime.now(UTC).date()
    streaks = streak(days, today)
    stats = {
        "passed": totals.passed,
        "total": totals.total,
        "modules_done": sum(m.done for m in modules),
        "modules_total": sum(1 for m in modules if m.total),
        "submissions": len(days),
        "graded": len(timeline),
        "streak": streaks.current,
        "longest_streak": streaks.longest,
    }
    titles = {e.id: e.title for m in modules for e in m.exercises}
    return render_template(
        "learn/progress.html",
        modules=modules,
        stats=stats,
        recent=recent,
        titles=titles,
        late_policy=policy,
    )


@bp.get("/progress/chart.png")
@login_required
def progress_chart():
    from webapp.plots import PlotDataError, progress_png

    rows = db.session.execute(queries.score_timeline(current_user.id)).all()
    try:
        png = progress_png(cumulative(rows))
    except PlotDataError:
        abort(404, description=gettext("No graded submission yet."))
    return Response(png, mimetype="image/png")
