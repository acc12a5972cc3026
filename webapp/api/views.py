"""``/api/v1``: exercises, submissions and progress as JSON. Errors are JSON too:
``{"error": "<kind>", "message": "<what is wrong and what to do>"}``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, abort, g, jsonify, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.exceptions import Unauthorized

from grader.core.results import learner_document
from grader.store import NotFoundError, NotServedError, user_for_token
from grader.store.deadlines import due_date
from grader.store.late_policy import late_policy_for
from grader.store.models import Submission, TrialRun
from webapp import queries
from webapp.access import STAFF_ROLES
from webapp.api import bp
from webapp.content import course_modules, exercise_or_404, exercise_title, module_title
from webapp.extensions import db, limiter
from webapp.i18n import current_language, describe_policy
from webapp.learn.curriculum import build_map, map_for, overall
from webapp.learn.late import counted_fields, submission_counted
from webapp.submissions.runs import rate_limit_message, run_limit
from webapp.submissions.service import (
    SubmitError,
    SubmittedFile,
    clean_filename,
    normalise_newlines,
    read_upload,
    start_run,
    submit_for_grading,
)
from webapp.submissions.views import submit_limit

JSON_SUBMISSION_FIELDS = {"exercise", "source", "filename"}
FORM_SUBMISSION_FIELDS = {"exercise", "filename"}
FILE_SUBMISSION_FIELDS = {"file"}
EXAMPLE = '{"exercise": "...", "source": "...", "filename": "solution.py"}'
RUN_EXAMPLE = '{"source": "...", "filename": "solution.py"}'


class TokenRequired(Unauthorized):
    def get_headers(self, environ=None, scope=None):
        challenge = ("WWW-Authenticate", 'Bearer realm="dlgrade"')
        return [*super().get_headers(environ, scope), challenge]


@bp.before_request
def _authenticate() -> None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenRequired(
            _(
                "This API needs a token: send 'Authorization: Bearer <token>'. Create one on "
                "the site's Settings page, or run `dlgrade login --server URL`."
            )
        )
    user = user_for_token(db.session, token.strip())
    db.session.commit()  # the token's last use (or nothing)
    if user is None:
        raise TokenRequired(_("The token is unknown or revoked; create a new one on Settings."))
    g.api_user = user


def _exercise_json(row) -> dict[str, Any]:
    """An exercise as the API lists it, its titles in the request's language."""
    language = current_language()
    module_default = dict(course_modules()).get(row.module, row.module)
    return {
        "id": row.id,
        "title": exercise_title(row.id, row.title, language),
        "module": row.module,
        "module_title": module_title(row.module, module_default, language),
        "order": row.order,
        "runner": row.runner,
        "version": row.version,
        "url": url_for("api.exercise", exercise_id=row.id, _external=True),
        "html_url": url_for("learn.exercise", exercise_id=row.id, _external=True),
    }


@bp.get("/exercises")
def exercises():
    rows = db.session.execute(queries.published_exercises()).scalars().all()
    listed = build_map(rows, [])  # course order
    by_id = {row.id: row for row in rows}
    return {"exercises": [_exercise_json(by_id[e.id]) for m in listed for e in m.exercises]}


@bp.get("/exercises/<exercise_id>")
def exercise(exercise_id: str):
    row, entry = exercise_or_404(exercise_id)
    text = entry.text(current_language())  # English when the exercise has no translation
    data = entry.summary()
    data.update(_exercise_json(row))
    data.update(
        language=text.language, prompt=text.statement, hints=list(text.hints), starter=entry.starter
    )
    return data


def _reject_unknown(present: set[str], allowed: set[str]) -> None:
    unknown = sorted(present - allowed)
    if unknown:
        abort(
            400,
            description=ngettext(
                "Unknown field: %(fields)s. Allowed: %(allowed)s.",
                "Unknown fields: %(fields)s. Allowed: %(allowed)s.",
                len(unknown),
                fields=", ".join(unknown),
                allowed=", ".join(sorted(allowed)),
            ),
        )


def _read_submission(exercise_id: str | None = None) -> tuple[str, SubmittedFile]:
    """The exercise id and the code of a submission; with ``exercise_id`` (a run, whose URL
    names the exercise) the body carries only the code."""
    named = exercise_id is not None
    if request.is_json:
        payload = request.get_json(silent=True)
        example = RUN_EXAMPLE if named else EXAMPLE
        if not isinstance(payload, dict):
            abort(
                400,
                description=_("The body is not a JSON object like %(example)s.", example=example),
            )
        _reject_unknown(set(payload), JSON_SUBMISSION_FIELDS - ({"exercise"} if named else set()))
        if named:
            payload["exercise"] = exercise_id
        exercise_id, source = payload.get("exercise"), payload.get("source")
        if not isinstance(exercise_id, str) or not exercise_id:
            abort(400, description=_("'exercise' (an exercise id, a string) is required."))
        if not isinstance(source, str) or not source.strip():
            abort(400, description=_("'source' (the code, a non-empty string) is required."))
        filename = payload.get("filename") or "submission.py"
        if not isinstance(filename, str):
            abort(400, description=_("'filename' must be a string."))
        name = clean_filename(filename)
        if name.lower().endswith(".ipynb"):
            return exercise_id, read_upload(source.encode("utf-8"), name)
        return exercise_id, SubmittedFile(normalise_newlines(source), name)
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        _reject_unknown(
            set(request.form), FORM_SUBMISSION_FIELDS - ({"exercise"} if named else set())
        )
        _reject_unknown(set(request.files), FILE_SUBMISSION_FIELDS)
        exercise_id = exercise_id if named else request.form.get("exercise", "")
        upload = request.files.get("file")
        if not exercise_id:
            abort(400, description=_("The form field 'exercise' (an exercise id) is required."))
        if upload is None:
            abort(400, description=_("The file field 'file' (a .py or .ipynb file) is required."))
        filename = request.form.get("filename") or upload.filename
        return exercise_id, read_upload(upload.read(), filename)
    abort(
        415,
        description=_(
            "Send JSON ({exercise, source, filename}) or multipart/form-data "
            "(exercise and a file field 'file')."
        ),
    )


