"""A submission's life in the database: created ``queued``, claimed ``running``, graded once.

- :func:`create_submission` adds the row; the caller commits it *before* anything is sent to
  a broker (the outbox: if the broker is down the row stays ``queued`` and the sweeper sends
  it later).
- :func:`claim_submission` is the first thing a grading task does: under a row lock it counts
  the attempt, marks the row ``running`` with the claiming worker's name, or says why there is
  nothing to do (already graded: a duplicate message; running on another worker: a duplicate
  while it grades; too many attempts: the submission keeps killing its worker).
- :func:`record_grade` writes the result, its history row and the learner's progress in the
  caller's transaction, and is idempotent: a second grade of a graded submission changes
  nothing.

The caller owns the transaction: none of these functions commits or rolls back (a
``session_scope`` around each call does, as the grading task and ``submit`` do).
"""

# Over 400 lines: a submission's whole life, with its SQL for PostgreSQL and for SQLite.

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Insert,
    String,
    and_,
    bindparam,
    case,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from grader.store.deadlines import due_date, late_days
from grader.store.exceptions import NotFoundError, NotServedError
from grader.store.models import (
    ExerciseRow,
    Progress,
    Submission,
    SubmissionResult,
    SubmissionStatus,
    utcnow,
)
from grader.store.progress import apply_grade, grade_upsert_from, is_pass

#: what a learner reads when their submission made the grader stop too many times
EXHAUSTED_REASON = (
    "Grading stopped unexpectedly {attempts} times while running this submission, so it was "
    "not graded. Code that uses a great deal of memory or starts many processes can cause "
    "this; check yours, then submit again. If it keeps happening, tell your instructor."
)


@dataclass(frozen=True)
class Claim:
    """What a grading task learned when it tried to start on a submission.

    ``action`` is ``"grade"`` (go ahead), ``"done"`` (already graded or failed: a duplicate
    delivery), ``"busy"`` (another worker is grading it: a duplicate message), ``"missing"``
    (no such row) or ``"exhausted"`` (too many attempts; now ``error``).
    """

    action: str
    submission_id: int
    exercise_id: str = ""
    exercise_version: str = ""
    source: str = ""
    filename: str = ""
    attempts: int = 0
    user_id: int = 0


# The statements every grade runs, built once: a statement built per call costs more Python
# than its round trip to the database (SQLAlchemy memoises a built statement's cache key).
_submissions = Submission.__table__
_CLAIM = (
    update(_submissions)
    .where(
        _submissions.c.id == bindparam("b_id"),
        or_(
            _submissions.c.status == SubmissionStatus.QUEUED,
            and_(
                _submissions.c.status == SubmissionStatus.RUNNING,
                or_(
                    bindparam("b_steal", type_=Boolean()),
                    _submissions.c.worker == bindparam("b_worker", type_=String()),
                ),
            ),
        ),
        _submissions.c.attempts < bindparam("b_max_attempts"),
    )
    .values(
        attempts=_submissions.c.attempts + 1,
        status=SubmissionStatus.RUNNING,
        started_at=bindparam("b_started", type_=_submissions.c.started_at.type),
        worker=bindparam("b_worker", type_=_submissions.c.worker.type),
        runner=bindparam("b_runner", type_=_submissions.c.runner.type),
    )
    .returning(
        _submissions.c.exercise_id,
        _submissions.c.source,
        _submissions.c.filename,
        _submissions.c.attempts,
        _submissions.c.user_id,
        select(ExerciseRow.__table__.c.version)
        .where(ExerciseRow.__table__.c.id == _submissions.c.exercise_id)
        .scalar_subquery()
        .label("version"),
    )
)
_RECORD = (
    update(_submissions)
    .where(
        _submissions.c.id == bindparam("b_id"),
        _submissions.c.status != SubmissionStatus.GRADED,
    )
    .values(
        status=SubmissionStatus.GRADED,
        score=bindparam("b_score", type_=_submissions.c.score.type),
        max_score=bindparam("b_max_score", type_=_submissions.c.max_score.type),
        result=bindparam("b_result", type_=_submissions.c.result.type),
        error_reason=None,
        finished_at=bindparam("b_finished", type_=_submissions.c.finished_at.type),
        exercise_version=func.coalesce(
            bindparam("b_version", type_=_submissions.c.exercise_version.type),
            _submissions.c.exercise_version,
        ),
        worker=func.coalesce(
            bindparam("b_worker", type_=_submissions.c.worker.type), _submissions.c.worker
        ),
        runner=func.coalesce(
            bindparam("b_runner", type_=_submissions.c.runner.type), _submissions.c.runner
        ),
    )
    .returning(
        _submissions.c.user_id,
        _submissions.c.exercise_id,
        _submissions.c.exercise_version,
        _submissions.c.created_at,
    )
)
_RECORD_HISTORY = insert(SubmissionResult.__table__)


