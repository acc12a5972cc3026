""" "Run visible cases": a learner's code run on an exercise's visible cases only.

A run is not a submission: no ``submissions`` row, no attempt, no score; the worker grades it
with ``hidden=False`` (``grader.service.tasks.run_visible``) and the row is deleted after an
hour. It is rate limited on its own (``RUN_RATE_LIMIT``, scope ``run``) and a learner has at
most ``RUN_CONCURRENCY`` runs in flight. Runs are allowed after the cohort's hourly attempt
limit is used up, as PrairieLearn allows: they grade nothing. Only the run's owner may read
it: anyone else gets 404, staff included (it is a scratch pad, not work handed in).

The exercise page's script posts the form here asking for JSON and shows the result in place;
without JavaScript the button posts the same form and lands on the run's own page.
"""

from __future__ import annotations

import time

from flask import (
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import TooManyRequests

from grader.store import NotFoundError, NotServedError
from grader.store.models import TrialRun, TrialRunStatus
from webapp.content import exercise_title
from webapp.extensions import db, limiter
from webapp.i18n import current_language
from webapp.learn.forms import SubmitForm
from webapp.submissions import bp
from webapp.submissions.results import ResultView, case_plot, document_view
from webapp.submissions.service import (
    SubmitError,
    SubmittedFile,
    describe_rate_limit,
    normalise_newlines,
    read_upload,
    start_run,
)
from webapp.submissions.views import feedback_language


def run_limit() -> str:
    return current_app.config["RUN_RATE_LIMIT"]


def rate_limit_message(retry_after: str | None) -> str:
    """Why a run was refused for the rate limit, stating the limit."""
    limit = describe_rate_limit(run_limit())
    if retry_after:
        return _(
            "You ran your code on the visible cases too often: the limit is %(limit)s. Try "
            "again in %(seconds)s seconds; meanwhile, `dlgrade check` runs them on your machine.",
            limit=limit,
            seconds=retry_after,
        )
    return _(
        "You ran your code on the visible cases too often: the limit is %(limit)s. Wait a "
        "little; meanwhile, `dlgrade check` runs them on your machine.",
        limit=limit,
    )


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json"


def _refused(exercise_id: str, message: str, status: int) -> Response:
    """A refused run: JSON for the page's script, else back to the exercise page (redirect
    after POST; the editor gets its text back) saying why."""
    if wants_json():
        response = jsonify({"error": "refused", "message": message})
        response.status_code = status
        return response
    flash(message, "error")
    return redirect(url_for("learn.exercise", exercise_id=exercise_id, kept=1), code=303)


def too_many_runs(error: TooManyRequests) -> Response:
    """The 429 of the run endpoint (called by the blueprint's 429 handler)."""
    breached = limiter.current_limit
    retry = str(max(1, int(breached.reset_at - time.time()))) if breached else None
    exercise_id = (request.view_args or {}).get("exercise_id", "")
    response = _refused(exercise_id, rate_limit_message(retry), 429)
    if retry:
        response.headers["Retry-After"] = retry
    return response


@bp.post("/exercises/<exercise_id>/run")
@login_required
@limiter.shared_limit(run_limit, scope="run", error_message=lambda: rate_limit_message(None))
def run_visible(exercise_id: str):
    form = SubmitForm()
    if not form.validate_on_submit():
        errors = [str(e) for e in (*form.source.errors, *form.upload.errors)] or [
            _("The form expired or is incomplete: reload the page and run again.")
        ]
        return _refused(exercise_id, " ".join(errors), 400)
    try:
        if form.upload.data:
            upload = read_upload(form.upload.data.read(), form.upload.data.filename)
        else:
            upload = SubmittedFile(normalise_newlines(form.source.data), "submission.py")
        run = start_run(current_user.id, exercise_id, upload)
    except (NotFoundError, NotServedError):
        abort(404, description=_("There is no published exercise %(id)s.", id=repr(exercise_id)))
    except SubmitError as exc:
        return _refused(exercise_id, str(exc), exc.status_code)
    if wants_json():
        response = jsonify(run_json(run))
        response.status_code = 202
        response.headers["Location"] = url_for("submissions.run_page", run_id=run.id)
        return response
    return redirect(url_for("submissions.run_page", run_id=run.id), code=303)


def own_run(run_id: str) -> TrialRun:
    """The signed-in learner's run ``run_id``; 404 for anyone else's, or one pruned."""
    run = db.session.get(TrialRun, run_id)
    if run is None or run.user_id != current_user.id:
        abort(404)
    return run


def run_view(run: TrialRun) -> ResultView:
    if run.status in TrialRunStatus.PENDING:
        return ResultView(pending=True)
    if run.status == TrialRunStatus.ERROR or not run.result:
        return ResultView(pending=False, grader_error=True, error_reason=run.error_reason)
    return document_view(run.result, feedback_language())


def run_json(run: TrialRun) -> dict:
    """What the page polls: the run's state and, rendered, its result (or the pending box)."""
    view = run_view(run)
    return {
        "id": run.id,
        "exercise": run.exercise_id,
        "status": run.status,
        "finished": view.finished,
        "result_status": view.status or ("error" if view.grader_error else None),
        "score": view.score,
        "max_score": view.max_score,
        "url": url_for("submissions.run_page", run_id=run.id),
        "html": render_template("submissions/_run_body.html", run=run, view=view),
    }


@bp.get("/runs/<run_id>")
@login_required
def run_page(run_id: str):
    run = own_run(run_id)
    title = exercise_title(run.exercise_id, run.exercise.title, current_language())
    return render_template(
        "submissions/run.html", run=run, view=run_view(run), exercise_title=title
    )


@bp.get("/runs/<run_id>/status.json")
@login_required
def run_status(run_id: str):
    return run_json(own_run(run_id))


def _run_plot(run_id: str, case_index: int, key: str, draw) -> Response:
    return case_plot(own_run(run_id), case_index, key, draw)


@bp.get("/runs/<run_id>/cases/<int:case_index>/heatmap.png")
@login_required
def run_heatmap(run_id: str, case_index: int):
    from webapp.plots import heatmap_png

    return _run_plot(run_id, case_index, "error_map", heatmap_png)


@bp.get("/runs/<run_id>/cases/<int:case_index>/curve.png")
@login_required
def run_loss_curve(run_id: str, case_index: int):
    from webapp.plots import loss_curve_png

    return _run_plot(run_id, case_index, "series", loss_curve_png)


__all__ = ["own_run", "rate_limit_message", "run_json", "run_limit", "too_many_runs"]
