"""The learner's pages in headless Chromium (Debian's package, driven by Playwright), served
in-process from a test database that holds the whole bank: the late penalty is shown on every
page, the editor lets the keyboard out (Esc then Tab) and back, no page scrolls sideways on
a 390x844 phone, and axe-core (vendored ``data/axe.min.js``, injected by the test) finds no
critical or serious violation. Grading is not needed here: results are written through the
store (``test_browser`` grades for real)."""

from __future__ import annotations

import shutil
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from grader.store import create_submission, record_grade
from grader.store.models import Cohort, CohortMember, Deadline, User
from tests.webapp.conftest import EXERCISE, PASSWORD, result_document, settings_for
from tests.webapp.solutions import RIGHT
from tests.webapp.test_browser import browser  # noqa: F401  (fixture)
from webapp import create_app
from webapp.config import TestConfig
from webapp.content import load_served_bank
from webapp.extensions import db

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(__file__).with_name("data") / "axe.min.js"
PHONE = {"width": 390, "height": 844}
MODULE = "neural-networks"


def _late_cohort(learner_id: int, due: datetime) -> None:
    cohort = Cohort(
        name="Phone", enrolment_code="PHONE", late_policy="per_day", penalty_per_day=0.1
    )
    db.session.add(cohort)
    db.session.flush()
    db.session.add(CohortMember(cohort_id=cohort.id, user_id=learner_id))
    db.session.add(Deadline(cohort_id=cohort.id, module=MODULE, due_at=due))
    db.session.commit()


def _graded(learner_id: int, exercise: str, document: dict, now: datetime) -> int:
    submission = create_submission(
        db.session, user_id=learner_id, exercise_id=exercise, source=RIGHT, now=now
    )
    record_grade(db.session, submission.id, document, worker="t", runner="cpu")
    db.session.commit()
    return submission.id


@pytest.fixture(scope="module")
def learner_site(tmp_path_factory, template_sqlite, password_hash):
    """A live site (werkzeug in a thread) whose learner handed in full marks two days late
    (10 % a day: 8 / 10 counts) and a failing first attempt on time."""
    instance = tmp_path_factory.mktemp("learner-site") / "instance"
    instance.mkdir()
    shutil.copyfile(template_sqlite, instance / "dlgrade.sqlite3")
    app = create_app(TestConfig(settings_for(instance)))
    now = datetime.now(UTC)
    due = now - timedelta(days=3)
    with app.app_context():
        learner = User(
            email="phone@example.org",
            password_hash=password_hash,
            role="learner",
            display_name="Maria-Alejandra Fernández de la Cruz Villanueva-Oyelaran",
        )
        db.session.add(learner)
        db.session.commit()
        _late_cohort(learner.id, due)
        first = _graded(learner.id, EXERCISE, result_document(), due - timedelta(hours=2))
        full = result_document("passed", cases=[])
        full.update(score=10.0, max_score=10.0)
        late = _graded(learner.id, EXERCISE, full, due + timedelta(days=1, hours=1))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    yield {"url": url, "first": first, "late": late}
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


def _log_in(context, url: str):
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url + "/login")
    page.get_by_label("E-mail").fill("phone@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/curriculum")
    return page


@pytest.fixture
def phone_page(browser, learner_site):  # noqa: F811
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True)
    yield _log_in(context, learner_site["url"])
    context.close()


@pytest.fixture
def desktop_page(browser, learner_site):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield _log_in(context, learner_site["url"])
    context.close()


def learner_paths(site) -> list[str]:
    exercises = sorted(load_served_bank())
    return [
        "/",
        "/curriculum",
        "/progress",
        "/settings",
        f"/submissions/{site['first']}",
        f"/submissions/{site['late']}",
        f"/exercises/{EXERCISE}/history",
        f"/exercises/{EXERCISE}/diff?a={site['first']}&b={site['late']}",
        *(f"/exercises/{exercise_id}" for exercise_id in exercises),
    ]


WIDEST = """() => {
  const limit = 390;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > limit + 1)
    .slice(0, 5)
    .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
}"""


