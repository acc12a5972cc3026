"""Every instructor-only URL, as every role: an anonymous visitor is sent to log in, a learner
gets 403 (and changes nothing), instructors and admins get the page.

The lists below must name every route of the ``instructor`` blueprint: a test fails when a
new view is added without an access check here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from grader.store.models import (
    Cohort,
    Deadline,
    DeadlineExtension,
    RegradeBatch,
    ScoreOverride,
    SubmissionComment,
)
from tests.webapp.cohorts import add_cohort
from tests.webapp.conftest import EXERCISE
from webapp.extensions import db

GET_URLS = [
    "/instructor/",
    "/instructor/cohorts/{cohort}",
    "/instructor/cohorts/{cohort}/settings",
    "/instructor/cohorts/{cohort}/gradebook",
    "/instructor/cohorts/{cohort}/gradebook.csv",
    "/instructor/stats",
    "/instructor/stats?cohort={cohort}",
    "/instructor/stats/{exercise}",
    "/instructor/learners",
    "/instructor/learners?q=learner",
    "/instructor/learners/{learner}",
    "/instructor/exercises",
    "/instructor/exercises/{exercise}/preview",
    "/instructor/regrades",
    "/instructor/regrades/{batch}",
]
POST_URLS = [
    ("/instructor/cohorts", {"name": "Sneaky"}),
    (
        "/instructor/cohorts/{cohort}/settings",
        {"name": "Renamed", "late_policy": "per_day", "penalty_percent": "100"},
    ),
    (
        "/instructor/cohorts/{cohort}/deadlines",
        {"deadlines-0-module": "math", "deadlines-0-due_at": "2000-01-01T00:00"},
    ),
    ("/instructor/regrade", {"cohort_id": "{cohort}"}),
    ("/instructor/regrades/{batch}/cancel", {}),
    (
        "/instructor/learners/{learner}/extensions",
        {"deadline_id": "{deadline}", "due_at": "2031-01-01T00:00"},
    ),
    ("/instructor/learners/{learner}/extensions/{extension}/remove", {}),
    (
        "/instructor/learners/{learner}/overrides",
        {"exercise_id": "{exercise}", "score": "10", "comment": "mine"},
    ),
    ("/instructor/submissions/{submission}/comments", {"body": "well done, me"}),
    ("/instructor/comments/{comment}", {"body": "rewritten by someone else"}),
]


@dataclass
class World:
    cohort: int
    learner: object
    other_learner: object
    instructor: object
    admin: object
    submission: int
    batch: int
    deadline: int
    extension: int
    comment: int

    def url(self, template: str) -> str:
        return template.format(
            cohort=self.cohort,
            learner=self.other_learner.id,
            exercise=EXERCISE,
            batch=self.batch,
            submission=self.submission,
            deadline=self.deadline,
            extension=self.extension,
            comment=self.comment,
        )


@pytest.fixture
def world(app, make_user, make_submission) -> World:
    learner, other = make_user(), make_user()
    instructor, admin = make_user("instructor"), make_user("admin")
    cohort_id = add_cohort(app, learner, other, name="Access", code="ACCESS")
    with app.app_context():
        batch = RegradeBatch(scope="exercise x", report={"total": 0, "changed": []})
        deadline = Deadline(
            cohort_id=cohort_id, module="math", due_at=datetime(2030, 1, 1, tzinfo=UTC)
        )
        db.session.add_all([batch, deadline])
        db.session.flush()
        extension = DeadlineExtension(
            deadline_id=deadline.id, user_id=other.id, due_at=datetime(2030, 2, 1, tzinfo=UTC)
        )
        db.session.add(extension)
        db.session.commit()
        ids = (cohort_id, batch.id, deadline.id, extension.id)
    submission = make_submission(other)
    with app.app_context():  # a comment by the admin: no instructor may edit it
        comment = SubmissionComment(submission_id=submission, author_id=admin.id, body="Good.")
        db.session.add(comment)
        db.session.commit()
        comment_id = comment.id
    return World(ids[0], learner, other, instructor, admin, submission, *ids[1:], comment_id)


def _post_data(world: World, data: dict) -> dict:
    return {key: world.url(value) for key, value in data.items()}


def _state(app) -> tuple:
    """What a refused POST must leave alone."""
    with app.app_context():
        session = db.session
        return (
            session.scalar(select(func.count()).select_from(Cohort)),
            tuple(session.execute(select(Cohort.name, Cohort.late_policy)).all()),
            session.scalar(select(func.count()).select_from(Deadline)),
            session.scalar(select(func.count()).select_from(RegradeBatch)),
            tuple(session.execute(select(DeadlineExtension.id, DeadlineExtension.due_at)).all()),
            session.scalar(select(func.count()).select_from(ScoreOverride)),
            tuple(session.execute(select(SubmissionComment.id, SubmissionComment.body)).all()),
        )


def test_the_lists_name_every_instructor_route(app):
    routes = {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("instructor.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    listed = {(t.split("?")[0], "GET") for t in GET_URLS} | {(t, "POST") for t, _ in POST_URLS}

    def shape(path: str) -> str:  # /cohorts/<int:cohort_id> and /cohorts/{cohort} alike
        import re

        return re.sub(r"<[^>]+>|\{[^}]+\}", "*", path)

    assert {(shape(p), m) for p, m in routes} == {(shape(p), m) for p, m in listed}


@pytest.mark.parametrize("template", GET_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, world, template):
    url = world.url(template)
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(("template", "data"), POST_URLS)
def test_anonymous_posts_are_sent_to_log_in_and_change_nothing(app, client, world, template, data):
    before = _state(app)
    response = client.post(world.url(template), data=_post_data(world, data))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert _state(app) == before


@pytest.mark.parametrize("template", GET_URLS)
def test_learners_are_refused(client, login, world, template):
    login(client, world.learner)
    response = client.get(world.url(template))
    assert response.status_code == 403
    text = response.get_data(as_text=True)
    assert "for instructors" in text
    assert "def softmax_cross_entropy" not in text  # nobody's code leaks on the error page


@pytest.mark.parametrize(("template", "data"), POST_URLS)
def test_learners_cannot_post_and_change_nothing(app, client, login, world, template, data):
    login(client, world.learner)
    before = _state(app)
    response = client.post(world.url(template), data=_post_data(world, data))
    assert response.status_code == 403
    assert _state(app) == before


@pytest.mark.parametrize("role", ["instructor", "admin"])
@pytest.mark.parametrize("template", GET_URLS)
def test_staff_see_every_page(client, login, world, template, role):
    login(client, getattr(world, role))
    response = client.get(world.url(template))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]


def test_a_learner_cannot_read_another_learners_code_through_the_site(client, login, world):
    """The learner page is the instructors' view of someone's code: learners get 403 there
    and 404 on the other learner's result page (it does not exist for them)."""
    login(client, world.learner)
    assert client.get(f"/instructor/learners/{world.other_learner.id}").status_code == 403
    assert client.get(f"/submissions/{world.submission}").status_code == 404
    login(client, world.other_learner)
    assert client.get(f"/submissions/{world.submission}").status_code == 200


def test_the_nav_links_the_instructor_area_for_staff_only(client, login, world):
    login(client, world.learner)
    assert 'href="/instructor/"' not in client.get("/curriculum").get_data(as_text=True)
    login(client, world.instructor)
    assert 'href="/instructor/"' in client.get("/curriculum").get_data(as_text=True)
