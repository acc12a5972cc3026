"""Views of submissions. Every URL here names learner-owned data and checks the signed-in
user against its owner (``webapp.access``): others get 404, as if it did not exist."""

from __future__ import annotations

import difflib

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
from sqlalchemy import bindparam, select
from werkzeug.exceptions import RequestEntityTooLarge, TooManyRequests

from grader.core.messages import LANGUAGES
from grader.store import NotFoundError, NotServedError
from grader.store.late_policy import late_policy_for
from grader.store.models import ExerciseRow, Submission, User
from webapp.access import is_staff, require_view_of
from webapp.content import exercise_title
from webapp.extensions import db, limiter
from webapp.i18n import current_language
from webapp.learn.forms import SubmitForm
from webapp.learn.late import counted_fields, submission_counted
from webapp.learn.views import render_exercise
from webapp.queries import submissions_of
from webapp.submissions import bp
from webapp.submissions.results import build_view, case_plot
from webapp.submissions.service import (
    AttemptLimitError,
    SubmitError,
    SubmittedFile,
    normalise_newlines,
    read_upload,
    submit_for_grading,
)

MAX_DIFF_LINES = 4000


def submit_limit() -> str:
    return current_app.config["SUBMIT_RATE_LIMIT"]


@bp.post("/exercises/<exercise_id>/submit")
@login_required
@limiter.shared_limit(submit_limit, scope="submit")
def submit(exercise_id: str):
    form = SubmitForm()
    if not form.validate_on_submit():
        return render_exercise(exercise_id, form=form, status=400)
    try:
        if form.upload.data:
            upload = read_upload(form.upload.data.read(), form.upload.data.filename)
        else:
            upload = SubmittedFile(normalise_newlines(form.source.data), "submission.py")
        submission = submit_for_grading(current_user.id, exercise_id, upload)
    except (NotFoundError, NotServedError):
        abort(404, description=_("There is no published exercise %(id)s.", id=repr(exercise_id)))
    except AttemptLimitError as exc:
        return _back_to_exercise(exercise_id, str(exc))
    except SubmitError as exc:
        form.source.errors.append(str(exc))
        return render_exercise(exercise_id, form=form, status=exc.status_code)
    return redirect(url_for("submissions.result", submission_id=submission.id), code=303)


def _back_to_exercise(exercise_id: str, message: str) -> Response:
    """Redirect after a refused POST (a reload must not post again): the exercise page says
    why, and its editor gets back the text it sent (kept by the page's script)."""
    flash(message, "error")
    return redirect(url_for("learn.exercise", exercise_id=exercise_id, kept=1), code=303)


@bp.errorhandler(429)
def _too_many(error: TooManyRequests):
    """The site-wide rate limit on the submit form: redirect after the POST, saying when to
    try again (the API answers 429 with JSON, from its own blueprint)."""
    exercise_id = (request.view_args or {}).get("exercise_id")
    if request.endpoint == "submissions.run_visible":
        from webapp.submissions.runs import too_many_runs

        return too_many_runs(error)
    if request.endpoint != "submissions.submit" or not exercise_id:
        return error
    retry = error.get_headers()
    wait = next((value for name, value in retry if name == "Retry-After"), None)
    return _back_to_exercise(
        exercise_id,
        _(
            "You submitted too often in a short time; your code was not submitted. Try again "
            "in %(seconds)s seconds; meanwhile, test it locally with `dlgrade check`.",
            seconds=wait,
        )
        if wait
        else _(
            "You submitted too often in a short time; your code was not submitted. Wait a "
            "minute; meanwhile, test it locally with `dlgrade check`."
        ),
    )


@bp.errorhandler(413)
def _too_large(error: RequestEntityTooLarge):
    """An upload over the size limit: say what the limit is and link back to the exercise."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    exercise_id = (request.view_args or {}).get("exercise_id")
    back = url_for("learn.exercise", exercise_id=exercise_id) if exercise_id else None
    description = _(
        "What you sent is larger than this site accepts: at most %(size)s per submission. "
        "Submit a smaller file (a notebook's outputs and images count: clear them, or submit "
        "the .py code only).",
        size=_size(limit),
    )
    if request.endpoint == "submissions.run_visible":
        from webapp.submissions.runs import wants_json

        if wants_json():  # the exercise page's script shows the message in place
            response = jsonify(error="too_large", message=description)
            response.status_code = 413
            return response
    response = current_app.make_response(
        render_template(
            "errors/error.html",
            code=413,
            name=_("Upload too large"),
            description=description,
            back_url=back,
            back_label=_("Back to the exercise"),
        )
    )
    response.status_code = 413
    return response


def _size(n: int) -> str:
    """Bytes as people read them: "2 KB", "1.5 MB"."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.3g} MB"
    if n >= 1024:
        return f"{n / 1024:.3g} KB"
    return _("%(num)s bytes", num=n)


#: a submission with its owner and its exercise's title; built once (every result page asks)
_WITH_OWNER = (
    select(Submission, User, ExerciseRow.title)
    .join(User, User.id == Submission.user_id)
    .join(ExerciseRow, ExerciseRow.id == Submission.exercise_id)
    .where(Submission.id == bindparam("b_id"))
)


def _visible_submission(submission_id: int) -> tuple[Submission, User, str]:
    """The submission, its owner and its exercise's title, in one query; 404 unless the
    signed-in user owns it or is staff."""
    row = db.session.execute(_WITH_OWNER, {"b_id": submission_id}).one_or_none()
    if row is None:
        abort(404)
    submission, owner, title = row
    require_view_of(owner.id)
    return submission, owner, exercise_title(submission.exercise_id, title, current_language())