def _record_in_one_statement() -> Insert:
    """PostgreSQL: the grade, its history row and the progress fold in one statement.

    ``WITH graded AS (UPDATE submissions ... RETURNING ...), history AS (INSERT INTO
    submission_results SELECT ... FROM graded) INSERT INTO progress SELECT ... FROM graded ON
    CONFLICT DO UPDATE ... RETURNING``: atomic by itself, one round trip instead of three,
    and a row only when the submission was not graded before (the same conditional update
    as :data:`_RECORD`).
    """
    graded = _RECORD.cte("graded")
    results = SubmissionResult.__table__.c
    columns = ["submission_id", "exercise_version", "status", "score", "max_score", "result"]
    history = (
        insert(SubmissionResult.__table__)
        .from_select(
            [*columns, "created_at"],
            select(
                bindparam("b_id", type_=results.submission_id.type),
                graded.c.exercise_version,
                bindparam("b_status", type_=results.status.type),
                bindparam("b_score", type_=results.score.type),
                bindparam("b_max_score", type_=results.max_score.type),
                bindparam("b_result", type_=results.result.type),
                bindparam("b_finished", type_=results.created_at.type),
            ),
        )
        .cte("history")
    )
    grades = select(
        graded.c.user_id,
        graded.c.exercise_id,
        bindparam("b_score", type_=results.score.type),
        bindparam("b_max_score", type_=results.max_score.type),
        bindparam("b_id", type_=results.submission_id.type),
        literal(1),
        case((bindparam("b_passed", type_=Boolean()), graded.c.created_at), else_=null()),
        graded.c.created_at,
    )
    return grade_upsert_from(grades).add_cte(history).returning(Progress.__table__.c.user_id)


_RECORD_ONCE = _record_in_one_statement()


def late_days_for(session: Session, user_id: int, exercise: ExerciseRow, at: datetime) -> int:
    """Whole days (rounded up) past the learner's due date on the exercise's module
    (:func:`grader.store.deadlines.due_date`: the most lenient cohort, extensions included);
    0 when on time or when nothing is due."""
    return late_days(at, due_date(session, user_id, exercise.module))


def create_submission(
    session: Session,
    *,
    user_id: int,
    exercise_id: str,
    source: str,
    filename: str = "submission.py",
    now: datetime | None = None,
) -> Submission:
    """Add a new ``queued`` submission of a served exercise (flushed: it has its id).

    Raise :class:`NotFoundError` for an unknown exercise and :class:`NotServedError` for one
    that did not validate. The caller commits, then enqueues it (``grader.service.enqueue``),
    never before.
    """
    exercise = session.get(ExerciseRow, exercise_id)
    if exercise is None:
        raise NotFoundError("exercise", exercise_id)
    if not exercise.validated:
        raise NotServedError(
            f"exercise {exercise_id!r} is not open for submissions"
            + (f": {exercise.validation_message}" if exercise.validation_message else "")
        )
    created = now or utcnow()
    submission = Submission(
        user_id=user_id,
        exercise=exercise,
        exercise_version=exercise.version,
        source=source,
        filename=filename,
        status=SubmissionStatus.QUEUED,
        created_at=created,
        late_days=late_days_for(session, user_id, exercise, created),
        attempts=0,
    )
    session.add(submission)
    session.flush()
    return submission


