"""The instructors' pages: cohorts, settings and deadlines, the statistics, a learner's page and
the exercise catalogue (the gradebook: test_instructor_gradebook; regrades:
test_instructor_regrade; grants: test_instructor_grants).

Grades are written through the store (``record_grade`` with result documents), with
submission times chosen around the deadlines.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from grader.store.models import Cohort, CohortMember, Deadline, ExerciseRow, Submission
from tests.webapp.cohorts import DUE, MATH_EXERCISE, add_cohort, graded
from tests.webapp.conftest import EXERCISE
from webapp.extensions import db
from webapp.instructor.exercise_statistics import (
    common_failures,
    exercise_stats,
    format_duration,
    message_pattern,
)

# --- cohorts and settings -------------------------------------------------------------------


def test_an_instructor_creates_a_cohort_and_becomes_its_instructor(app, client, login, instructor):
    login(client, instructor)
    response = client.post("/instructor/cohorts", data={"name": "  Autumn 2030 "})
    assert response.status_code == 303
    with app.app_context():
        cohort = db.session.scalars(select(Cohort)).one()
        member = db.session.get(CohortMember, (cohort.id, instructor.id))
    assert response.headers["Location"] == f"/instructor/cohorts/{cohort.id}"
    assert cohort.name == "Autumn 2030" and member.role == "instructor"
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", cohort.enrolment_code)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert cohort.enrolment_code in page
    assert client.post("/instructor/cohorts", data={"name": ""}).status_code == 400


def test_settings_change_the_late_policy_and_the_attempt_limit(
    app, client, login, instructor, make_user
):
    learner = make_user()
    cohort_id = add_cohort(app, learner, instructor)
    login(client, instructor)
    url = f"/instructor/cohorts/{cohort_id}/settings"
    saved = client.post(
        url,
        data={
            "name": "Strict",
            "late_policy": "per_day",
            "penalty_percent": "12.5",
            "max_attempts_per_hour": "1",
        },
    )
    assert saved.status_code == 303
    with app.app_context():
        cohort = db.session.get(Cohort, cohort_id)
        assert (cohort.name, cohort.late_policy) == ("Strict", "per_day")
        assert cohort.penalty_per_day == pytest.approx(0.125)
        assert cohort.max_attempts_per_hour == 1
    page = client.get(url).get_data(as_text=True)
    assert 'value="12.5"' in page and "Saved the cohort" in page
    # a per-day policy without a penalty is refused, and so is a limit of 0
    refused = client.post(url, data={"name": "X", "late_policy": "per_day", "penalty_percent": ""})
    assert refused.status_code == 400 and "needs a penalty above 0" in refused.get_data(
        as_text=True
    )
    zero = client.post(url, data={"name": "X", "late_policy": "none", "max_attempts_per_hour": "0"})
    assert zero.status_code == 400
    # the learner's submit path enforces the limit the instructor set
    login(client, learner)
    submit = {"source": "def softmax_cross_entropy(logits, labels):\n    return 0.0\n"}
    assert client.post(f"/exercises/{EXERCISE}/submit", data=submit).status_code == 303
    second = client.post(f"/exercises/{EXERCISE}/submit", data=submit, follow_redirects=True)
    assert "1 graded attempt per exercise per hour" in second.get_data(as_text=True)


def test_deadlines_are_set_moved_and_cleared_and_late_days_follow(
    app, client, login, instructor, make_user, make_submission
):
    learner = make_user()
    cohort_id = add_cohort(app, learner)
    on_the_day = make_submission(learner, now=DUE)
    login(client, instructor)
    url = f"/instructor/cohorts/{cohort_id}/deadlines"
    form = client.get(f"/instructor/cohorts/{cohort_id}/settings").get_data(as_text=True)
    index = re.search(
        r'name="deadlines-(\d+)-module" type="hidden" value="neural-networks"', form
    ).group(1)

    def post(due: str):
        return client.post(
            url,
            data={f"deadlines-{index}-module": "neural-networks", f"deadlines-{index}-due_at": due},
        )

    def late_days() -> int:
        with app.app_context():
            return db.session.get(Submission, on_the_day).late_days

    assert late_days() == 0
    assert post("2030-02-26T11:00").status_code == 303  # 3 days and 1 hour before: 4 days late
    assert late_days() == 4
    with app.app_context():
        (deadline,) = db.session.scalars(select(Deadline)).all()
        assert deadline.due_at == datetime(2030, 2, 26, 11, 0, tzinfo=UTC)
    assert post("2030-03-02T00:00").status_code == 303  # extended past the submission
    assert late_days() == 0
    assert post("2030-02-28T12:00").status_code == 303
    assert late_days() == 1
    assert post("").status_code == 303  # cleared: nothing is late
    assert late_days() == 0
    with app.app_context():
        assert db.session.scalars(select(Deadline)).all() == []
    bad = client.post(url, data={"deadlines-0-module": "astrology", "deadlines-0-due_at": ""})
    assert bad.status_code == 400 and "not a module of the course" in bad.get_data(as_text=True)
    assert post("next tuesday").status_code == 400


def test_forms_need_their_csrf_token(app_factory, make_user, login):
    app = app_factory(WTF_CSRF_ENABLED=True)
    instructor = make_user("instructor")
    client = app.test_client()
    login(client, instructor)
    assert client.post("/instructor/cohorts", data={"name": "Forged"}).status_code == 400
    page = client.get("/instructor/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    made = client.post("/instructor/cohorts", data={"name": "Real", "csrf_token": token})
    assert made.status_code == 303


# --- statistics -----------------------------------------------------------------------------


def test_exercise_statistics_pass_rate_time_to_pass_and_common_failures(
    app, client, login, instructor, make_user, make_submission
):
    start = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    ada, bob, cy = make_user(), make_user(), make_user()
    cohort_id = add_cohort(app, ada, bob, cy)
    make_submission(ada, now=start)  # the default document: "large logits" fails
    make_submission(ada, result=graded(10), now=start + timedelta(hours=2))
    make_submission(bob, now=start)
    make_submission(bob, now=start + timedelta(hours=1))
    make_submission(bob, result=graded(10), now=start + timedelta(hours=4))
    make_submission(cy, now=start)
    make_submission(make_user(), result=graded(10))  # in no cohort: only in "all learners"
    login(client, instructor)
    page = client.get(f"/instructor/stats?cohort={cohort_id}").get_data(as_text=True)
    row = page[page.index(f'data-exercise="{EXERCISE}"') :].split("</tr>")[0]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert cells == ["6", "3", "2", "67 %", "3 hours"]
    everyone = client.get("/instructor/stats").get_data(as_text=True)
    row = everyone[everyone.index(f'data-exercise="{EXERCISE}"') :].split("</tr>")[0]
    assert re.findall(r'<td class="num">([^<]*)</td>', row)[:3] == ["7", "4", "3"]
    detail = client.get(f"/instructor/stats/{EXERCISE}?cohort={cohort_id}").get_data(as_text=True)
    assert "large logits" in detail and "loss: expected #, got nan" in detail
    assert re.search(r"got nan</div>.*?<td class=\"num\">4</td>", detail, re.S)
    assert "SECRET" not in detail  # hidden cases' messages are never read
    assert client.get("/instructor/stats/no-such-exercise").status_code == 404


def test_statistics_functions():
    assert message_pattern("loss: expected 0.417, got nan") == "loss: expected #, got nan"
    assert (
        message_pattern("dtype float32 at (7, 3): expected -1.5e-03, got 2")
        == "dtype float32 at (#, #): expected #, got #"
    )
    documents = [
        {
            "status": "failed",
            "cases": [
                {"name": "a", "passed": False, "hidden": False, "message": "expected 1, got 2"},
                {"name": "h", "passed": False, "hidden": True, "message": "SECRET 1"},
            ],
        },
        {
            "status": "failed",
            "cases": [
                {"name": "a", "passed": False, "hidden": False, "message": "expected 5, got 7"},
            ],
        },
        {"status": "rejected", "message": "missing name softmax", "cases": []},
        None,
    ]
    failures = common_failures(documents)
    assert [(f.where, f.pattern, f.count) for f in failures] == [
        ("a", "expected #, got #", 2),
        ("rejected", "missing name softmax", 1),
    ]
    assert failures[0].example == "expected 1, got 2"
    assert exercise_stats([], []) == []


def test_format_duration_follows_the_language(app):
    durations = [None, timedelta(seconds=42), timedelta(minutes=30), timedelta(days=3, hours=4)]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert [format_duration(d) for d in durations] == [
            "—",
            "42 seconds",
            "30 minutes",
            "3 days 4 hours",
        ]
    with app.test_request_context(headers={"Accept-Language": "ko"}):
        assert [format_duration(d) for d in durations] == ["—", "42초", "30분", "3일 4시간"]


# --- a learner's page ------------------------------------------------------------------------


def test_a_learners_page_shows_their_submissions_with_code(
    app, client, login, instructor, make_user, make_submission, monkeypatch
):
    from webapp.instructor import learners

    monkeypatch.setattr(learners, "SUBMISSIONS_PER_PAGE", 2)
    learner = make_user(display_name="Grace")
    add_cohort(app, learner, name="Evening")
    ids = [
        make_submission(learner, source=f"x = {i}  # <script>alert({i})</script>\n")
        for i in range(3)
    ]
    login(client, instructor)
    page = client.get(f"/instructor/learners/{learner.id}").get_data(as_text=True)
    assert "Grace" in page and "Evening" in page and "Submissions (3)" in page
    assert f'href="/submissions/{ids[2]}"' in page and f'href="/submissions/{ids[0]}"' not in page
    assert "x = 2  # &lt;script&gt;alert(2)&lt;/script&gt;" in page  # shown, escaped
    assert "<script>alert" not in page
    assert "0 of" in page and "1 attempted" in page
    second = client.get(f"/instructor/learners/{learner.id}?page=2").get_data(as_text=True)
    assert f'href="/submissions/{ids[0]}"' in second
    assert client.get("/instructor/learners/999999").status_code == 404


def test_learners_are_found_by_name_or_email(client, login, instructor, make_user):
    make_user(email="grace.hopper@example.org", display_name="Grace")
    make_user(email="alan@example.org", display_name="Alan 100%")
    login(client, instructor)
    found = client.get("/instructor/learners?q=GRACE").get_data(as_text=True)
    assert "grace.hopper@example.org" in found and "alan@" not in found
    assert "alan@" in client.get("/instructor/learners?q=100%25").get_data(as_text=True)
    # % and _ are matched literally, not as LIKE wildcards
    assert "Nobody" in client.get("/instructor/learners?q=%25x").get_data(as_text=True)


# --- the catalogue --------------------------------------------------------------------------


def test_the_catalogue_shows_validation_and_previews_prompts_as_learners_see_them(
    app, client, login, instructor, make_user
):
    with app.app_context():
        row = db.session.get(ExerciseRow, MATH_EXERCISE)
        row.validated = False
        row.validation_message = "mutant 'no-step' scored full marks"
        db.session.commit()
    login(client, instructor)
    page = client.get("/instructor/exercises").get_data(as_text=True)
    assert f'data-exercise="{EXERCISE}" data-validated="true"' in page
    assert f'data-exercise="{MATH_EXERCISE}" data-validated="false"' in page
    assert "mutant &#39;no-step&#39; scored full marks" in page
    preview = client.get(f"/instructor/exercises/{EXERCISE}/preview").get_data(as_text=True)
    assert '<span class="math inline">$z \\in \\mathbb{R}^C$</span>' in preview
    assert "def softmax_cross_entropy(logits, labels):" in preview
    assert "vendor/katex/contrib/auto-render.min.js" in preview and "<script>" not in preview
    unserved = client.get(f"/instructor/exercises/{MATH_EXERCISE}/preview")
    assert unserved.status_code == 200
    assert 'data-testid="not-served"' in unserved.get_data(as_text=True)
    assert client.get("/instructor/exercises/nope/preview").status_code == 404
    login(client, make_user())
    assert client.get(f"/exercises/{MATH_EXERCISE}").status_code == 404
