"""The site in Korean in headless Chromium: chosen with the navigation's switcher (signed out,
kept through the log-in) and from the browser's ``Accept-Language: ko``. The curriculum, an
exercise (KaTeX renders inside the Korean prompt), a result with a failing case (its message
rendered from the grader's catalogue in Korean) and the gradebook are shown in Korean, and
no page scrolls sideways at 390 px. Screenshots go to ``test-artifacts/browser/ko-*.png``."""

from __future__ import annotations

import re
import shutil
import threading
from datetime import UTC, datetime

import pytest
from werkzeug.serving import make_server

from grader.core.messages import msg
from grader.core.results import CaseResult
from grader.store import create_submission, record_grade
from grader.store.models import Cohort, CohortMember, User
from tests.webapp.conftest import EXERCISE, PASSWORD, result_document, settings_for
from tests.webapp.solutions import RIGHT
from tests.webapp.test_browser import ARTIFACTS, browser  # noqa: F401  (fixture)
from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
HANGUL = re.compile("[가-힣]")


def _failing_document() -> dict:
    ok = CaseResult("small batch", "a 3x4 batch", 2.0, 2.0, True, False, "ok")
    wrong = CaseResult("large logits", "logits up to 1e4", 0.0, 3.0, False, False, "")
    wrong.set_message(msg("compare.value", subject="loss", expected="0.417", actual="nan"))
    wrong.descriptions = {"ko": "최대 1e4인 로짓"}
    return result_document(cases=[ok, wrong])


@pytest.fixture(scope="module")
def korean_site(tmp_path_factory, template_sqlite, password_hash):
    """A live site with a learner (no language set) whose submission failed a case, and the
    instructor of the learner's cohort."""
    instance = tmp_path_factory.mktemp("korean-site") / "instance"
    instance.mkdir()
    shutil.copyfile(template_sqlite, instance / "dlgrade.sqlite3")
    app = create_app(TestConfig(settings_for(instance)))
    with app.app_context():
        people = {
            role: User(
                email=f"{role}-ko@example.org",
                password_hash=password_hash,
                role=role,
                display_name=name,
            )
            for role, name in (("learner", "김하늘"), ("instructor", "박선생"))
        }
        db.session.add_all(people.values())
        cohort = Cohort(name="딥러닝 1기", enrolment_code="KO-1")
        db.session.add(cohort)
        db.session.flush()
        for role, user in people.items():
            db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id, role=role))
        db.session.commit()
        submission = create_submission(
            db.session,
            user_id=people["learner"].id,
            exercise_id=EXERCISE,
            source=RIGHT,
            now=datetime.now(UTC),
        )
        record_grade(db.session, submission.id, _failing_document(), worker="t", runner="cpu")
        db.session.commit()  # record_grade writes in the caller's transaction
        ids = {"submission": submission.id, "cohort": cohort.id}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", **ids}
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"ko-{name}.png"), full_page=True)


def _log_in_korean(page, url: str, role: str) -> None:
    page.goto(url + "/login")
    page.get_by_label("이메일").fill(f"{role}-ko@example.org")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_load_state("load")


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth"), page.url


def _exercise_in_korean(page, url: str) -> None:
    page.goto(url + f"/exercises/{EXERCISE}")
    page.locator(".CodeMirror").wait_for()
    prompt = page.locator(".prompt")
    page.wait_for_function("() => document.querySelector('.prompt .katex')")
    assert HANGUL.search(prompt.inner_text())
    assert prompt.locator(".katex").count() > 0
    assert page.get_by_test_id("submit").inner_text() == "채점 제출"


def _result_in_korean(page, url: str, submission_id: int) -> None:
    page.goto(url + f"/submissions/{submission_id}")
    failed = page.locator('[data-case="large logits"]')
    assert "실패" in failed.inner_text()
    message = failed.get_by_test_id("case-message").inner_text()
    assert message == "loss: 기댓값은 0.417인데 nan입니다"
    assert "최대 1e4인 로짓" in failed.inner_text()
    assert page.get_by_role("heading", name="테스트 케이스").count() == 1


def test_the_switcher_turns_the_learner_pages_korean(browser, korean_site):  # noqa: F811
    url = korean_site["url"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url + "/login")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_test_id("language-switcher").get_by_role("button", name="한국어").click()
    page.wait_for_url("**/login")
    assert page.locator("html").get_attribute("lang") == "ko"
    _log_in_korean(page, url, "learner")  # the choice survives the log-in
    page.goto(url + "/curriculum")
    assert page.get_by_role("heading", name="커리큘럼", exact=True).count() == 1
    assert "시작 전" in page.locator(".modules").inner_text()
    _shot(page, "curriculum")
    _exercise_in_korean(page, url)
    _shot(page, "exercise")
    _result_in_korean(page, url, korean_site["submission"])
    _shot(page, "result")
    page.get_by_test_id("language-switcher").get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name="Test cases").count() == 1
    # signed in, the switcher saved the choice: the settings page puts it back to automatic
    page.goto(url + "/settings")
    form = page.get_by_test_id("language-form")
    assert form.get_by_label("The site's language").input_value() == "en"
    form.get_by_label("The site's language").select_option("")
    form.get_by_role("button", name="Save the language").click()
    page.wait_for_url("**/settings*")
    assert "Your language is saved." in page.locator(".flashes").inner_text()
    context.close()


def test_accept_language_ko_shows_korean_and_the_gradebook(browser, korean_site):  # noqa: F811
    url = korean_site["url"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url + "/")
    assert page.locator("html").get_attribute("lang") == "ko"
    _log_in_korean(page, url, "instructor")
    page.goto(url + f"/instructor/cohorts/{korean_site['cohort']}/gradebook")
    assert page.get_by_role("heading", name="성적부").count() == 1
    book = page.get_by_test_id("gradebook")
    assert "학습자" in book.inner_text() and "김하늘" in book.inner_text()
    _shot(page, "gradebook")
    _result_in_korean(page, url, korean_site["submission"])
    context.close()


def test_nothing_scrolls_sideways_at_390px_in_korean(browser, korean_site):  # noqa: F811
    url = korean_site["url"]
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=1, is_mobile=True, locale="ko-KR"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    for path in ("/", "/login", "/signup", "/reset"):
        page.goto(url + path)
        _no_sideways_scroll(page)
    _log_in_korean(page, url, "learner")
    for path in (
        "/curriculum",
        "/progress",
        "/settings",
        f"/submissions/{korean_site['submission']}",
    ):
        page.goto(url + path)
        _no_sideways_scroll(page)
    _exercise_in_korean(page, url)
    _no_sideways_scroll(page)
    _shot(page, "exercise-phone")
    context.close()