def _locked(session: Session, submission_id: int) -> Submission | None:
    return session.scalars(
        select(Submission)
        .where(Submission.id == submission_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()


def claim_submission(
    session: Session,
    submission_id: int,
    *,
    worker: str,
    runner: str,
    max_attempts: int,
    steal: bool = False,
    now: datetime | None = None,
) -> Claim:
    """Start (or restart) grading a submission: count the attempt, mark it ``running`` by
    ``worker``. The caller commits (at once: the claim tells other workers to keep off).

    A ``queued`` row is claimed. A ``running`` one is claimed only when ``steal`` (the message
    was redelivered by the broker or is a retry: the attempt it was part of is over) or when
    ``worker`` itself claimed it before (its grading process died); otherwise another worker
    is grading it (``busy``). A submission already graded or failed is left alone (``done``).
    One that has already started ``max_attempts`` times ends ``error`` with a reason a
    learner can read (``exhausted``): a submission that kills its worker is not retried
    forever. The claim's ``exercise_version`` is the exercise's current (synced) version.
    """
    claimed = session.execute(
        _CLAIM,
        {
            "b_id": submission_id,
            "b_max_attempts": max_attempts,
            "b_started": now or utcnow(),
            "b_worker": worker,
            "b_runner": runner,
            "b_steal": steal,
        },
    ).one_or_none()
    if claimed is not None:
        return Claim(
            "grade",
            submission_id,
            exercise_id=claimed.exercise_id,
            exercise_version=claimed.version or "",
            source=claimed.source,
            filename=claimed.filename,
            attempts=claimed.attempts,
            user_id=claimed.user_id,
        )
    # nothing claimed: find out why (rare, so a second look costs nothing)
    submission = _locked(session, submission_id)
    if submission is None:
        return Claim("missing", submission_id)
    if submission.status not in SubmissionStatus.PENDING:
        return Claim("done", submission_id)
    if submission.attempts < max_attempts:
        return Claim("busy", submission_id, attempts=submission.attempts)
    _fail(submission, EXHAUSTED_REASON.format(attempts=submission.attempts), now)
    session.flush()
    return Claim("exhausted", submission_id, attempts=submission.attempts)


def record_grade(
    session: Session,
    submission_id: int,
    result: dict[str, Any],
    *,
    worker: str | None,
    runner: str | None,
    now: datetime | None = None,
) -> bool:
    """Store a grade: the submission's latest result, its history row and the learner's
    progress, in the caller's transaction.

    Idempotent: return ``False`` and change nothing when the submission is already graded
    (a redelivered or duplicated task: the conditional update takes the row lock, so of two
    grades landing at once exactly one writes). A submission marked ``error`` (for instance by
    the sweeper) still accepts a grade that arrives later: the learner keeps the real result.
    """
    finished = now or utcnow()
    score, max_score = float(result["score"]), float(result["max_score"])
    params = {
        "b_id": submission_id,
        "b_score": score,
        "b_max_score": max_score,
        "b_result": result,
        "b_finished": finished,
        "b_version": result.get("version") or None,
        "b_worker": worker or None,
        "b_runner": runner or None,
    }
    if session.get_bind().dialect.name == "postgresql":
        params["b_status"] = str(result.get("status", ""))
        params["b_passed"] = is_pass(score, max_score)
        stored = session.execute(_RECORD_ONCE, params).one_or_none()
        if stored is None and session.get(Submission, submission_id) is None:
            raise NotFoundError("submission", submission_id)
        return stored is not None
    graded = session.execute(
        _RECORD,
        params,
    ).one_or_none()
    if graded is None:
        if session.get(Submission, submission_id) is None:
            raise NotFoundError("submission", submission_id)
        return False
    session.execute(
        _RECORD_HISTORY,
        {
            "submission_id": submission_id,
            "exercise_version": graded.exercise_version,
            "status": str(result.get("status", "")),
            "score": score,
            "max_score": max_score,
            "result": result,
            "created_at": finished,
        },
    )
    apply_grade(
        session,
        user_id=graded.user_id,
        exercise_id=graded.exercise_id,
        submission_id=submission_id,
        score=score,
        max_score=max_score,
        submitted_at=graded.created_at,
    )
    return True


def _fail(submission: Submission, reason: str, now: datetime | None) -> None:
    submission.status = SubmissionStatus.ERROR
    submission.error_reason = reason
    submission.finished_at = now or utcnow()


def mark_error(
    session: Session, submission_id: int, reason: str, *, now: datetime | None = None
) -> bool:
    """Mark a pending submission ``error`` with a reason for the learner (the caller commits).

    Return ``False`` when it was already graded or failed (a grade is never overwritten).
    """
    submission = _locked(session, submission_id)
    if submission is None or submission.status not in SubmissionStatus.PENDING:
        return False
    _fail(submission, reason, now)
    session.flush()
    return True


def late_penalised_score(
    score: float, max_score: float, late_days: int, late_policy: str, penalty_per_day: float
) -> float:
    """The score after a cohort's late penalty: ``penalty_per_day`` is a fraction of
    ``max_score`` lost per late day (never below zero)."""
    if late_policy != "per_day" or late_days <= 0:
        return score
    return max(0.0, score - late_days * penalty_per_day * max_score)


__all__ = [
    "EXHAUSTED_REASON",
    "Claim",
    "claim_submission",
    "create_submission",
    "late_days_for",
    "late_penalised_score",
    "mark_error",
    "record_grade",
]
