"""A learner sees the score that counts after the late penalty, with the raw score and the
penalty beside it, everywhere: result page (and its poll), exercise page, curriculum map,
progress, the API; and the due date with the time left. The rule and the due dates come from
``grader.store.deadlines`` and ``grader.store.late_policy`` (the gradebook's own rule)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from grader.store import create_api_token
from grader.store.deadlines import due_date, late_days
from grader.store.late_policy import LatePolicy, late_policy_for
from tests.webapp.cohorts import add_cohort, set_deadline
from tests.webapp.conftest import EXERCISE, result_document
from webapp.extensions import db
from webapp.learn.late import Counted, DueDate, counted_scores

MODULE = "neural-networks"  # softmax-cross-entropy's module
NOW = datetime.now(UTC)


def full_marks() -> dict:
    document = result_document("passed", cases=[])
    document.update(score=10.0, max_score=10.0)
    return document


def cohort_with(app, user, *, per_day: float, due: datetime, name: str = "Late") -> int:
    cohort_id = add_cohort(
        app, user, name=name, code=name.upper(), late_policy="per_day", penalty_per_day=per_day
    )
    set_deadline(app, cohort_id, MODULE, due)
    return cohort_id


@pytest.fixture
def late_learner(app, make_user, make_submission):
    """A learner whose cohort took 10 % a day; full marks handed in 2 days after the due date
    (counts 8 / 10) and 2 / 10 on time."""
    learner = make_user()
    due = NOW - timedelta(days=3)
    cohort_with(app, learner, per_day=0.1, due=due)
    on_time = make_submission(learner, now=due - timedelta(hours=1))
    late = make_submission(learner, result=full_marks(), now=due + timedelta(days=1, hours=2))
    return learner, on_time, late


def test_the_late_policy_is_the_most_lenient_of_the_cohorts(app, make_user):
    policy = LatePolicy("per_day", 0.1)
    assert policy.counted(10, 10, 2) == pytest.approx(8.0)
    assert policy.counted(10, 10, 20) == 0.0
    assert LatePolicy().counted(10, 10, 20) == 10
    assert policy.describe() == "10 % of the maximum score per day late"
    learner = make_user()
    cohort_with(app, learner, per_day=0.2, due=NOW, name="Strict")
    cohort_with(app, learner, per_day=0.05, due=NOW + timedelta(days=1), name="Kind")
    with app.app_context():
        # in two cohorts, the most lenient wins: the later due date, the smaller penalty
        due = due_date(db.session, learner.id, MODULE)
        assert due == NOW + timedelta(days=1)
        assert due_date(db.session, learner.id, "math") is None
        assert late_days(NOW + timedelta(days=1.5), due) == 1
        assert late_policy_for(db.session, learner.id) == LatePolicy("per_day", 0.05)


def test_the_counted_score_prefers_on_time_work_on_a_tie():
    policy = LatePolicy("per_day", 0.1)
    rows = [("a", 0, 8.0, 10.0), ("a", 2, 10.0, 10.0), ("b", 3, 10.0, 10.0), ("b", 0, 4.0, 10.0)]
    counted = counted_scores(rows, policy)
    assert counted["a"] == Counted(8.0, 8.0, 10.0, 0)  # 8 on time ties 10 - 2 late
    assert counted["b"] == Counted(pytest.approx(7.0), 10.0, 10.0, 3)
    assert counted["b"].penalty == pytest.approx(3.0)


def test_due_date_says_the_time_left_or_overdue():
    due = DueDate(NOW + timedelta(days=2, hours=3, minutes=5), NOW)
    assert not due.passed and due.distance == "2 days 3 h"
    due = DueDate(NOW - timedelta(minutes=40), NOW)
    assert due.passed and due.distance == "40 min"


def test_the_result_page_shows_the_score_that_counts(client, login, late_learner):
    learner, on_time, late = late_learner
    login(client, learner)
    page = client.get(f"/submissions/{late}").get_data(as_text=True)
    assert 'data-testid="score">8 / 10<' in page
    assert "raw score 10 / 10, minus a late penalty of 2" in page
    assert "2 days late; 10 % of the maximum score per day late" in page
    status = client.get(f"/submissions/{late}/status.json").get_json()
    assert (status["counted_score"], status["raw_score"], status["late_days"]) == (
        pytest.approx(8.0),
        10.0,
        2,
    )
    assert status["penalty"] == pytest.approx(2.0)
    page = client.get(f"/submissions/{on_time}").get_data(as_text=True)
    assert 'data-testid="score">2 / 10<' in page and "late penalty" not in page


def test_the_exercise_page_shows_counted_raw_penalty_and_due_date(client, login, late_learner):
    learner, *_ = late_learner
    login(client, learner)
    page = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    assert 'Score that counts\n    <span data-testid="counted-score">8 / 10</span>' in page
    assert "(raw 10 / 10, −2 late penalty, 2 days late)" in page
    assert 'data-testid="due-date"' in page and "ago</strong>; work handed in now is late" in page
    assert "10 % of the maximum score per day late" in page


def test_the_map_and_progress_count_the_penalised_score(client, login, late_learner):
    learner, *_ = late_learner
    login(client, learner)
    page = client.get("/curriculum").get_data(as_text=True)
    assert 'score <span data-testid="counted-score">8 / 10</span>' in page
    assert "(raw 10 / 10, −2 late penalty, 2 days late)" in page
    assert 'data-testid="due-date"' in page
    page = client.get("/progress").get_data(as_text=True)
    assert f'data-module="{MODULE}"' in page
    assert 'data-testid="module-points">8 / 10 <span class="penalty"' in page
    assert "(−2 late penalty)" in page
    assert "0 / 0" not in page  # modules not started say so instead


def _module_head(page: str) -> str:
    start = page.index(f'data-module="{MODULE}"')
    return page[start : page.index('<ul class="exercise-list">', start)]


def test_a_kept_module_head_follows_its_due_date_and_policy(app, client, login, make_user):
    """Module heads are rendered once and kept (``webapp.learn.map_fragments``) by what they
    show: a moved deadline, or another cohort's policy, is never shown from a kept head."""
    from grader.store.models import Deadline

    learner, other = make_user(), make_user()
    due = NOW + timedelta(days=2, hours=5, minutes=30)
    cohort_with(app, learner, per_day=0.1, due=due)
    cohort_with(app, other, per_day=0.25, due=due, name="Strict")
    login(client, learner)
    head = _module_head(client.get("/curriculum").get_data(as_text=True))
    assert "2 days 5 hours left" in head and "10 % of the maximum score per day late" in head
    login(client, other)
    head = _module_head(client.get("/curriculum").get_data(as_text=True))
    assert "2 days 5 hours left" in head and "25 % of the maximum score per day late" in head
    with app.app_context():
        for deadline in db.session.query(Deadline):
            deadline.due_at = datetime.now(UTC) - timedelta(hours=3, minutes=10, seconds=20)
        db.session.commit()
    head = _module_head(client.get("/curriculum").get_data(as_text=True))
    assert "3 hours 10 minutes ago" in head and "work handed in now is late" in head
    assert "left" not in head


