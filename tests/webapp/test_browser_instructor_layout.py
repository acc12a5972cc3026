"""The instructors' pages in headless Chromium, for layout and accessibility: on a 390 x 844
phone no instructor page scrolls sideways (wide tables scroll inside their own box); in the
gradebook the learner, Total and Passed columns stay in view, above the cells and rotated
titles that scroll under them, and a long name is cut short with the whole name in a title;
axe-core (vendored ``data/axe.min.js``) finds no critical or serious violation on the
gradebook. Screenshots go to ``test-artifacts/browser/instructor-layout/``.

The site is the test's app (the whole bank synced: 58 exercise columns) served by werkzeug in
a thread; no grading worker is needed to lay out pages, the grades are written through the
store.
"""

from __future__ import annotations

import shutil
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from grader.store.models import Deadline, RegradeBatch, Submission, User
from tests.webapp.cohorts import DUE, add_cohort, graded, set_deadline
from tests.webapp.conftest import EXERCISE, PASSWORD
from tests.webapp.test_browser import ARTIFACTS, browser  # noqa: F401  (fixture)
from webapp.extensions import db
from webapp.instructor.grants import add_comment, grant_extension, set_score

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ARTIFACTS / "instructor-layout"
AXE = Path(__file__).with_name("data") / "axe.min.js"
LONG_NAME = "Maximiliana Konstantinopoulou-Vanderbilt de la Fuente y Montenegro-Aldeanueva"
PHONE = {"width": 390, "height": 844}
#: the elements that stick out to the right of the window (for the failure message)
WIDEST = """() => Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(-4).map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(
        e.getBoundingClientRect().right)}px`)"""


@pytest.fixture
def site(app, make_user, make_submission):
    """The app served on a loopback port, with a cohort worth laying out: 12 learners (one
    with a very long name), a late penalty, a penalised solution, a score set by hand, an
    extension, a comment and a regrade report."""
    teacher = make_user("instructor", email="teacher@example.org", display_name="Teacher")
    learners = [make_user(display_name=f"Learner {i:02d}") for i in range(10)]
    late, overridden = make_user(display_name=LONG_NAME), make_user(display_name="Ovid")
    cohort_id = add_cohort(
        app, teacher, late, overridden, *learners, late_policy="per_day", penalty_per_day=0.1
    )
    set_deadline(app, cohort_id, "neural-networks", DUE)
    make_submission(late, result=graded(0), now=DUE - timedelta(days=1))
    solved = make_submission(late, result=graded(10), now=DUE + timedelta(days=13))
    make_submission(overridden, result=graded(4), now=DUE)
    for i, learner in enumerate(learners):
        make_submission(learner, result=graded(i), now=DUE - timedelta(hours=i))
        make_submission(learner, exercise="numerical-derivative", result=graded(5, 5))
    with app.app_context():
        session = db.session
        deadline = session.scalar(select(Deadline))
        teacher_row = session.get(User, teacher.id)
        grant_extension(
            session, deadline, learners[0].id, DUE + timedelta(days=3), "ill", teacher_row
        )
        set_score(session, overridden.id, EXERCISE, 9.0, "oral exam", teacher_row)
        add_comment(session, session.get(Submission, solved), "Start earlier.", teacher_row)
        batch = RegradeBatch(scope="exercise softmax", report={"total": 0, "changed": []})
        session.add(batch)
        session.commit()
        batch_id = batch.id
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield {
            "url": url,
            "cohort": cohort_id,
            "late": late.id,
            "solved": solved,
            "batch": batch_id,
        }
    finally:
        server.shutdown()
        thread.join(10)


