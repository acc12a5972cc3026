"""The site's language: user setting > switcher > Accept-Language > DLGRADE_DEFAULT_LOCALE;
API error messages follow Accept-Language while their codes stay English."""

from __future__ import annotations

import pytest

from grader.settings import Settings, SettingsError
from grader.store.models import User
from tests.webapp.conftest import log_in
from webapp.extensions import db

KO = {"Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5"}


def test_default_is_english_and_accept_language_picks_korean(client):
    english = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in english and "Create an account" in english
    korean = client.get("/", headers=KO).get_data(as_text=True)
    assert '<html lang="ko">' in korean and "계정 만들기" in korean
    assert "Create an account" not in korean


def test_instance_default_applies_without_accept_language(app_factory, settings):
    app = app_factory(DLGRADE_SETTINGS=settings.replace(default_locale="ko"))
    page = app.test_client().get("/").get_data(as_text=True)
    assert '<html lang="ko">' in page
    french = app.test_client().get("/", headers={"Accept-Language": "fr"})
    assert '<html lang="ko">' in french.get_data(as_text=True)


def test_default_locale_setting_is_validated(tmp_path):
    env = {"DLGRADE_INSTANCE": str(tmp_path), "DLGRADE_DEFAULT_LOCALE": "KO"}
    assert Settings.from_env(env).default_locale == "ko"
    with pytest.raises(SettingsError, match="DLGRADE_DEFAULT_LOCALE='fr'"):
        Settings.from_env({**env, "DLGRADE_DEFAULT_LOCALE": "fr"})


def test_switcher_works_signed_out_and_wins_over_accept_language(client):
    response = client.post("/language", data={"language": "ko", "next": "/auth/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ko">' in page
    client.post("/language", data={"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/", headers=KO).get_data(as_text=True)


def test_switcher_refuses_other_sites_and_unknown_languages(client):
    response = client.post("/language", data={"language": "xx", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_user_setting_wins_over_accept_language_and_switcher_saves_it(app, client, make_user):
    user = make_user(locale="en")
    log_in(client, user)
    assert '<html lang="en">' in client.get("/curriculum", headers=KO).get_data(as_text=True)
    client.post("/language", data={"language": "ko", "next": "/curriculum"})
    with app.app_context():
        assert db.session.get(User, user.id).locale == "ko"
    page = client.get("/curriculum", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ko">' in page and "커리큘럼" in page


def test_korean_curriculum_uses_korean_module_and_exercise_titles(client, make_user):
    log_in(client, make_user(locale="ko"))
    page = client.get("/curriculum").get_data(as_text=True)
    assert "시작 전" in page and "not started" not in page
    assert "Computational graphs" not in page or "계산 그래프" in page


def test_api_error_messages_follow_accept_language_codes_do_not(client):
    english = client.get("/api/v1/progress")
    korean = client.get("/api/v1/progress", headers=KO)
    assert english.status_code == korean.status_code == 401
    assert english.json["error"] == korean.json["error"] == "unauthorized"
    assert english.json["message"] != korean.json["message"]
    assert "토큰" in korean.json["message"]
    missing = client.get("/api/v1/nowhere", headers=KO)
    assert missing.status_code == 404 and missing.json["error"] == "not_found"
