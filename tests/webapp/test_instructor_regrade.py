"""Regrading from the web: one submission, an exercise, a cohort; the report says whose score
changed and by how much. Most tests grade with a stand-in (``REGRADE_GRADER``); one grades
for real with the engine, as ``dlgrade regrade`` does."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import select

from grader.exceptions import GraderError
from grader.store.models import (
    Cohort,
    CohortMember,
    Progress,
    RegradeBatch,
    Submission,
    SubmissionResult,
)
from tests.waiting import wait_for
from tests.webapp.conftest import EXERCISE, result_document
from tests.webapp.solutions import RIGHT
from webapp.extensions import db


def full_marks(submission) -> dict:
    document = result_document("passed", cases=[], exercise=submission.exercise_id)
    document.update(score=10.0, max_score=10.0, version="v2")
    return document


class StandIn:
    """A grader factory: ``grade`` gives full marks, except to ids in ``broken``; ``gate``
    (when set) holds every grade until released."""

    def __init__(self, broken=(), gate: threading.Event | None = None) -> None:
        self.broken = set(broken)
        self.gate = gate
        self.graded: list[int] = []
        self.closed = 0

    def __call__(self, settings):
        def grade(submission):
            if self.gate is not None:
                self.gate.wait(30)
            if submission.id in self.broken:
                raise GraderError("the sandbox could not start")
            self.graded.append(submission.id)
            return full_marks(submission)

        def close():
            self.closed += 1

        return grade, close


@pytest.fixture
def two_learners(app, make_user, make_submission):
    ada, bob, outsider = make_user(), make_user(), make_user()
    with app.app_context():
        cohort = Cohort(name="Night", enrolment_code="NIGHT")
        db.session.add(cohort)
        db.session.flush()
        for user in (ada, bob):
            db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id))
        db.session.commit()
        cohort_id = cohort.id
    ids = {
        "ada": make_submission(ada),  # 2 / 10
        "bob": make_submission(bob),
        "bob_math": make_submission(bob, exercise="numerical-derivative"),
        "outsider": make_submission(outsider),
        "queued": make_submission(ada, result=None),  # not finished: never regraded
    }
    return cohort_id, ids, ada


def regrade(client, **fields):
    return client.post("/instructor/regrade", data={k: str(v) for k, v in fields.items()})


def test_regrading_one_submission_shows_its_report(app_factory, make_user, login, two_learners):
    _, ids, ada = two_learners
    grader = StandIn()
    app = app_factory(REGRADE_GRADER=grader)
    client = app.test_client()
    login(client, make_user("instructor"))
    response = regrade(client, submission_id=ids["ada"])
    assert response.status_code == 303
    with app.app_context():
        batch = db.session.scalars(select(RegradeBatch)).one()
        submission = db.session.get(Submission, ids["ada"])
        history = db.session.scalars(
            select(SubmissionResult).where(SubmissionResult.submission_id == ids["ada"])
        ).all()
        progress = db.session.get(Progress, (ada.id, EXERCISE))
    assert response.headers["Location"] == f"/instructor/regrades/{batch.id}"
    assert grader.graded == [ids["ada"]] and grader.closed == 1
    assert submission.score == 10.0 and len(history) == 2  # the old result is kept
    assert history[-1].regrade_batch_id == batch.id
    assert progress.best_score == 10.0 and progress.first_passed_at is not None
    assert batch.report["changed"][0]["delta"] == 8.0
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Regrade {batch.id}: submission {ids['ada']}" in page
    assert ada.email in page and ">+8</td>" in page and "2 </td>" not in page
    assert re.search(r">2</td>\s*<td class=\"num\">10 / 10</td>", page)
    listing = client.get("/instructor/regrades").get_data(as_text=True)
    assert f"submission {ids['ada']}" in listing and "(↑1 ↓0)" in listing


def test_regrading_a_cohort_and_an_exercise_within_it(app_factory, make_user, login, two_learners):
    cohort_id, ids, _ = two_learners
    grader = StandIn(broken={ids["bob_math"]})
    app = app_factory(REGRADE_GRADER=grader)
    client = app.test_client()
    login(client, make_user("instructor"))
    regrade(client, cohort_id=cohort_id)
    assert sorted(grader.graded) == sorted([ids["ada"], ids["bob"]])
    with app.app_context():
        report = db.session.scalars(select(RegradeBatch)).one().report
        assert db.session.get(Submission, ids["bob_math"]).score == 2.0  # kept its old result
    assert report["scope"] == "cohort Night" and report["total"] == 3
    assert report["failed"] == [
        {"submission_id": ids["bob_math"], "reason": "the sandbox could not start"}
    ]
    page = client.get(f"/instructor/regrades/{report['batch_id']}").get_data(as_text=True)
    assert "Could not be graded" in page and "the sandbox could not start" in page
    grader.graded.clear()
    regrade(client, exercise_id=EXERCISE, cohort_id=cohort_id)
    assert sorted(grader.graded) == sorted([ids["ada"], ids["bob"]])  # not the outsider
    grader.graded.clear()
    regrade(client, exercise_id=EXERCISE)
    assert sorted(grader.graded) == sorted([ids["ada"], ids["bob"], ids["outsider"]])


def test_a_regrade_request_that_names_nothing_real_is_refused(app_factory, make_user, login):
    app = app_factory(REGRADE_GRADER=StandIn())
    client = app.test_client()
    login(client, make_user("instructor"))
    for fields in ({}, {"submission_id": 999}, {"exercise_id": "nope"}, {"cohort_id": 999}):
        response = regrade(client, next="/instructor/exercises", **fields)
        assert response.status_code == 303
        assert response.headers["Location"] == "/instructor/exercises"
        assert "Cannot regrade" in client.get("/instructor/exercises").get_data(as_text=True)
    off_site = regrade(client, next="//evil.example/", submission_id=999)
    assert off_site.headers["Location"] == "/instructor/regrades"
    with app.app_context():
        assert db.session.scalars(select(RegradeBatch)).all() == []


def test_a_large_regrade_runs_in_the_background_one_at_a_time(
    app_factory, make_user, login, two_learners
):
    cohort_id, _, _ = two_learners
    gate = threading.Event()
    app = app_factory(REGRADE_GRADER=StandIn(gate=gate), REGRADE_INLINE_LIMIT=1)
    client = app.test_client()
    login(client, make_user("instructor"))
    started = regrade(client, exercise_id=EXERCISE)
    assert started.headers["Location"] == "/instructor/regrades"
    listing = client.get("/instructor/regrades").get_data(as_text=True)
    assert "Regrading 3 submissions in the background" in listing

    def batch_id():
        with app.app_context():
            return db.session.scalars(select(RegradeBatch.id)).one_or_none()

    batch_id = wait_for(batch_id, timeout=30)  # the thread creates its batch first
    assert "running" in client.get("/instructor/regrades").get_data(as_text=True)
    running = client.get(f"/instructor/regrades/{batch_id}").get_data(as_text=True)
    assert 'data-testid="regrade-running"' in running
    busy = regrade(client, cohort_id=cohort_id)
    assert "already running" in client.get(busy.headers["Location"]).get_data(as_text=True)
    gate.set()

    def finished():
        with app.app_context():
            return db.session.get(RegradeBatch, batch_id).finished_at

    wait_for(finished, timeout=30)
    report = client.get(f"/instructor/regrades/{batch_id}").get_data(as_text=True)
    assert "regrade-running" not in report and ">+8</td>" in report


def test_a_real_regrade_with_the_engine(app_factory, make_user, make_submission, login):
    """A right solution graded 2/10 by a broken exercise version gets its full marks back."""
    app = app_factory()
    learner = make_user()
    submission_id = make_submission(learner, source=RIGHT)  # recorded as 2 / 10
    client = app.test_client()
    login(client, make_user("admin"))
    response = regrade(client, submission_id=submission_id)
    assert response.status_code == 303
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        report = db.session.scalars(select(RegradeBatch)).one().report
    assert report["failed"] == []
    assert submission.result["status"] == "passed"
    assert submission.score == submission.max_score > 2
    assert submission.result["seed"] == 12345  # the same hidden cases as the first grade
    assert report["changed"][0]["delta"] == submission.score - 2