def readable_source(submission: Submission) -> str:
    """The submitted code as text; for a notebook, its code cells as the grader reads them."""
    if not submission.filename.lower().endswith(".ipynb"):
        return submission.source
    from grader.core.notebook import NotebookError, notebook_to_source

    try:
        return notebook_to_source(submission.source).source
    except NotebookError:
        return submission.source


def feedback_language() -> str:
    """The language a result's messages are shown in: the request's (the site's locale
    selector: the user's setting, the switcher, ``Accept-Language``), where the feedback is
    written in it, else English."""
    language = current_language()
    return language if language in LANGUAGES else "en"


def _result_context(submission: Submission, owner: User, title: str) -> dict:
    policy = late_policy_for(db.session, owner.id)
    return {
        "late_policy": policy,
        "counted": submission_counted(
            submission.score, submission.max_score, submission.late_days, policy
        ),
        "submission": submission,
        "owner": owner,
        "is_owner": owner.id == current_user.id,
        "exercise_title": title,
        "view": build_view(submission, feedback_language()),
        "source": readable_source(submission),
    }


@bp.get("/submissions/<int:submission_id>")
@login_required
def result(submission_id: int):
    return render_template(
        "submissions/result.html", **_result_context(*_visible_submission(submission_id))
    )


@bp.get("/submissions/<int:submission_id>/status.json")
@login_required
def status(submission_id: int):
    context = _result_context(*_visible_submission(submission_id))
    view = context["view"]
    submission = context["submission"]
    data = {
        "id": submission.id,
        "status": submission.status,
        "finished": view.finished,
        "result_status": view.status or None,
        "score": submission.score,
        "max_score": submission.max_score,
        **counted_fields(context["counted"], submission.late_days),
    }
    if view.finished:
        data["html"] = render_template("submissions/_result_body.html", **context)
    return data


def _plot(submission_id: int, case_index: int, key: str, draw) -> Response:
    submission, _owner, _title = _visible_submission(submission_id)
    response = case_plot(submission, case_index, key, draw)
    # A graded result never changes (a regrade writes a new document, with a new etag).
    response.set_etag(f"{submission.id}-{case_index}-{key}-{submission.finished_at}")
    return response.make_conditional(request)


@bp.get("/submissions/<int:submission_id>/cases/<int:case_index>/heatmap.png")
@login_required
def heatmap(submission_id: int, case_index: int):
    from webapp.plots import heatmap_png

    return _plot(submission_id, case_index, "error_map", heatmap_png)


@bp.get("/submissions/<int:submission_id>/cases/<int:case_index>/curve.png")
@login_required
def loss_curve(submission_id: int, case_index: int):
    from webapp.plots import loss_curve_png

    return _plot(submission_id, case_index, "series", loss_curve_png)


def _history_owner() -> User:
    """Whose history: the signed-in user, or (staff only) ``?user=<id>``."""
    wanted = request.args.get("user", type=int)
    if wanted is None or wanted == current_user.id:
        return current_user
    if not is_staff(current_user):
        abort(404)
    owner = db.session.get(User, wanted)
    if owner is None:
        abort(404)
    return owner


def _exercise_title(exercise_id: str) -> str:
    title = db.session.scalar(select(ExerciseRow.title).where(ExerciseRow.id == exercise_id))
    if title is None:
        abort(404)
    return exercise_title(exercise_id, title, current_language())


@bp.get("/exercises/<exercise_id>/history")
@login_required
def history(exercise_id: str):
    owner = _history_owner()
    title = _exercise_title(exercise_id)
    submissions = db.session.execute(submissions_of(owner.id, exercise_id)).scalars().all()
    return render_template(
        "submissions/history.html",
        submissions=submissions,
        owner=owner,
        is_owner=owner.id == current_user.id,
        exercise_id=exercise_id,
        exercise_title=title,
    )


def diff_lines(old: str, new: str, old_name: str, new_name: str) -> list[tuple[str, str]]:
    """A unified diff as (css class, line) pairs; the template escapes the text."""
    lines = []
    for line in difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_name, new_name, lineterm=""
    ):
        if line.startswith(("---", "+++")):
            kind = "meta"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "del"
        else:
            kind = "same"
        lines.append((kind, line))
        if len(lines) >= MAX_DIFF_LINES:
            lines.append(("meta", "… (the rest of the diff is not shown)"))
            break
    return lines


@bp.get("/exercises/<exercise_id>/diff")
@login_required
def diff(exercise_id: str):
    owner = _history_owner()
    title = _exercise_title(exercise_id)
    ids = [request.args.get("a", type=int), request.args.get("b", type=int)]
    if None in ids:
        flash(_("Choose two submissions to compare."), "warning")
        return redirect(url_for("submissions.history", exercise_id=exercise_id))
    found = {
        s.id: s
        for s in db.session.execute(
            submissions_of(owner.id, exercise_id).where(Submission.id.in_(ids))
        ).scalars()
    }
    if any(i not in found for i in ids):
        abort(404)
    old, new = sorted((found[i] for i in ids), key=lambda s: (s.created_at, s.id))
    lines = diff_lines(
        readable_source(old), readable_source(new), f"submission {old.id}", f"submission {new.id}"
    )
    return render_template(
        "submissions/diff.html",
        old=old,
        new=new,
        lines=lines,
        owner=owner,
        is_owner=owner.id == current_user.id,
        exercise_id=exercise_id,
        exercise_title=title,
    )
