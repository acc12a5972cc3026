"""Regrade batches: items with the original seed, claimed and landed once, counted on the
batch; old results kept, new ones pinned to the new version; cancelled; reported."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from grader.store.exceptions import NotFoundError
from grader.store.models import (
    Cohort,
    CohortMember,
    Progress,
    RegradeBatch,
    Submission,
    SubmissionResult,
)
from grader.store.regrade import build_report, cancel_batch, create_batch, select_submissions
from grader.store.regrade_items import apply_item_grade, claim_item, fail_item
from grader.store.submissions import create_submission, record_grade
from grader.store.tracking import RegradeItem
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
    session.commit()
    return {"ada": ada, "bob": bob, "ids": rows, "other": other.id}


def items_of(session, batch_id):
    return {
        item.submission_id: item
        for item in session.scalars(select(RegradeItem).where(RegradeItem.batch_id == batch_id))
    }


def land(session, item, score, worker="w@h"):
    claim = claim_item(session, item.id, worker=worker, max_attempts=3)
    assert claim.action == "grade" and claim.seed == item.seed
    assert apply_item_grade(session, item.id, result_doc(score, version="v2"))
    session.commit()


def test_a_batch_has_one_queued_item_per_submission_with_its_original_seed(session, graded):
    ids = select_submissions(session, exercise_id="softmax-cross-entropy")
    batch = create_batch(session, ids, scope="exercise softmax-cross-entropy", requested_by=None)
    session.commit()
    items = items_of(session, batch.id)
    assert sorted(items) == sorted(graded["ids"].values())
    assert {item.state for item in items.values()} == {"queued"}
    assert {item.seed for item in items.values()} == {7}  # result_doc's seed
    assert items[graded["ids"]["ada@example.org"]].old_score == 10.0
    assert (batch.state, batch.total, batch.done) == ("running", 2, 0)
    empty = create_batch(session, [], scope="nothing")
    assert empty.state == "done" and empty.report["total"] == 0


def test_landing_items_counts_them_and_the_last_one_finishes_the_report(session, graded):
    ids = select_submissions(session, exercise_id="softmax-cross-entropy")
    batch = create_batch(session, ids, scope="exercise softmax-cross-entropy")
    session.commit()
    items = items_of(session, batch.id)
    ada_id, bob_id = graded["ids"]["ada@example.org"], graded["ids"]["bob@example.org"]
    land(session, items[ada_id], 7.0)
    session.refresh(batch)
    assert (batch.state, batch.done, batch.changed) == ("running", 1, 1)
    land(session, items[bob_id], 4.0)
    session.refresh(batch)
    assert (batch.state, batch.done, batch.changed) == ("done", 2, 1)
    assert batch.finished_at is not None
    report = batch.report
    assert report["total"] == 2 and report["unchanged"] == 1 and report["decreased"] == 1
    (change,) = report["changed"]
    assert change["email"] == "ada@example.org"
    assert (change["old_score"], change["new_score"], change["delta"]) == (10.0, 7.0, -3.0)
    text = build_report(session, batch.id).format()
    assert "ada@example.org softmax-cross-entropy: 10 -> 7/10 (-3)" in text
    history = session.scalars(
        select(SubmissionResult)
        .where(SubmissionResult.submission_id == ada_id)
        .order_by(SubmissionResult.id)
    ).all()
    assert [(h.exercise_version, h.score) for h in history] == [("v1", 10.0), ("v2", 7.0)]
    assert history[0].regrade_batch_id is None and history[1].regrade_batch_id == batch.id
    submission = session.get(Submission, ada_id)
    assert (submission.score, submission.exercise_version) == (7.0, "v2")
    progress = session.get(Progress, (graded["ada"].id, "softmax-cross-entropy"))
    assert progress.best_score == 7.0 and progress.first_passed_at is None  # no longer passed


def test_an_item_lands_once_and_a_busy_one_is_left_to_its_worker(session, graded):
    one = graded["ids"]["bob@example.org"]
    batch = create_batch(session, [one], scope="one")
    session.commit()
    (item,) = items_of(session, batch.id).values()
    assert claim_item(session, item.id, worker="a@h", max_attempts=3).action == "grade"
    session.commit()
    assert claim_item(session, item.id, worker="b@h", max_attempts=3).action == "busy"
    stolen = claim_item(session, item.id, worker="b@h", max_attempts=3, steal=True)
    assert stolen.action == "grade"  # a redelivered message: the first attempt is over
    assert apply_item_grade(session, item.id, result_doc(9.0, version="v2"))
    assert not apply_item_grade(session, item.id, result_doc(1.0, version="v2"))
    session.commit()
    assert claim_item(session, item.id, worker="c@h", max_attempts=3).action == "done"
    assert session.get(Submission, one).score == 9.0
    assert len(session.get(Submission, one).results) == 2
    assert session.get(RegradeBatch, batch.id).done == 1


def test_a_failed_item_keeps_the_old_result_and_is_reported(session, graded):
    one = graded["ids"]["bob@example.org"]
    batch = create_batch(session, [one], scope="one")
    (item,) = items_of(session, batch.id).values()
    claim_item(session, item.id, worker="w@h", max_attempts=3)
    assert fail_item(session, item.id, "the sandbox could not run")
    session.commit()
    session.refresh(batch)
    assert (batch.state, batch.failed) == ("done", 1)
    assert batch.report["failed"] == [{"submission_id": one, "reason": "the sandbox could not run"}]
    assert session.get(Submission, one).score == 4.0
    assert len(session.get(Submission, one).results) == 1


def test_an_item_out_of_attempts_fails(session, graded):
    batch = create_batch(session, [graded["ids"]["bob@example.org"]], scope="one")
    (item,) = items_of(session, batch.id).values()
    assert claim_item(session, item.id, worker="w@h", max_attempts=1).action == "grade"
    assert claim_item(session, item.id, worker="w@h", max_attempts=1).action == "exhausted"
    session.commit()
    session.refresh(item)
    assert item.state == "failed" and "1 times" in item.reason


def test_cancelling_drops_the_queued_items_and_keeps_what_landed(session, graded):
    ids = select_submissions(session, exercise_id="softmax-cross-entropy")
    batch = create_batch(session, ids, scope="exercise")
    session.commit()
    items = items_of(session, batch.id)
    ada_id, bob_id = graded["ids"]["ada@example.org"], graded["ids"]["bob@example.org"]
    land(session, items[ada_id], 7.0)
    assert cancel_batch(session, batch.id)
    session.commit()
    assert not cancel_batch(session, batch.id)  # already finished
    with pytest.raises(NotFoundError):
        cancel_batch(session, 999)
    assert claim_item(session, items[bob_id].id, worker="w@h", max_attempts=3).action == (
        "cancelled"
    )
    session.refresh(batch)
    assert batch.state == "cancelled" and batch.finished_at is not None
    assert batch.report["cancelled"] == 1 and len(batch.report["changed"]) == 1
    assert session.get(Submission, bob_id).score == 4.0


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
    with pytest.raises(NotFoundError):
        select_submissions(session, cohort_id=999)
    with pytest.raises(ValueError, match="name a submission"):
        select_submissions(session)
