"""Regrading keeps old results, pins new ones to the new version, and reports the changes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from grader.exceptions import SandboxError
from grader.store.exceptions import NotFoundError
from grader.store.models import (
    Cohort,
    CohortMember,
    Progress,
    RegradeBatch,
    Submission,
    SubmissionResult,
)
from grader.store.regrade import regrade, select_submissions
from grader.store.submissions import create_submission, record_grade
from tests.service.factories import add_exercise, add_user, result_doc


@pytest.fixture
def graded(session):
    """Two learners with graded submissions of one exercise at version v1."""
    ada, bob = add_user(session, "ada@example.org"), add_user(session, "bob@example.org")
    add_exercise(session, version="v1")
    add_exercise(session, "other", version="v1")
    rows = {}
    for user, score in ((ada, 10.0), (bob, 4.0)):
        s = create_submission(
            session, user_id=user.id, exercise_id="softmax-cross-entropy", source=user.email
        )
        record_grade(session, s.id, result_doc(score), worker="w", runner="cpu")
        rows[user.email] = s.id
    other = create_submission(session, user_id=bob.id, exercise_id="other", source="o")
    record_grade(session, other.id, result_doc(1.0), worker="w", runner="cpu")
    return {"ada": ada, "bob": bob, "ids": rows, "other": other.id}


def new_version_grader(scores):
    """Grades by the submission's source (the learner's email) at version v2."""

    def grade(submission):
        return result_doc(scores[submission.source], version="v2")

    return grade


def test_regrade_of_an_exercise_reports_who_changed_and_keeps_history(session, graded):
    ids = select_submissions(session, exercise_id="softmax-cross-entropy")
    assert sorted(ids) == sorted(graded["ids"].values())
    grade = new_version_grader({"ada@example.org": 7.0, "bob@example.org": 4.0})
    report = regrade(session, ids, grade, scope="exercise softmax-cross-entropy")
    assert report.total == 2 and report.unchanged == 1 and report.decreased == 1
    (change,) = report.changed
    assert change["email"] == "ada@example.org"
    assert (change["old_score"], change["new_score"], change["delta"]) == (10.0, 7.0, -3.0)
    assert change["exercise_version"] == "v2"
    assert "ada@example.org softmax-cross-entropy: 10 -> 7/10 (-3)" in report.format()

    ada_id = graded["ids"]["ada@example.org"]
    history = session.scalars(
        select(SubmissionResult)
        .where(SubmissionResult.submission_id == ada_id)
        .order_by(SubmissionResult.id)
    ).all()
    assert [(h.exercise_version, h.score) for h in history] == [("v1", 10.0), ("v2", 7.0)]
    assert history[0].regrade_batch_id is None and history[1].regrade_batch_id == report.batch_id
    submission = session.get(Submission, ada_id)
    assert (submission.score, submission.exercise_version) == (7.0, "v2")
    progress = session.get(Progress, (graded["ada"].id, "softmax-cross-entropy"))
    assert progress.best_score == 7.0 and progress.first_passed_at is None  # no longer passed
    batch = session.get(RegradeBatch, report.batch_id)
    assert batch.finished_at is not None and batch.report["decreased"] == 1


def test_regrade_of_a_cohort_covers_only_its_learners(session, graded):
    cohort = Cohort(name="evening", enrolment_code="EVE")
    session.add(cohort)
    session.commit()
    session.add(CohortMember(cohort_id=cohort.id, user_id=graded["bob"].id))
    session.commit()
    ids = select_submissions(session, cohort_id=cohort.id)
    assert sorted(ids) == sorted([graded["ids"]["bob@example.org"], graded["other"]])
    both = select_submissions(session, cohort_id=cohort.id, exercise_id="other")
    assert both == [graded["other"]]


def test_regrade_of_one_submission_and_bad_scopes(session, graded):
    one = graded["ids"]["bob@example.org"]
    assert select_submissions(session, submission_id=one) == [one]
    with pytest.raises(NotFoundError):
        select_submissions(session, submission_id=999)
    with pytest.raises(NotFoundError):
        select_submissions(session, exercise_id="nope")
    with pytest.raises(ValueError, match="name a submission"):
        select_submissions(session)


def test_a_grader_failure_keeps_the_old_result_and_is_reported(session, graded):
    def broken(submission):
        raise SandboxError("zygote died")

    one = graded["ids"]["bob@example.org"]
    report = regrade(session, [one], broken, scope="one")
    assert report.failed == [{"submission_id": one, "reason": "zygote died"}]
    assert session.get(Submission, one).score == 4.0
    assert len(session.get(Submission, one).results) == 1
