"""One regrade item's life: claimed ``running`` by a worker, landed ``done`` or ``failed``.

The rules mirror a submission's (``grader.store.submissions``): a worker claims a
``queued`` item, or a ``running`` one when its message was redelivered or retried (``steal``)
or it claimed it itself before; an item lands once (a duplicate message changes nothing);
an item of a cancelled batch is not graded. Landing an item writes the submission's new
result, its history row tied to the batch, the learner's progress (rebuilt: a regrade may
lower a score) and the batch's counts, in the caller's transaction (nothing here commits).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, String, and_, bindparam, exists, or_, select, update
from sqlalchemy.orm import Session

from grader.store.models import (
    ExerciseRow,
    RegradeBatch,
    Submission,
    SubmissionResult,
    SubmissionStatus,
    utcnow,
)
from grader.store.progress import recompute_progress
from grader.store.regrade import finish_if_done
from grader.store.submissions import EXHAUSTED_REASON
from grader.store.tracking import ITEM_PENDING, RegradeItem

_items = RegradeItem.__table__
_CLAIM_ITEM = (
    update(_items)
    .where(
        _items.c.id == bindparam("b_id"),
        or_(
            _items.c.state == "queued",
            and_(
                _items.c.state == "running",
                or_(
                    bindparam("b_steal", type_=Boolean()),
                    _items.c.worker == bindparam("b_worker", type_=String()),
                ),
            ),
        ),
        _items.c.attempts < bindparam("b_max_attempts"),
        exists().where(RegradeBatch.id == _items.c.batch_id, RegradeBatch.state == "running"),
    )
    .values(
        state="running",
        attempts=_items.c.attempts + 1,
        started_at=bindparam("b_started", type_=_items.c.started_at.type),
        worker=bindparam("b_worker", type_=String()),
    )
    .returning(_items.c.submission_id, _items.c.seed)
)


@dataclass(frozen=True)
class ItemClaim:
    """What a regrade task learned when it tried to start on an item: ``action`` is
    ``grade``, ``done`` (already landed), ``busy`` (another worker grades it), ``cancelled``,
    ``missing`` or ``exhausted`` (too many attempts: now ``failed``)."""

    action: str
    item_id: int
    submission_id: int = 0
    seed: int | None = None
    exercise_id: str = ""
    exercise_version: str = ""
    source: str = ""
    filename: str = ""


def claim_item(
    session: Session,
    item_id: int,
    *,
    worker: str,
    max_attempts: int,
    steal: bool = False,
    now: datetime | None = None,
) -> ItemClaim:
    """Start grading a regrade item (see the module docstring); the caller commits."""
    at = now or utcnow()
    claimed = session.execute(
        _CLAIM_ITEM,
        {
            "b_id": item_id,
            "b_steal": steal,
            "b_worker": worker,
            "b_max_attempts": max_attempts,
            "b_started": at,
        },
    ).one_or_none()
    if claimed is None:
        return _why_not(session, item_id, max_attempts, at)
    submission = session.get(Submission, claimed.submission_id)
    version = session.scalar(
        select(ExerciseRow.version).where(ExerciseRow.id == submission.exercise_id)
    )
    return ItemClaim(
        "grade",
        item_id,
        submission_id=submission.id,
        seed=claimed.seed,
        exercise_id=submission.exercise_id,
        exercise_version=version or submission.exercise_version,
        source=submission.source,
        filename=submission.filename,
    )


def _why_not(session: Session, item_id: int, max_attempts: int, at: datetime) -> ItemClaim:
    item = session.get(RegradeItem, item_id, with_for_update=True, populate_existing=True)
    if item is None:
        return ItemClaim("missing", item_id)
    if item.state not in ITEM_PENDING:
        return ItemClaim("cancelled" if item.state == "cancelled" else "done", item_id)
    batch_state = session.scalar(select(RegradeBatch.state).where(RegradeBatch.id == item.batch_id))
    if batch_state != "running":
        if item.state == "queued":
            item.state, item.finished_at = "cancelled", at
            session.flush()
        return ItemClaim("cancelled", item_id)
    if item.attempts < max_attempts:
        return ItemClaim("busy", item_id)
    fail_item(session, item_id, EXHAUSTED_REASON.format(attempts=item.attempts), now=at)
    return ItemClaim("exhausted", item_id)


def apply_item_grade(
    session: Session,
    item_id: int,
    result: dict[str, Any],
    *,
    now: datetime | None = None,
) -> bool:
    """Land a regrade: the submission's new result, its history row, the learner's progress
    and the batch's counts. ``False`` (nothing written) when the item already landed."""
    at = now or utcnow()
    score, max_score = float(result["score"]), float(result["max_score"])
    landed = session.execute(
        update(RegradeItem)
        .where(RegradeItem.id == item_id, RegradeItem.state == "running")
        .values(state="done", new_score=score, max_score=max_score, finished_at=at)
        .returning(RegradeItem.batch_id, RegradeItem.submission_id, RegradeItem.old_score)
    ).one_or_none()
    if landed is None:
        return False
    submission = session.get(Submission, landed.submission_id, with_for_update=True)
    submission.status = SubmissionStatus.GRADED
    submission.score, submission.max_score, submission.result = score, max_score, result
    submission.exercise_version = result.get("version") or submission.exercise_version
    submission.error_reason = None
    submission.finished_at = submission.finished_at or at
    session.add(
        SubmissionResult(
            submission_id=submission.id,
            exercise_version=submission.exercise_version,
            status=str(result.get("status", "")),
            score=score,
            max_score=max_score,
            result=result,
            created_at=at,
            regrade_batch_id=landed.batch_id,
        )
    )
    session.flush()
    recompute_progress(session, submission.user_id, submission.exercise_id)
    changed = landed.old_score is None or abs(score - landed.old_score) > 1e-9
    session.execute(
        update(RegradeBatch)
        .where(RegradeBatch.id == landed.batch_id)
        .values(done=RegradeBatch.done + 1, changed=RegradeBatch.changed + int(changed))
    )
    finish_if_done(session, landed.batch_id, at)
    return True


def fail_item(session: Session, item_id: int, reason: str, *, now: datetime | None = None) -> bool:
    """An item the grader could not grade: it keeps its old result, the batch counts it
    failed. ``False`` when it had already landed."""
    at = now or utcnow()
    batch_id = session.execute(
        update(RegradeItem)
        .where(RegradeItem.id == item_id, RegradeItem.state.in_(ITEM_PENDING))
        .values(state="failed", reason=reason, finished_at=at)
        .returning(RegradeItem.batch_id)
    ).scalar_one_or_none()
    if batch_id is None:
        return False
    session.execute(
        update(RegradeBatch)
        .where(RegradeBatch.id == batch_id)
        .values(failed=RegradeBatch.failed + 1)
    )
    finish_if_done(session, batch_id, at)
    return True


__all__ = ["ItemClaim", "apply_item_grade", "claim_item", "fail_item"]
