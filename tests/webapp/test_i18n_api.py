"""The JSON API in the request's language: exercise titles, prompts and the late policy follow
``Accept-Language`` (else the token owner's setting); codes, ids and numbers do not change."""

from __future__ import annotations

from grader.store import create_api_token
from tests.webapp.conftest import EXERCISE
from webapp.extensions import db

KO = {"Accept-Language": "ko"}


def _headers(app, user) -> dict[str, str]:
    with app.app_context():
        token = create_api_token(db.session, user.id, "t")
        db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_exercise_titles_and_prompt_follow_accept_language(app, client, make_user):
    headers = _headers(app, make_user())
    english = client.get("/api/v1/exercises", headers=headers).get_json()["exercises"]
    korean = client.get("/api/v1/exercises", headers={**headers, **KO}).get_json()["exercises"]
    assert [e["id"] for e in english] == [e["id"] for e in korean]
    first_en, first_ko = english[0], korean[0]
    assert (
        first_en["title"] != first_ko["title"]
        and first_en["module_title"] != (first_ko["module_title"])
    )
    assert any("\uac00" <= ch <= "\ud7a3" for ch in first_ko["title"] + first_ko["module_title"])
    one = client.get(f"/api/v1/exercises/{EXERCISE}", headers={**headers, **KO}).get_json()
    assert one["language"] == "ko" and one["id"] == EXERCISE
    assert one["title"] == next(e["title"] for e in korean if e["id"] == EXERCISE)
    assert one["prompt"].startswith(f"# {one['title']}")
    plain = client.get(f"/api/v1/exercises/{EXERCISE}", headers=headers).get_json()
    assert plain["language"] == "en" and plain["starter"] == one["starter"]


def test_without_accept_language_the_token_owners_setting_decides(app, client, make_user):
    headers = _headers(app, make_user(locale="ko"))
    korean = client.get(f"/api/v1/exercises/{EXERCISE}", headers=headers).get_json()
    assert korean["language"] == "ko"
    asked = client.get(
        f"/api/v1/exercises/{EXERCISE}", headers={**headers, "Accept-Language": "en"}
    )
    assert asked.get_json()["language"] == "en"  # the request's own choice comes first


def test_error_codes_stay_english_and_messages_follow(app, client, make_user):
    headers = _headers(app, make_user())
    english = client.get("/api/v1/exercises/no-such-exercise", headers=headers)
    korean = client.get("/api/v1/exercises/no-such-exercise", headers={**headers, **KO})
    assert english.status_code == korean.status_code == 404
    assert english.get_json()["error"] == korean.get_json()["error"] == "not_found"
    assert english.get_json()["message"] != korean.get_json()["message"]
