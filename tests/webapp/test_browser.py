"""End to end in headless Chromium (Debian's package, driven by Playwright): a new learner
signs up, opens softmax-cross-entropy, writes a wrong solution in the editor, submits, sees
the failing case's message and the heatmap, fixes it, submits, sees full marks and the map
update. A screenshot of each step is saved under ``test-artifacts/browser/``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.services import service_missing
from tests.webapp.conftest import EXERCISE, REPO, serve_site
from tests.webapp.solutions import RIGHT, WRONG

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with serve_site(tmp_path_factory.mktemp("browser"), EXERCISE) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        service_missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright import sync_api  # a test dependency (pyproject [test])

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.problems = problems
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def write_in_editor(page, source: str) -> None:
    editor = page.locator(".CodeMirror")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(source)  # like a paste: no auto-indent of typed lines


def submit_and_wait(page):
    page.get_by_test_id("submit").click()
    page.wait_for_url("**/submissions/*")
    result = page.get_by_test_id("result")
    result.wait_for(timeout=90_000)  # swapped in by the poller, without a reload
    return result


def test_a_new_learner_fails_then_passes_softmax_cross_entropy(site, page):
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    page.goto(site.url + "/")
    assert page.get_by_role("heading", name="What to do").is_visible()
    shot(page, "01-start-page")

    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("E-mail").fill("grace@example.org")
    page.get_by_label("Name").fill("Grace")
    page.get_by_label("Password", exact=True).fill("a long secret")
    page.get_by_label("Repeat the password").fill("a long secret")
    shot(page, "02-sign-up")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/curriculum")
    assert page.get_by_test_id("newcomer-help").is_visible()
    row = page.locator(f'li[data-exercise="{EXERCISE}"]')
    assert row.get_attribute("data-status") == "not_started"
    shot(page, "03-curriculum-new")

    row.get_by_role("link").click()
    page.wait_for_url(f"**/exercises/{EXERCISE}")
    page.locator(".prompt .katex").first.wait_for()  # maths rendered by KaTeX
    page.locator(".CodeMirror").wait_for()  # the textarea became an editor
    assert page.locator(".CodeMirror .cm-keyword").count() > 0  # Python highlighting
    shot(page, "04-exercise")

    write_in_editor(page, WRONG)
    shot(page, "05-wrong-solution")
    result = submit_and_wait(page)
    assert result.get_attribute("data-result-status") == "failed"
    failing = page.locator('[data-testid="case"][data-passed="false"]')
    assert failing.count() > 0
    messages = page.get_by_test_id("case-message")
    assert "values differ" in " ".join(messages.all_inner_texts())
    heatmap = page.get_by_test_id("heatmap").first
    heatmap.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=heatmap.element_handle()
    )
    shot(page, "06-failed-result-with-heatmap")

    page.get_by_role("link", name="Back to the exercise").click()
    page.locator(".CodeMirror").wait_for()
    write_in_editor(page, RIGHT)
    result = submit_and_wait(page)
    assert result.get_attribute("data-result-status") == "passed"
    score = page.get_by_test_id("score").inner_text()
    got, _, total = score.partition(" / ")
    assert got == total, score
    assert page.locator('[data-testid="case"][data-passed="false"]').count() == 0
    shot(page, "07-full-marks")

    page.get_by_role("link", name="Curriculum").click()
    row = page.locator(f'li[data-exercise="{EXERCISE}"]')
    assert row.get_attribute("data-status") == "passed"
    assert "2 attempts" in row.inner_text()
    shot(page, "08-curriculum-updated")

    page.get_by_role("link", name="Progress").click()
    assert page.get_by_test_id("passed-count").inner_text() == "1"
    chart = page.locator("img.chart")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=chart.element_handle()
    )
    shot(page, "09-progress")
    assert page.problems == []


def test_the_site_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/login")
    page.get_by_label("E-mail").fill("learner@example.org")
    page.get_by_label("Password").fill(site.demo_password("learner"))
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{site.url}/exercises/{EXERCISE}")
    assert page.locator("textarea#source").is_visible()  # the plain textarea
    page.locator("textarea#source").fill(RIGHT)
    page.get_by_role("link", name="Show a hint (1 of 3)").click()
    assert page.get_by_test_id("hint").count() == 1
    page.locator("textarea#source").fill(RIGHT)
    page.get_by_test_id("submit").click()
    page.wait_for_url("**/submissions/*")
    for _ in range(120):  # a refresh shows the result once it lands
        if page.get_by_test_id("result").count():
            break
        page.wait_for_timeout(500)
        page.reload()
    assert page.get_by_test_id("result").get_attribute("data-result-status") == "passed"
    shot(page, "10-no-javascript-result")
    context.close()
