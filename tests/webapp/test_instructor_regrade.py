"""Regrading from the web: the site queues a batch for the grading workers and never grades
itself. Its page follows the batch's progress (refreshing itself, no JavaScript needed),
can cancel it, and shows the report once the workers are done. A whole cohort asks for a
confirmation first. The workers are stood in for by the worker's own function, run here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from grader.service.context import WorkerContext
from grader.service.regrade_task import regrade_item
from grader.store.models import RegradeBatch, Submission, SubmissionResult
from grader.store.tracking import RegradeItem
from tests.webapp.cohorts import add_cohort
from tests.webapp.conftest import EXERCISE
from tests.webapp.solutions import RIGHT
from webapp.extensions import db

REPO = Path(__file__).resolve().parents[2]
# kombu's own models (the embedded broker) use a loader strategy SQLAlchemy 2.1 deprecates
pytestmark = pytest.mark.filterwarnings("ignore:The ``noload`` loader strategy:DeprecationWarning")


@pytest.fixture
def two_learners(app, make_user, make_submission):
    ada, bob, outsider = make_user(), make_user(), make_user()
    cohort_id = add_cohort(app, ada, bob, name="Night", code="NIGHT")
    ids = {
        "ada": make_submission(ada, source=RIGHT),  # recorded 2 / 10: the regrade fixes it
        "bob": make_submission(bob),
        "bob_math": make_submission(bob, exercise="numerical-derivative"),
        "outsider": make_submission(outsider),
        "queued": make_submission(ada, result=None),  # not finished: never regraded
    }
    return cohort_id, ids, ada


def regrade(client, **fields):
    return client.post("/instructor/regrade", data={k: str(v) for k, v in fields.items()})


def batch_items(app, batch_id=None) -> list[RegradeItem]:
    with app.app_context():
        statement = select(RegradeItem).order_by(RegradeItem.id)
        if batch_id is not None:
            statement = statement.where(RegradeItem.batch_id == batch_id)
        return list(db.session.scalars(statement))


def work_off(app, items) -> list[str]:
    """Grade the items as a worker would (the worker's own function, in this process)."""
    context = WorkerContext(app.config["DLGRADE_SETTINGS"], "test-worker@here")
    try:
        return [
            regrade_item(context, item.id, item.seed, runner="cpu", worker="test-worker@here")
            for item in items
        ]
    finally:
        context.close()


def test_a_regrade_is_queued_followed_and_reported(app, client, make_user, login, two_learners):
    _, ids, ada = two_learners
    login(client, make_user("instructor"))
    response = regrade(client, submission_id=ids["ada"])
    assert response.status_code == 303
    with app.app_context():
        batch = db.session.scalars(select(RegradeBatch)).one()
        assert (batch.state, batch.total, batch.done) == ("running", 1, 0)
        assert db.session.get(Submission, ids["ada"]).score == 2.0  # nothing graded here
    assert response.headers["Location"] == f"/instructor/regrades/{batch.id}"
    running = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="regrade-running"' in running and "0 of 1 submission" in running
    assert '<meta http-equiv="refresh"' in running and 'data-testid="regrade-cancel"' in running
    (item,) = batch_items(app, batch.id)
    assert item.state == "queued" and item.seed == 12345  # the first grade's hidden cases
    assert work_off(app, [item]) == ["regraded"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "regrade-running" not in page and '<meta http-equiv="refresh"' not in page
    assert f"Regrade {batch.id}: submission {ids['ada']}" in page and ada.email in page
    with app.app_context():
        submission = db.session.get(Submission, ids["ada"])
        history = db.session.scalars(
            select(SubmissionResult).where(SubmissionResult.submission_id == ids["ada"])
        ).all()
        report = db.session.get(RegradeBatch, batch.id).report
    assert submission.score == submission.max_score > 2 and submission.result["seed"] == 12345
    assert len(history) == 2 and history[-1].regrade_batch_id == batch.id
    assert report["changed"][0]["delta"] == submission.score - 2
    listing = client.get("/instructor/regrades").get_data(as_text=True)
    assert f"submission {ids['ada']}" in listing and "(↑1 ↓0)" in listing


def test_a_whole_cohort_asks_for_confirmation_first(app, client, make_user, login, two_learners):
    cohort_id, ids, _ = two_learners
    login(client, make_user("instructor"))
    asked = regrade(client, cohort_id=cohort_id, next="/instructor/")
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'data-testid="regrade-confirm"' in page
    assert "Regrade 3 submissions" in page  # ada's, bob's two; not the queued one
    assert batch_items(app) == []  # nothing queued before the confirmation
    confirmed = regrade(client, cohort_id=cohort_id, confirmed="yes")
    assert confirmed.status_code == 303
    items = batch_items(app)
    assert sorted(i.submission_id for i in items) == sorted(
        [ids["ada"], ids["bob"], ids["bob_math"]]
    )
    # an exercise within the cohort is not the whole cohort: no confirmation
    regrade(client, exercise_id=EXERCISE, cohort_id=cohort_id)
    with app.app_context():
        latest = db.session.scalars(select(RegradeBatch).order_by(RegradeBatch.id.desc())).first()
    assert latest.scope == f"exercise {EXERCISE}, cohort Night" and latest.total == 2


def test_a_regrade_can_be_cancelled(app, client, make_user, login, two_learners):
    _, _, _ = two_learners
    login(client, make_user("instructor"))
    location = regrade(client, exercise_id=EXERCISE).headers["Location"]
    batch_id = int(location.rsplit("/", 1)[1])
    first, *rest = batch_items(app, batch_id)
    assert work_off(app, [first]) == ["regraded"]
    cancelled = client.post(f"/instructor/regrades/{batch_id}/cancel")
    assert cancelled.status_code == 303
    page = client.get(location).get_data(as_text=True)
    assert 'data-testid="regrade-cancelled"' in page and "regrade-running" not in page
    assert work_off(app, rest) == ["cancelled"] * len(rest)  # the workers skip them
    with app.app_context():
        batch = db.session.get(RegradeBatch, batch_id)
    assert batch.state == "cancelled" and batch.report["cancelled"] == len(rest)
    again = client.post(f"/instructor/regrades/{batch_id}/cancel")
    assert "had already finished" in client.get(again.headers["Location"]).get_data(as_text=True)
    assert client.post("/instructor/regrades/999/cancel").status_code == 404


def test_a_regrade_request_that_names_nothing_real_is_refused(app, client, make_user, login):
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


WEB_PROCESS = """
import json, sys
from grader.settings import Settings
from grader.store import create_user, make_session_factory, session_scope
from webapp import create_app
from webapp.config import TestConfig
settings = Settings.from_env(instance=sys.argv[1])
with session_scope(make_session_factory(settings.database_url)) as session:
    user_id = create_user(session, email="boss@example.org", password="long enough",
                          role="instructor").id
app = create_app(TestConfig(settings))
client = app.test_client()
with client.session_transaction() as cookie:
    cookie["_user_id"], cookie["_fresh"] = str(user_id), True
pages = [client.get(p).status_code for p in ("/", "/curriculum", "/instructor/")]
pages.append(client.post("/instructor/regrade", data={"exercise_id": sys.argv[2]}).status_code)
pages.append(client.get("/instructor/regrades").status_code)
loaded = sorted(m for m in sys.modules if m.startswith(("grader.sandbox", "grader.core.engine")))
print(json.dumps({"pages": pages, "loaded": loaded}))
"""


def test_the_web_process_never_imports_the_sandbox(settings):
    completed = subprocess.run(
        [sys.executable, "-c", WEB_PROCESS, str(settings.instance_path), EXERCISE],
        cwd=REPO,
        env={**os.environ, **settings.to_env()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    outcome = json.loads(completed.stdout.strip().splitlines()[-1])
    assert outcome["pages"] == [200, 200, 200, 303, 200], outcome  # the regrade was queued
    assert outcome["loaded"] == []
