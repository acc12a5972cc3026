"""End to end in headless Chromium, the instructor's side: against a running ``dlgrade serve``
the demo instructor logs in, opens the cohort's gradebook, sets a late policy and a
deadline (real forms with their CSRF tokens), sees the late mark, downloads the CSV,
reads the statistics and a learner's code, regrades a submission with the real engine and
reads the report, and previews an exercise's prompt with its maths rendered. Screenshots go
to ``test-artifacts/browser/instructor/``.

The browser fixtures are those of ``test_browser``; the learner's work is written through the
store (the learner's own journey is that file's test).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from grader.store import create_submission, make_session_factory, record_grade, session_scope
from grader.store.models import User
from tests.webapp.conftest import EXERCISE, result_document, serve_site
from tests.webapp.solutions import RIGHT
from tests.webapp.test_browser import ARTIFACTS, browser, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ARTIFACTS / "instructor"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with serve_site(tmp_path_factory.mktemp("browser-instructor"), EXERCISE) as running:
        yield running


def shot(page, name: str) -> None:  # noqa: F811  (``page`` is the fixture's object here)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def seed_learner_work(site) -> int:
    """The demo learner handed in a right solution three days ago, recorded as 2/10 (as if
    an earlier, broken version of the exercise had graded it); return its id."""
    sessions = make_session_factory(f"sqlite:///{site.instance / 'dlgrade.sqlite3'}")
    try:
        with session_scope(sessions) as session:
            learner = session.scalar(select(User).where(User.email == "learner@example.org"))
            submission = create_submission(
                session,
                user_id=learner.id,
                exercise_id=EXERCISE,
                source=RIGHT,
                now=datetime.now(UTC) - timedelta(days=3),
            )
            record_grade(session, submission.id, result_document(), worker="t", runner="cpu")
            return submission.id
    finally:
        sessions.kw["bind"].dispose()


def test_an_instructor_reads_and_steers_the_cohort(site, page):  # noqa: F811
    shutil.rmtree(SHOTS, ignore_errors=True)
    submission_id = seed_learner_work(site)

    page.goto(site.url + "/login")
    page.get_by_label("E-mail").fill("instructor@example.org")
    page.get_by_label("Password").fill(site.demo_password("instructor"))
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Instructor").click()
    page.wait_for_url("**/instructor/")
    assert "Demo cohort" in page.get_by_test_id("cohorts").inner_text()
    shot(page, "01-cohorts")

    page.get_by_role("link", name="deadlines & settings").click()
    page.get_by_label("Late work").select_option("per_day")
    page.get_by_label("Penalty per day late").fill("10")
    page.get_by_role("button", name="Save the settings").click()
    assert page.get_by_text("Saved the cohort's settings.").is_visible()
    # due half a day before the learner handed in their work (three days ago)
    due = (datetime.now(UTC) - timedelta(days=3, hours=12)).strftime("%Y-%m-%dT%H:%M")
    # numbered as in the bank served (this test serves a bank of one module)
    page.get_by_label(re.compile(r"^\d+\. Neural networks$")).fill(due)
    page.get_by_role("button", name="Save the deadlines").click()
    assert page.get_by_text("late days were recomputed").is_visible()
    shot(page, "02-deadlines-and-late-policy")

    page.get_by_role("link", name="Cohorts").click()
    page.get_by_role("link", name="gradebook").click()
    cell = page.locator(f'[data-testid="gradebook"] td[data-exercise="{EXERCISE}"]').first
    # 2/10 handed in a day late loses 10 % of 10 points
    assert cell.inner_text().split() == ["1", "late", "1d", "−1"]
    shot(page, "03-gradebook")

    with page.expect_download() as download_info:
        page.get_by_test_id("csv-export").click()
    download = download_info.value
    assert download.suggested_filename.startswith("gradebook-demo-cohort-")
    path = SHOTS / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, maxima, learner = rows[0], rows[1], rows[2]
    assert header[:2] == ["email", "name"] and learner[0] == "learner@example.org"
    assert maxima[0] == "max points" and maxima[header.index(EXERCISE)] == "10"
    assert learner[header.index(EXERCISE)] == "1" and learner[header.index("late")] == "1"

    page.get_by_role("link", name="Statistics").first.click()
    page.get_by_role("link", name="Softmax cross-entropy and its gradient").click()
    assert "loss: expected #, got nan" in page.get_by_test_id("failures").inner_text()
    shot(page, "04-exercise-statistics")

    page.goto(site.url + "/instructor/learners?q=learner@")
    page.get_by_test_id("found").get_by_role("link").first.click()
    submission = page.locator(f'[data-submission="{submission_id}"]')
    submission.locator("summary", has_text="Code").click()
    assert "def softmax_cross_entropy_grad" in submission.get_by_test_id("source").inner_text()
    shot(page, "05-learner-page")

    submission.get_by_test_id("regrade").click()
    page.wait_for_url("**/instructor/regrades/*", timeout=120_000)
    changed = page.get_by_test_id("changed").inner_text()
    assert "learner@example.org" in changed
    full = re.search(r"\t2\t(\d+) / (\d+)\t\+(\d+)", changed)  # 2 -> full marks
    assert full and full[1] == full[2] and int(full[3]) == int(full[2]) - 2, changed
    shot(page, "06-regrade-report")

    page.get_by_role("link", name="Exercises").click()
    row = page.locator(f'tr[data-exercise="{EXERCISE}"]')
    assert row.get_attribute("data-validated") == "true"
    row.get_by_role("link", name="preview").click()
    page.locator('[data-testid="prompt"] .katex').first.wait_for()  # maths rendered by KaTeX
    shot(page, "07-exercise-preview")
    assert page.problems == []