def test_no_learner_page_scrolls_sideways_on_a_phone(phone_page, learner_site):
    page = phone_page
    wide = {}
    for path in learner_paths(learner_site):
        page.goto(learner_site["url"] + path)
        page.wait_for_load_state("load")
        if "/exercises/" in path and "history" not in path and "diff" not in path:
            page.locator(".CodeMirror").wait_for()
        if page.locator(".prompt").count():
            page.wait_for_function(
                "() => !document.querySelector('.prompt .math') ||"
                " document.querySelector('.prompt .katex')"
            )
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"] or page.evaluate("window.innerWidth") > PHONE["width"]:
            wide[path] = (width, page.evaluate(WIDEST))
    for path in ("/login", "/signup", "/reset"):  # signed out
        page.context.clear_cookies()
        page.goto(learner_site["url"] + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = (width, page.evaluate(WIDEST))
    assert wide == {}


def test_the_late_penalty_is_on_every_learner_page(desktop_page, learner_site):
    page, url = desktop_page, learner_site["url"]
    page.goto(url + f"/submissions/{learner_site['late']}")
    assert page.get_by_test_id("score").inner_text() == "8 / 10"
    assert "minus a late penalty of 2" in page.get_by_test_id("late-penalty").inner_text()
    page.goto(url + f"/exercises/{EXERCISE}")
    standing = page.get_by_test_id("standing").inner_text()
    assert "Score that counts 8 / 10 (raw 10 / 10, −2 late penalty, 2 days late)" in standing
    assert "ago; work handed in now is late" in page.get_by_test_id("due-date").inner_text()
    page.goto(url + "/curriculum")
    row = page.locator(f'li[data-exercise="{EXERCISE}"]')
    assert "score 8 / 10 (raw 10 / 10, −2 late penalty" in row.inner_text()
    page.goto(url + "/progress")
    points = page.locator(f'tr[data-module="{MODULE}"] [data-testid="module-points"]')
    assert points.inner_text() == "8 / 10 (−2 late penalty)"
    response = page.request.get(url + f"/submissions/{learner_site['late']}/status.json")
    assert response.json()["counted_score"] == pytest.approx(8.0)


def _focused(page) -> str:
    return page.evaluate(
        """() => {
      const e = document.activeElement;
      if (e.closest('.CodeMirror')) return 'editor';
      return e.getAttribute('data-testid') || e.id || e.type || e.tagName;
    }"""
    )


def test_the_keyboard_leaves_the_editor_for_submit_and_comes_back(desktop_page, learner_site):
    page = desktop_page
    page.goto(learner_site["url"] + f"/exercises/{EXERCISE}")
    page.locator(".CodeMirror").wait_for()
    assert "Esc then Tab to move on" in page.locator("#editor-keys").inner_text()
    assert "Ctrl+Enter submits" in page.locator("#editor-keys").inner_text()
    page.locator(".CodeMirror").click()
    page.keyboard.press("Tab")  # indents: still in the editor
    assert _focused(page) == "editor"
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    steps = []
    for _ in range(6):
        steps.append(_focused(page))
        if steps[-1] == "submit":
            break
        page.keyboard.press("Tab")
    assert steps[-1] == "submit", steps
    for _ in range(8):  # and back with Shift+Tab
        page.keyboard.press("Shift+Tab")
        if _focused(page) == "editor":
            break
    assert _focused(page) == "editor"
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Tab")
    assert _focused(page) != "editor"
    # the skip links: the first Tab of a page reaches "Skip to the main content"
    page.goto(learner_site["url"] + f"/exercises/{EXERCISE}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the main content"
    skip = page.get_by_role("link", name="Skip past the editor")
    skip.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused(page) in ("upload", "file")


def _axe(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
      const result = await axe.run(document, {resultTypes: ['violations']});
      return result.violations
        .filter(v => v.impact === 'critical' || v.impact === 'serious')
        .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ['
          + (n.any.concat(n.all)[0] || {message: ''}).message + ']').join(', '));
    }"""
    )
    return found


def test_axe_finds_no_serious_violation(learner_site, browser):  # noqa: F811
    url = learner_site["url"]
    # the site's CSP forbids inline scripts, the injected axe.min.js among them
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = _log_in(context, url)
    found = {}
    for path in (
        "/curriculum",
        f"/exercises/{EXERCISE}",
        f"/submissions/{learner_site['first']}",
        f"/submissions/{learner_site['late']}",
        "/progress",
    ):
        page.goto(url + path)
        page.wait_for_load_state("load")
        violations = _axe(page)
        if violations:
            found[path] = violations
    context.close()
    context = browser.new_context(bypass_csp=True)
    anonymous = context.new_page()
    anonymous.goto(url + "/login")
    if violations := _axe(anonymous):
        found["/login"] = violations
    context.close()
    assert found == {}, "\n".join(f"{path}: {v}" for path, vs in found.items() for v in vs)


def test_a_long_name_does_not_wrap_the_nav_bar(desktop_page, learner_site):
    page = desktop_page
    page.goto(learner_site["url"] + "/curriculum")
    header = page.locator(".site-header .inner").bounding_box()
    assert header["height"] < 64  # one line: the name is cut short, not the bar wrapped
    who = page.locator(".user-nav .who")
    assert who.get_attribute("title").startswith("Maria-Alejandra Fernández")
    assert page.evaluate("e => e.scrollWidth > e.clientWidth", who.element_handle())  # ellipsis