def _log_in(page, base: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill("teacher@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def _instructor_pages(site) -> list[str]:
    cohort, learner = site["cohort"], site["late"]
    return [
        "/instructor/",
        f"/instructor/cohorts/{cohort}",
        f"/instructor/cohorts/{cohort}/settings",
        f"/instructor/cohorts/{cohort}/gradebook",
        "/instructor/stats",
        f"/instructor/stats?cohort={cohort}",
        f"/instructor/stats/{EXERCISE}?cohort={cohort}",
        "/instructor/learners",
        "/instructor/learners?q=learner",
        f"/instructor/learners/{learner}",
        "/instructor/exercises",
        f"/instructor/exercises/{EXERCISE}/preview",
        "/instructor/regrades",
        f"/instructor/regrades/{site['batch']}",
        f"/submissions/{site['solved']}",  # the result page with the instructor's comment form
    ]


def _context(browser, viewport):  # noqa: F811  (``browser`` is the fixture's object here)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def test_no_instructor_page_scrolls_sideways_on_a_phone(site, browser):  # noqa: F811
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    context, page = _context(browser, PHONE)
    try:
        _log_in(page, site["url"])
        too_wide = {}
        for path in _instructor_pages(site):
            response = page.goto(site["url"] + path)
            assert response.status == 200, path
            widths = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            name = path.strip("/").replace("/", "_").replace("?", "_") or "index"
            page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=True)
            if widths[0] > widths[1]:
                too_wide[path] = (widths, page.evaluate(WIDEST))
        assert too_wide == {}, (
            f"pages wider than the phone ((scrollWidth, innerWidth), what sticks out): {too_wide}"
        )
    finally:
        context.close()


FIRST_ROW_IN_VIEW = """() => {
    // the sticky header cell, not <thead>: that one scrolls away with its layout position
    const head = document.querySelector('table.gradebook thead th.learner').getBoundingClientRect();
    const row = Array.from(document.querySelectorAll('table.gradebook tbody tr'))
        .find(r => r.getBoundingClientRect().top > head.bottom + 2);
    row.dataset.inView = '1';
}"""


def painted_over(page, selector: str, dx: float = 0.5, dy: float = 0.5) -> str | None:
    """What is painted over ``selector`` at a point of its box (fractions dx, dy of its size):
    None when it is that element or something inside it, else the intruder's markup."""
    return page.evaluate(
        """([selector, dx, dy]) => {
            const target = document.querySelector(selector);
            const box = target.getBoundingClientRect();
            const hit = document.elementFromPoint(
                box.left + box.width * dx, box.top + box.height * dy);
            if (target === hit || target.contains(hit)) return null;
            return hit ? hit.outerHTML.slice(0, 160) : 'nothing (out of the window)';
        }""",
        [selector, dx, dy],
    )


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"]
)
def test_the_gradebooks_sticky_columns_stay_on_top_when_scrolled(site, browser, viewport):  # noqa: F811
    context, page = _context(browser, viewport)
    try:
        _log_in(page, site["url"])
        page.goto(f"{site['url']}/instructor/cohorts/{site['cohort']}/gradebook")
        scroller = page.locator(".gradebook-scroll")
        scroller.evaluate(
            "box => { box.scrollIntoView(); box.scrollLeft = 1200; box.scrollTop = 150; }"
        )
        page.wait_for_timeout(100)
        assert scroller.evaluate("box => box.scrollLeft") > 0  # it did scroll sideways
        label = viewport["width"]
        page.screenshot(path=str(SHOTS / f"gradebook-scrolled-{label}.png"))
        for selector in ("thead th.learner", "thead th.total", "thead th.passed-col"):
            for dx, dy in ((0.1, 0.9), (0.5, 0.5), (0.9, 0.1)):
                assert painted_over(page, selector, dx, dy) is None, (selector, dx, dy)
        # a row in view below the header: its sticky cells are above the cells scrolled left
        page.evaluate(FIRST_ROW_IN_VIEW)
        for selector in ("th.learner", "td.total", "td.passed-col"):
            assert painted_over(page, f"tr[data-in-view] {selector}") is None, selector
        # Total and Passed are in view, right of the learner column
        selectors = [
            "thead th.learner",
            "thead th.total",
            "thead th.passed-col",
            ".gradebook-scroll",
        ]
        boxes = [page.locator(s).first.bounding_box() for s in selectors]
        learner, total, passed, box = boxes
        assert box["x"] <= learner["x"] < total["x"] < passed["x"]
        assert passed["x"] + passed["width"] <= box["x"] + box["width"]
        # the long name is cut short, whole in its title
        cell = page.locator(f'tbody th.learner[title^="{LONG_NAME}"]')
        link = cell.locator("a")
        assert link.evaluate("a => a.scrollWidth > a.clientWidth")  # cut short (ellipsis)
        assert cell.evaluate("th => th.getBoundingClientRect().width") <= 12 * 16 + 1
    finally:
        context.close()


def test_the_gradebook_has_no_serious_accessibility_violation(site, browser):  # noqa: F811
    # the site's Content-Security-Policy forbids inline scripts: bypassed for the injected axe
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        _log_in(page, site["url"])
        page.goto(f"{site['url']}/instructor/cohorts/{site['cohort']}/gradebook")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            """async () => (await axe.run(document)).violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
        )
        serious = [v for v in violations if v["impact"] in ("critical", "serious")]
        assert serious == [], serious
    finally:
        context.close()
