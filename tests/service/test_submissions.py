"""A submission's life in the store: outbox row, claim, idempotent grade, progress."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from grader.store.exceptions import NotFoundError, NotServedError
from grader.store.models import (
    Cohort,
    CohortMember,
    Deadline,
    Progress,
    Submission,
    SubmissionResult,
    SubmissionStatus,
)
from grader.store.progress import recompute_progress
from grader.store.submissions import (
    EXHAUSTED_REASON,
    claim_submission,
    create_submission,
    late_penalised_score,
    mark_error,
    record_grade,
)
from tests.service.factories import add_exercise, add_user, result_doc, utc


@pytest.fixture
def learner(session):
    return add_user(session)


@pytest.fixture
def exercise(session):
    return add_exercise(session)


def submit(session, user, exercise_id="softmax-cross-entropy", **kwargs):
    return create_submission(
        session, user_id=user.id, exercise_id=exercise_id, source="def f(): pass", **kwargs
    )


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_create_submission_adds_a_queued_row_pinned_to_the_version(sessions, learner, exercise):
    with sessions() as session:
        submission = submit(session, learner)
        assert submission.id is not None  # flushed: the caller can enqueue it after commit
        with sessions() as other:  # the caller owns the transaction: nothing committed yet
            assert other.get(Submission, submission.id) is None
        session.commit()
    with sessions() as other:  # visible to another connection once the caller committed
        row = other.get(Submission, submission.id)
        assert row.status == SubmissionStatus.QUEUED
        assert row.exercise_version == "v1"
        assert row.enqueued_at is None and row.attempts == 0


def test_create_submission_refuses_unknown_and_unserved_exercises(session, learner):
    with pytest.raises(NotFoundError, match="no exercise 'nope'"):
        submit(session, learner, "nope")
    add_exercise(session, "broken", validated=False)
    with pytest.raises(NotServedError, match="not open for submissions"):
        submit(session, learner, "broken")


def test_claim_marks_running_and_counts_attempts(session, learner, exercise):
    submission = submit(session, learner)
    claim = claim_submission(session, submission.id, worker="cpu@w1", runner="cpu", max_attempts=3)
    assert claim.action == "grade" and claim.attempts == 1
    assert claim.source == "def f(): pass" and claim.exercise_id == exercise.id
    session.expire_all()
    row = session.get(Submission, submission.id)
    assert (row.status, row.worker, row.runner, row.attempts) == ("running", "cpu@w1", "cpu", 1)
    assert row.started_at is not None


def test_claim_of_a_graded_submission_does_nothing(session, learner, exercise):
    submission = submit(session, learner)
    record_grade(session, submission.id, result_doc(10), worker="w", runner="cpu")
    claim = claim_submission(session, submission.id, worker="w", runner="cpu", max_attempts=3)
    assert claim.action == "done"
    assert claim_submission(session, 999, worker="w", runner="cpu", max_attempts=3).action == (
        "missing"
    )


def test_claim_after_the_last_attempt_ends_in_error_with_a_readable_reason(
    session, learner, exercise
):
    submission = submit(session, learner)
    for _ in range(2):
        assert (
            claim_submission(
                session, submission.id, worker="w", runner="cpu", max_attempts=2
            ).action
            == "grade"
        )
    claim = claim_submission(session, submission.id, worker="w", runner="cpu", max_attempts=2)
    assert claim.action == "exhausted"
    session.expire_all()
    row = session.get(Submission, submission.id)
    assert row.status == SubmissionStatus.ERROR
    assert row.error_reason == EXHAUSTED_REASON.format(attempts=2)
    assert "2 times" in row.error_reason


def test_record_grade_stores_result_history_and_progress_together(session, learner, exercise):
    submission = submit(session, learner)
    stored = record_grade(
        session, submission.id, result_doc(10, version="v1"), worker="cpu@w1", runner="cpu"
    )
    assert stored is True
    session.expire_all()
    row = session.get(Submission, submission.id)
    assert (row.status, row.score, row.max_score) == ("graded", 10.0, 10.0)
    assert row.result["status"] == "passed" and row.finished_at is not None
    assert count(session, SubmissionResult) == 1
    progress = session.get(Progress, (learner.id, exercise.id))
    assert progress.best_score == 10.0 and progress.attempts == 1 and progress.passed
    assert progress.first_passed_at == row.created_at
    assert progress.best_submission_id == row.id


def test_record_grade_twice_keeps_one_result(session, learner, exercise):
    submission = submit(session, learner)
    assert record_grade(session, submission.id, result_doc(4), worker="a", runner="cpu")
    assert not record_grade(session, submission.id, result_doc(10), worker="b", runner="cpu")
    session.expire_all()
    assert session.get(Submission, submission.id).score == 4.0
    assert count(session, SubmissionResult) == 1
    assert session.get(Progress, (learner.id, exercise.id)).attempts == 1


def test_record_grade_of_an_unknown_submission_raises(session):
    with pytest.raises(NotFoundError):
        record_grade(session, 42, result_doc(1), worker="w", runner="cpu")


def test_a_late_grade_replaces_an_error(session, learner, exercise):
    submission = submit(session, learner)
    assert mark_error(session, submission.id, "gave up")
    assert record_grade(session, submission.id, result_doc(7), worker="w", runner="cpu")
    session.expire_all()
    row = session.get(Submission, submission.id)
    assert row.status == "graded" and row.error_reason is None
    assert not mark_error(session, submission.id, "too late")  # a grade is never overwritten


def test_progress_keeps_the_best_score_and_the_first_pass(session, learner, exercise):
    t0 = utc(2030, 1, 1, 12)
    scores = [3.0, 10.0, 6.0, 10.0]
    for minute, score in enumerate(scores):
        s = submit(session, learner, now=t0 + timedelta(minutes=minute))
        record_grade(session, s.id, result_doc(score), worker="w", runner="cpu")
    progress = session.get(Progress, (learner.id, exercise.id))
    assert progress.attempts == 4
    assert progress.best_score == 10.0
    assert progress.first_passed_at == t0 + timedelta(minutes=1)
    assert progress.last_submitted_at == t0 + timedelta(minutes=3)
    # recomputing from the submissions gives the same row
    before = (progress.best_score, progress.attempts, progress.first_passed_at)
    recompute_progress(session, learner.id, exercise.id)
    session.commit()
    after = session.get(Progress, (learner.id, exercise.id))
    assert (after.best_score, after.attempts, after.first_passed_at) == before


def test_late_days_come_from_the_most_lenient_cohort_deadline(session, learner, exercise):
    strict = Cohort(name="strict", enrolment_code="S", late_policy="per_day", penalty_per_day=0.1)
    lenient = Cohort(name="lenient", enrolment_code="L")
    session.add_all([strict, lenient])
    session.commit()
    session.add_all(
        [
            CohortMember(cohort_id=strict.id, user_id=learner.id),
            CohortMember(cohort_id=lenient.id, user_id=learner.id),
            Deadline(cohort_id=strict.id, module="neural-networks", due_at=utc(2030, 1, 1)),
            Deadline(cohort_id=lenient.id, module="neural-networks", due_at=utc(2030, 1, 3)),
        ]
    )
    session.commit()
    on_time = submit(session, learner, now=utc(2030, 1, 2))
    late = submit(session, learner, now=utc(2030, 1, 4, 0, 1))
    assert on_time.late_days == 0
    assert late.late_days == 2  # 1 day and 1 minute late: rounded up
    assert late_penalised_score(8.0, 10.0, 2, "per_day", 0.1) == pytest.approx(6.0)
    assert late_penalised_score(8.0, 10.0, 20, "per_day", 0.1) == 0.0
    assert late_penalised_score(8.0, 10.0, 2, "none", 0.1) == 8.0
