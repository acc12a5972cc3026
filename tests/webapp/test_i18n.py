"""The site's language: user setting > switcher > Accept-Language > DLGRADE_DEFAULT_LOCALE;
API error messages follow Accept-Language while their codes stay English."""

from __future__ import annotations

import re
from datetime import UTC, datetime

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


def _coded_result() -> dict:
    from grader.core.messages import msg
    from grader.core.results import CaseResult
    from tests.webapp.conftest import result_document

    case = CaseResult("large logits", "logits up to 1e4", 0.0, 3.0, False, False, "")
    case.set_message(msg("compare.value", subject="loss", expected="0.417", actual="nan"))
    return result_document(cases=[case])


def test_a_result_graded_in_english_renders_in_korean_and_back(client, make_user, make_submission):
    user = make_user()
    log_in(client, user)
    submission = make_submission(user, result=_coded_result())
    english = client.get(f"/submissions/{submission}").get_data(as_text=True)
    assert "loss should be 0.417, got nan" in english and "Test cases" in english
    korean = client.get(f"/submissions/{submission}", headers=KO).get_data(as_text=True)
    assert "loss: 기댓값은 0.417인데 nan입니다" in korean and "테스트 케이스" in korean
    assert "loss should be 0.417" not in korean
    status = client.get(f"/submissions/{submission}/status.json", headers=KO).json
    assert "기댓값은 0.417인데" in status["html"]


def test_an_old_result_without_codes_keeps_its_english_message(client, make_user, make_submission):
    user = make_user(locale="ko")
    log_in(client, user)
    submission = make_submission(user)  # conftest's document: plain English messages
    page = client.get(f"/submissions/{submission}").get_data(as_text=True)
    assert "loss: expected 0.417, got nan" in page and "테스트 케이스" in page


def test_form_labels_and_validation_errors_are_korean(client):
    page = client.post(
        "/signup",
        data={"email": "not-an-address", "name": "", "password": "short", "confirm": "x"},
        headers=KO,
    ).get_data(as_text=True)
    assert "ada@example.org 같은 이메일 주소를 입력하세요." in page
    assert "8자 이상(200자 이하)으로 정하세요." in page
    assert "두 비밀번호가 다릅니다." in page
    assert "이 항목은 필수입니다." in page  # WTForms' own message, from its Korean catalogue
    assert '<label for="email">이메일</label>' in page


def test_flash_messages_and_dates_follow_the_language(app, client, make_user, make_submission):
    user = make_user(locale="ko")
    log_in(client, user)
    make_submission(user)
    page = client.post("/logout", follow_redirects=True).get_data(as_text=True)
    assert "You are logged out." in page  # signed out: the user's setting no longer applies
    log_in(client, user)
    progress = client.get("/progress").get_data(as_text=True)
    assert re.search(r"\d{4}\. \d{1,2}\. \d{1,2}\. \d\d:\d\d UTC", progress)
    client.post("/language", data={"language": "ko", "next": "/"})
    page = client.post("/logout", follow_redirects=True).get_data(as_text=True)
    assert "로그아웃했습니다." in page  # the switcher's choice outlives the log-out


def test_the_settings_page_saves_or_clears_the_language(app, client, make_user):
    user = make_user()
    log_in(client, user)
    page = client.post("/settings/language", data={"language": "ko"}, follow_redirects=True)
    assert "언어를 저장했습니다." in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, user.id).locale == "ko"
    client.post("/settings/language", data={"language": ""})
    with app.app_context():
        assert db.session.get(User, user.id).locale is None
    assert '<html lang="en">' in client.get("/settings").get_data(as_text=True)


def test_due_distances_and_numbers_are_formatted_for_the_locale(app):
    from webapp.i18n.formatting import format_distance, format_number, format_when

    due = datetime(2030, 3, 4, 12, 0, tzinfo=UTC)
    with app.test_request_context(headers={"Accept-Language": "ko"}):
        assert format_distance(3 * 86400 + 5) == "3일"
        assert format_distance(2 * 86400 + 3 * 3600) == "2일 3시간"
        assert format_number(1234.5) == "1,234.5"
        assert format_when(due) == "2030. 3. 4. 12:00 UTC"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert format_distance(3 * 86400 + 5) == "3 days"
        assert format_distance(40 * 60) == "40 minutes"
        assert format_when(due) == "2030-03-04 12:00 UTC"


def test_the_late_policy_reads_in_the_locale(app):
    from flask_babel import force_locale

    from grader.store.late_policy import PER_DAY, LatePolicy
    from webapp.i18n import describe_policy

    with app.test_request_context():
        with force_locale("ko"):
            assert describe_policy(LatePolicy(PER_DAY, 0.1)) == "하루 늦을 때마다 만점의 10% 감점"
            assert describe_policy(LatePolicy()) == "늦게 내도 감점 없음"
        with force_locale("en"):
            assert describe_policy(LatePolicy(PER_DAY, 0.1)) == LatePolicy(PER_DAY, 0.1).describe()


def test_instructor_pages_and_flashes_are_korean(client, make_user):
    log_in(client, make_user(role="instructor", locale="ko"))
    page = client.post("/instructor/cohorts", data={"name": "딥러닝 2기"}, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "딥러닝 2기을(를) 만들었습니다." in text and "성적부" in text
    assert "수강반" in client.get("/instructor/").get_data(as_text=True)
    catalogue = client.get("/instructor/exercises")
    assert catalogue.status_code == 200 and "과제 목록" in catalogue.get_data(as_text=True)
    stats = client.get("/instructor/stats")
    assert stats.status_code == 200 and "통과율" in stats.get_data(as_text=True)
