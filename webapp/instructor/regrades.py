"""Views of regrades: start one (a submission, an exercise, a cohort) and read its report."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from grader.store import NotFoundError
from grader.store.models import Cohort, RegradeBatch, User
from webapp.extensions import db
from webapp.instructor import bp, queries
from webapp.instructor.forms import RegradeForm
from webapp.instructor.regrading import RegradeBusyError, Scope, start_regrade

RECENT_REGRADES = 50


def _back() -> str:
    """Where a failed regrade request goes back to: the page it came from, on this site."""
    target = request.form.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("instructor.regrades")


@bp.post("/regrade")
def regrade():
    form = RegradeForm()
    if not form.validate_on_submit():
        errors = [e for field in form for e in field.errors]
        flash("Cannot regrade: " + " ".join(errors or ["the form was incomplete."]), "error")
        return redirect(_back(), code=303)
    scope = Scope(form.submission_id.data, form.exercise_id.data or None, form.cohort_id.data)
    try:
        started = start_regrade(db.session, db.session_factory, scope, current_user.id)
    except NotFoundError as exc:
        flash(f"Cannot regrade: {exc}.", "error")
        return redirect(_back(), code=303)
    except RegradeBusyError as exc:
        flash(str(exc), "warning")
        return redirect(url_for("instructor.regrades"), code=303)
    if started.report is None:
        flash(
            f"Regrading {started.total} submissions in the background; "
            "its report appears below when it is done (refresh the page).",
            "success",
        )
        return redirect(url_for("instructor.regrades"), code=303)
    report_url = url_for("instructor.regrade_report", batch_id=started.report.batch_id)
    return redirect(report_url, code=303)


@bp.get("/regrades")
def regrades():
    batches = db.session.execute(queries.recent_regrades(RECENT_REGRADES)).all()
    return render_template("instructor/regrades.html", batches=batches)


@bp.get("/regrades/<int:batch_id>")
def regrade_report(batch_id: int):
    batch = db.session.get(RegradeBatch, batch_id)
    if batch is None:
        abort(404, description=f"There is no regrade {batch_id}.")
    requester = db.session.get(User, batch.requested_by) if batch.requested_by else None
    cohort = db.session.get(Cohort, batch.cohort_id) if batch.cohort_id else None
    done_so_far = None
    if batch.finished_at is None:
        done_so_far = db.session.scalar(queries.regraded_so_far(batch.id)) or 0
    return render_template(
        "instructor/regrade.html",
        batch=batch,
        report=batch.report,
        requester=requester,
        cohort=cohort,
        done_so_far=done_so_far,
    )