def test_the_api_gives_counted_raw_and_penalty(app, client, late_learner):
    learner, _, late = late_learner
    with app.app_context():
        headers = {"Authorization": f"Bearer {create_api_token(db.session, learner.id, 't')}"}
        db.session.commit()
    data = client.get(f"/api/v1/submissions/{late}", headers=headers).get_json()
    assert data["score"] == 10.0  # the raw score, as before
    assert data["counted_score"] == pytest.approx(8.0) and data["raw_score"] == 10.0
    assert data["penalty"] == pytest.approx(2.0) and data["late_days"] == 2
    assert data["due_at"].startswith((NOW - timedelta(days=3)).date().isoformat())
    assert data["late_policy"] == "10 % of the maximum score per day late"
    progress = client.get("/api/v1/progress", headers=headers).get_json()
    module = next(m for m in progress["modules"] if m["module"] == MODULE)
    item = next(e for e in module["exercises"] if e["id"] == EXERCISE)
    assert item["best_score"] == 10.0  # the best raw score, as before
    assert item["score"] == pytest.approx(8.0) and item["raw_score"] == 10.0
    assert item["penalty"] == pytest.approx(2.0) and item["late_days"] == 2
    assert module["points"] == pytest.approx(8.0) and module["penalty"] == pytest.approx(2.0)
    assert module["deadline"]


def test_without_a_late_policy_nothing_changes(client, login, make_user, make_submission):
    learner = make_user()
    login(client, learner)
    submission = make_submission(learner, result=full_marks())
    page = client.get(f"/submissions/{submission}").get_data(as_text=True)
    assert 'data-testid="score">10 / 10<' in page and "late penalty" not in page
    page = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    assert "late penalty" not in page and 'data-testid="due-date"' not in page


def test_cli_submit_prints_the_score_that_counts(app, client, late_learner):
    from grader.cli.remote import standing_line

    learner, on_time, late = late_learner
    with app.app_context():
        headers = {"Authorization": f"Bearer {create_api_token(db.session, learner.id, 't')}"}
        db.session.commit()
    body = client.get(f"/api/v1/submissions/{late}", headers=headers).get_json()
    line = standing_line(body)
    assert line.startswith("Score that counts: 8 / 10 (raw 10 / 10, -2 late penalty: 2 days late;")
    assert "10 % of the maximum score per day late)" in line and "; due " in line
    body = client.get(f"/api/v1/submissions/{on_time}", headers=headers).get_json()
    assert standing_line(body).startswith("Score that counts: 2 / 10; due ")
    assert standing_line({"status": "queued", "counted_score": None}) is None
    # in Korean: the CLI's own words from the catalogue, the policy as the API wrote it
    korean = client.get(f"/api/v1/submissions/{late}", headers={**headers, "Accept-Language": "ko"})
    line = standing_line(korean.get_json(), "ko")
    assert line.startswith("반영 점수: 8 / 10 (원점수 10 / 10, 지각 감점 -2: 2일 늦음, 하루 늦을")
    assert "만점의 10% 감점)" in line and "; 마감 " in line
