""" "Run visible cases" in headless Chromium (Debian's package, driven by Playwright): a
learner writes code in the editor, clicks Run, and the case list of the visible cases appears
under the form without a reload, the editor keeping its text; nothing is submitted. The site
is served in-process (werkzeug in a thread) with the real embedded grading worker behind it.
A screenshot is saved under ``test-artifacts/browser/``."""

from __future__ import annotations

import shutil
import threading

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

from grader.service.embedded import start_embedded_worker
from grader.store.models import Submission, TrialRun, User
from tests.webapp.conftest import EXERCISE, PASSWORD, settings_for
from tests.webapp.solutions import WRONG
from tests.webapp.test_browser import browser, page, shot, write_in_editor  # noqa: F401
from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def run_site(tmp_path_factory, template_sqlite, password_hash):
    instance = tmp_path_factory.mktemp("run-site") / "instance"
    instance.mkdir()
    shutil.copyfile(template_sqlite, instance / "dlgrade.sqlite3")
    settings = settings_for(instance)
    app = create_app(TestConfig(settings))
    with app.app_context():
        db.session.add(
            User(email="runner@example.org", password_hash=password_hash, display_name="Ada")
        )
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with start_embedded_worker(settings, gpu=False):
        yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


def test_run_visible_cases_shows_the_case_list_in_place(page, run_site):  # noqa: F811
    app, url = run_site
    page.goto(url + "/login")
    page.get_by_label("E-mail").fill("runner@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/curriculum")
    page.goto(f"{url}/exercises/{EXERCISE}")
    page.locator(".CodeMirror").wait_for()
    write_in_editor(page, WRONG)
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    page.get_by_test_id("run-visible").click()
    box = page.get_by_test_id("run-box")
    result = box.get_by_test_id("run-result")
    result.wait_for(timeout=90_000)  # swapped in by the poller
    assert result.get_attribute("data-result-status") == "failed"
    cases = box.get_by_test_id("case")
    assert cases.count() > 0
    assert box.locator('[data-testid="case"][data-passed="false"]').count() > 0
    assert box.get_by_test_id("case-message").count() > 0
    heatmap = box.get_by_test_id("heatmap").first  # the run's own plot endpoint
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=heatmap.element_handle()
    )
    assert page.url.endswith(f"/exercises/{EXERCISE}") and not navigations  # no reload
    editor_text = page.evaluate(
        "() => document.querySelector('textarea[data-editor]').dlgradeEditor.getValue()"
    )
    assert editor_text == WRONG
    shot(page, "run-visible-cases")
    assert not page.problems, page.problems
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 0
        assert db.session.scalar(select(func.count()).select_from(TrialRun)) == 1
