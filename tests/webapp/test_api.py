"""``/api/v1``: bearer tokens, exercises, submissions (JSON and multipart), progress."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from grader.core.results import GradeResult, learner_document
from grader.store import create_api_token
from grader.store.models import Submission
from tests.webapp.conftest import EXERCISE, result_document
from webapp.extensions import db

SOURCE = "def softmax_cross_entropy(logits, labels):\n    return 0.0\n"


@pytest.fixture
def token_for(app):
    def make(user) -> dict[str, str]:
        with app.app_context():
            token = create_api_token(db.session, user.id, "test")
            db.session.commit()
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
def learner_headers(make_user, token_for):
    user = make_user()
    return user, token_for(user)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/exercises",
        f"/api/v1/exercises/{EXERCISE}",
        "/api/v1/progress",
        "/api/v1/submissions/1",
    ],
)
@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic dXNlcjpwYXNz", "Bearer "])
def test_every_endpoint_needs_a_valid_bearer_token(client, path, header):
    headers = {"Authorization": header} if header else {}
    response = client.get(path, headers=headers)
    assert response.status_code == 401
    assert response.is_json and response.get_json()["error"] == "unauthorized"
    assert "token" in response.get_json()["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_session_cookie_does_not_authenticate_the_api(client, make_user, login):
    login(client, make_user())
    assert client.get("/api/v1/progress").status_code == 401


def test_exercises_are_listed_in_course_order_and_described(client, learner_headers):
    _, headers = learner_headers
    listing = client.get("/api/v1/exercises", headers=headers).get_json()["exercises"]
    ids = [e["id"] for e in listing]
    assert EXERCISE in ids
    detail = client.get(f"/api/v1/exercises/{EXERCISE}", headers=headers).get_json()
    assert detail["title"] and "$" in detail["prompt"] and "def softmax" in detail["starter"]
    assert detail["requires"] == ["softmax_cross_entropy", "softmax_cross_entropy_grad"]
    assert len(detail["hints"]) == 3
    missing = client.get("/api/v1/exercises/nope", headers=headers)
    assert missing.status_code == 404 and missing.is_json


def test_post_a_json_submission_returns_202_with_its_url(app, client, learner_headers):
    user, headers = learner_headers
    response = client.post(
        "/api/v1/submissions",
        json={"exercise": EXERCISE, "source": SOURCE, "filename": "sol.py"},
        headers=headers,
    )
    assert response.status_code == 202, response.get_data(as_text=True)
    body = response.get_json()
    assert body["status"] == "queued" and body["result"] is None
    assert body["url"] == f"http://localhost/api/v1/submissions/{body['id']}"
    assert response.headers["Location"] == body["url"]
    with app.app_context():
        row = db.session.get(Submission, body["id"])
        assert (row.user_id, row.filename, row.source) == (user.id, "sol.py", SOURCE)


def test_post_a_multipart_submission(app, client, learner_headers):
    _, headers = learner_headers
    response = client.post(
        "/api/v1/submissions",
        data={"exercise": EXERCISE, "file": (io.BytesIO(SOURCE.encode()), "mine.py")},
        headers=headers,
    )
    assert response.status_code == 202
    with app.app_context():
        assert db.session.scalars(select(Submission.filename)).all() == ["mine.py"]


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        (
            {"json": {"exercise": EXERCISE, "source": SOURCE, "extra": 1}},
            400,
            "Unknown field: extra",
        ),
        ({"json": {"exercise": EXERCISE}}, 400, "'source'"),
        ({"json": {"source": SOURCE}}, 400, "'exercise'"),
        ({"json": ["not", "an", "object"]}, 400, "not a JSON object"),
        ({"json": {"exercise": "nope", "source": SOURCE}}, 404, "No published exercise"),
        (
            {"json": {"exercise": EXERCISE, "source": SOURCE, "filename": "x.txt"}},
            400,
            "neither a .py file",
        ),
        (
            {"data": {"exercise": EXERCISE, "colour": "red", "file": (io.BytesIO(b"x"), "a.py")}},
            400,
            "Unknown field: colour",
        ),
        ({"data": {"exercise": EXERCISE}}, 400, "'file'"),
        ({"data": "plain text", "content_type": "text/plain"}, 415, "Send JSON"),
    ],
)
def test_bad_submissions_get_a_json_error_with_a_message(
    app, client, learner_headers, kwargs, status, message
):
    _, headers = learner_headers
    response = client.post("/api/v1/submissions", headers=headers, **kwargs)
    assert response.status_code == status
    assert response.is_json
    assert message in response.get_json()["message"]
    with app.app_context():
        assert db.session.scalars(select(Submission)).all() == []


def test_get_a_submission_hides_hidden_cases(client, learner_headers, make_submission):
    user, headers = learner_headers
    submission_id = make_submission(user)
    body = client.get(f"/api/v1/submissions/{submission_id}", headers=headers).get_json()
    assert body["status"] == "graded" and body["score"] == 2.0
    result = body["result"]
    assert "SECRET" not in str(result)
    hidden = [c for c in result["cases"] if c["hidden"]]
    assert hidden and hidden[0]["message"] == "failed" and hidden[0]["detail"] == {}
    assert result["seed"] is None
    assert result == learner_document(result_document())  # the grader's one redaction rule
    GradeResult.from_dict(result)  # the CLI rebuilds the result from it


def test_nobody_reads_anothers_submission_through_the_api(
    client, make_user, token_for, make_submission
):
    owner, other, instructor = make_user(), make_user(), make_user(role="instructor")
    submission_id = make_submission(owner)
    response = client.get(f"/api/v1/submissions/{submission_id}", headers=token_for(other))
    assert response.status_code == 404 and response.is_json
    response = client.get(f"/api/v1/submissions/{submission_id}", headers=token_for(instructor))
    assert response.status_code == 200


def test_progress(client, learner_headers, make_submission):
    user, headers = learner_headers
    make_submission(user)
    body = client.get("/api/v1/progress", headers=headers).get_json()
    assert body["user"]["id"] == user.id
    assert body["attempted"] == 1 and body["passed"] == 0 and body["total"] >= 1
    assert [m["number"] for m in body["modules"]] == list(range(1, 15))
    exercise = next(e for m in body["modules"] for e in m["exercises"] if e["id"] == EXERCISE)
    assert exercise["status"] == "attempted" and exercise["best_score"] == 2.0