def _submission_json(submission: Submission) -> dict[str, Any]:
    """A submission as the API serves it. ``score`` / ``max_score`` keep their first meaning,
    the raw score before any late penalty; ``counted_score`` is the score that counts,
    ``raw_score`` equals ``score``, ``penalty`` is what lateness took off (``late_days``
    days late; see :mod:`grader.store.deadlines`) and ``due_at`` the learner's due date."""
    policy = late_policy_for(db.session, submission.user_id)
    counted = submission_counted(
        submission.score, submission.max_score, submission.late_days, policy
    )
    due_at = due_date(db.session, submission.user_id, submission.exercise.module)
    data = {
        "id": submission.id,
        "exercise": submission.exercise_id,
        "exercise_version": submission.exercise_version,
        "filename": submission.filename,
        "status": submission.status,
        "created_at": submission.created_at.isoformat(),
        "finished_at": submission.finished_at.isoformat() if submission.finished_at else None,
        "score": submission.score,
        "max_score": submission.max_score,
        **counted_fields(counted, submission.late_days),
        "due_at": due_at.isoformat() if due_at else None,
        "late_policy": describe_policy(policy),
        "url": url_for("api.submission", submission_id=submission.id, _external=True),
        "html_url": url_for("submissions.result", submission_id=submission.id, _external=True),
        "result": None,
        "error_reason": submission.error_reason,
    }
    if submission.status == "graded" and submission.result:
        data["result"] = learner_document(submission.result)
    return data


@bp.post("/submissions")
@limiter.shared_limit(submit_limit, scope="submit")
def create_submission():
    return _accepted(None, submit_for_grading, _submission_json)


@bp.get("/submissions/<int:submission_id>")
def submission(submission_id: int):
    row = db.session.get(Submission, submission_id)
    user = g.api_user
    if row is None or (row.user_id != user.id and user.role not in STAFF_ROLES):
        abort(404, description=_("You have no submission %(id)s.", id=submission_id))
    return _submission_json(row)


def _run_json(run: TrialRun) -> dict[str, Any]:
    """A trial run as the API serves it; ``result`` is the learner's document of the visible
    cases (``grader.core.results.learner_document``), once ``status`` is ``done``."""
    return {
        "id": run.id,
        "exercise": run.exercise_id,
        "exercise_version": run.exercise_version,
        "filename": run.filename,
        "status": run.status,
        "created_at": run.created_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "url": url_for("api.trial_run", run_id=run.id, _external=True),
        "html_url": url_for("submissions.run_page", run_id=run.id, _external=True),
        "result": learner_document(run.result) if run.status == "done" and run.result else None,
        "error_reason": run.error_reason,
    }


@bp.post("/exercises/<exercise_id>/run")
@limiter.shared_limit(run_limit, scope="run", error_message=lambda: rate_limit_message(None))
def run_visible(exercise_id: str):
    """Run code on the exercise's visible cases only: not a submission (no attempt, no
    score); 202 with the run, to poll at its ``url`` (kept an hour)."""
    return _accepted(exercise_id, start_run, _run_json)


def _accepted(
    exercise_id: str | None,
    start: Callable[[int, str, SubmittedFile], Any],
    as_json: Callable[[Any], dict[str, Any]],
) -> Response:
    """Read the upload, hand it to ``start(user_id, exercise_id, upload)`` and answer 202 with
    the new row (``as_json``) and its ``Location``; an unknown exercise or an upload that
    cannot be taken is answered with the error that names it."""
    try:
        exercise_id, upload = _read_submission(exercise_id)
        row = start(g.api_user.id, exercise_id, upload)
    except (NotFoundError, NotServedError):
        abort(
            404,
            description=_(
                "No published exercise has the id %(id)s; GET /api/v1/exercises lists them.",
                id=repr(exercise_id),
            ),
        )
    except SubmitError as exc:
        abort(exc.status_code, description=str(exc))
    body = as_json(row)
    response = jsonify(body)
    response.status_code = 202
    response.headers["Location"] = body["url"]
    return response


@bp.get("/runs/<run_id>")
def trial_run(run_id: str):
    run = db.session.get(TrialRun, run_id)
    if run is None or run.user_id != g.api_user.id:
        abort(404, description=_("You have no run %(id)s (runs are kept an hour).", id=run_id))
    return _run_json(run)


@bp.get("/progress")
def progress():
    modules = map_for(db.session, g.api_user.id)
    totals = overall(modules)
    return {
        "user": {
            "id": g.api_user.id,
            "email": g.api_user.email,
            "display_name": g.api_user.display_name,
        },
        "passed": totals.passed,
        "attempted": totals.attempted,
        "total": totals.total,
        "modules": [m.to_dict() for m in modules],
    }
