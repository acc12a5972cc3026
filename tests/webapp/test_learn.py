"""The learner's pages: start page, curriculum map, exercise page, starter downloads,
hints, progress."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import nbformat
import pytest

from grader.core.bank import load_bank
from tests.webapp.conftest import EXERCISE, result_document
from webapp.content import load_served_bank
from webapp.learn.stats import Streak, cumulative, streak
from webapp.markdown import render_markdown


def test_the_start_page_explains_what_to_do(client):
    page = client.get("/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "What to do" in text
    assert "Sign up" in text and "dlgrade check" in text and "dlgrade submit" in text


def test_the_map_lists_every_module_in_course_order_with_statuses(
    client, make_user, login, make_submission
):
    user = make_user()
    login(client, user)
    page = client.get("/curriculum").get_data(as_text=True)
    positions = [
        page.index(f'data-module="{slug}"') for slug in (m.slug for m in load_bank().modules)
    ]
    assert positions == sorted(positions) and len(positions) == 14
    assert f'data-exercise="{EXERCISE}" data-status="not_started"' in page
    make_submission(user)  # graded 2 / 10
    page = client.get("/curriculum").get_data(as_text=True)
    assert f'data-exercise="{EXERCISE}" data-status="attempted"' in page
    assert 'score <span data-testid="counted-score">2 / 10</span> · 1 attempt' in page
    assert "Where to start" not in page
    full = result_document("passed", cases=[])
    full.update(score=10.0, max_score=10.0)
    make_submission(user, result=full)
    page = client.get("/curriculum").get_data(as_text=True)
    assert f'data-exercise="{EXERCISE}" data-status="passed"' in page
    assert 'score <span data-testid="counted-score">10 / 10</span> · 2 attempts' in page
    assert "1 of" in page and "exercises passed" in page


def _map_row(page: str, exercise_id: str) -> str:
    start = page.index(f'<li data-exercise="{exercise_id}"')
    return page[start : page.index("</li>", start)]


def test_kept_map_rows_never_show_one_learner_or_language_to_another(
    app, client, make_user, login, make_submission
):
    """The map's rows are rendered once and kept (``webapp.learn.map_fragments``), keyed by
    what they show: another learner, or the same learner in Korean, gets rows of their own."""
    from webapp.learn.map_fragments import MAX_PARTS

    first, second = make_user(), make_user()
    make_submission(first)  # graded 2 / 10
    login(client, first)
    row = _map_row(client.get("/curriculum").get_data(as_text=True), EXERCISE)
    assert 'data-status="attempted"' in row and "2 / 10" in row and "1 attempt" in row
    login(client, second)
    row = _map_row(client.get("/curriculum").get_data(as_text=True), EXERCISE)
    assert 'data-status="not_started"' in row and "2 / 10" not in row and "1 attempt" not in row
    login(client, first)
    client.post("/language", data={"language": "ko", "next": "/curriculum"})
    row = _map_row(client.get("/curriculum").get_data(as_text=True), EXERCISE)
    assert "점수 <span" in row and "2 / 10" in row and "1회 시도" in row and "1 attempt" not in row
    make_submission(
        first, result=result_document("passed", cases=[]) | {"score": 10.0, "max_score": 10.0}
    )
    row = _map_row(client.get("/curriculum").get_data(as_text=True), EXERCISE)
    assert 'data-status="passed"' in row and "10 / 10" in row
    render = app.extensions["dlgrade_map_fragments"]
    assert 0 < render.cache_info().currsize <= MAX_PARTS


def test_the_map_shows_only_published_exercises(app, client, make_user, login):
    from grader.store.models import ExerciseRow
    from webapp.extensions import db

    with app.app_context():
        db.session.get(ExerciseRow, EXERCISE).validated = False
        db.session.commit()
    login(client, make_user())
    assert EXERCISE not in client.get("/curriculum").get_data(as_text=True)
    assert client.get(f"/exercises/{EXERCISE}").status_code == 404


def test_the_exercise_page_renders_the_prompt_maths_and_editor(client, make_user, login):
    login(client, make_user())
    page = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    # maths is kept verbatim for KaTeX, HTML-escaped, inside .math spans
    assert '<span class="math inline">$z \\in \\mathbb{R}^C$</span>' in page
    assert '<div class="math block">' in page
    # the editor is a plain textarea, enhanced by the vendored CodeMirror
    assert 'data-editor="python"' in page and "def softmax_cross_entropy(logits, labels):" in page
    assert "vendor/codemirror/codemirror.min.js" in page
    assert "vendor/katex/contrib/auto-render.min.js" in page
    assert "<script>" not in page  # no inline script (the CSP forbids it)
    assert "softmax_cross_entropy_grad" in page  # what the submission must define
    assert 'enctype="multipart/form-data"' in page


def test_hints_are_revealed_one_at_a_time_without_javascript(client, make_user, login):
    login(client, make_user())
    exercise = load_served_bank()[EXERCISE]
    assert len(exercise.hints) == 3
    page = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    assert page.count('data-testid="hint"') == 0
    assert f"/exercises/{EXERCISE}?hints=1#hints" in page
    page = client.get(f"/exercises/{EXERCISE}?hints=2").get_data(as_text=True)
    assert page.count('data-testid="hint"') == 2
    assert "Hint 2 of 3" in page and "hints=3" in page
    page = client.get(f"/exercises/{EXERCISE}?hints=99").get_data(as_text=True)
    assert page.count('data-testid="hint"') == 3 and "That was the last hint." in page
    assert client.get(f"/exercises/{EXERCISE}?hints=abc").status_code == 200


def test_the_editor_starts_from_the_latest_submission(client, make_user, login, make_submission):
    user = make_user()
    login(client, user)
    make_submission(user, source="# my attempt <b>bold</b>\n")
    page = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    assert "# my attempt &lt;b&gt;bold&lt;/b&gt;" in page
    assert "Recent submissions" in page


def test_the_starter_downloads_as_python_and_as_a_notebook(client, make_user, login):
    login(client, make_user())
    exercise = load_served_bank()[EXERCISE]
    py = client.get(f"/exercises/{EXERCISE}/starter.py")
    assert py.status_code == 200
    assert py.get_data(as_text=True) == exercise.starter
    assert "attachment" in py.headers["Content-Disposition"]
    nb = client.get(f"/exercises/{EXERCISE}/starter.ipynb")
    assert nb.status_code == 200
    notebook = nbformat.reads(nb.get_data(as_text=True), as_version=4)
    nbformat.validate(notebook)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    assert code == [exercise.starter]
    # the file is named as `dlgrade start --notebook` names it, and its check cell agrees
    filename = EXERCISE.replace("-", "_") + ".ipynb"
    assert f'filename="{filename}"' in nb.headers["Content-Disposition"]
    assert f"dlgrade check {EXERCISE} {filename}" in notebook.cells[-1].source
    korean = client.get(f"/exercises/{EXERCISE}/starter.ipynb", headers={"Accept-Language": "ko"})
    assert (
        "## 채점하기"
        in nbformat.reads(korean.get_data(as_text=True), as_version=4).cells[-1].source
    )
    assert client.get(f"/exercises/{EXERCISE}/starter.txt").status_code == 404
    assert client.get("/exercises/no-such-exercise/starter.py").status_code == 404


def test_the_progress_page_shows_totals_streak_and_chart(client, make_user, login, make_submission):
    user = make_user()
    login(client, user)
    page = client.get("/progress").get_data(as_text=True)
    assert "Nothing yet" in page
    assert client.get("/progress/chart.png").status_code == 404
    make_submission(user)
    page = client.get("/progress").get_data(as_text=True)
    assert 'data-testid="streak">1<' in page
    chart = client.get("/progress/chart.png")
    assert chart.status_code == 200 and chart.data.startswith(b"\x89PNG")


def test_streaks_count_consecutive_days():
    today = datetime(2025, 3, 10, tzinfo=UTC).date()

    def at(days_ago: int) -> datetime:
        return datetime(2025, 3, 10, 12, tzinfo=UTC) - timedelta(days=days_ago)

    assert streak([], today) == Streak(0, 0)
    assert streak([at(0), at(0), at(1), at(2), at(5), at(6)], today) == Streak(3, 3)
    assert streak([at(1), at(2)], today).current == 2  # yesterday still counts
    assert streak([at(2), at(3), at(4), at(5)], today) == Streak(0, 4)


def test_cumulative_counts_passes_and_best_scores():
    t = datetime(2025, 1, 1, tzinfo=UTC)
    points = cumulative(
        [
            (t, "a", 2.0, 10.0),
            (t, "a", 10.0, 10.0),
            (t, "b", 1.0, 4.0),
            (t, "a", 3.0, 10.0),
            (t, "c", None, None),
        ]
    )
    assert [(p.passed, p.points) for p in points] == [(0, 2.0), (1, 10.0), (1, 11.0), (1, 11.0)]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("$a_1 * b_2$ and $c*d$", '<span class="math inline">$a_1 * b_2$</span>'),
        ("$$x < y$$", "$$x &lt; y$$"),
        ("<script>alert(1)</script>", "&lt;script&gt;"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("costs $5 and $6 today", "costs $5 and $6 today"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ],
)
def test_markdown_keeps_maths_and_strips_anything_active(markdown, expected):
    html = str(render_markdown(markdown))
    assert expected in html
    assert "<script" not in html and "onerror=" not in html.replace("&lt;img src=x onerror", "")


def test_every_prompt_of_the_bank_renders():
    for exercise in load_served_bank().values():
        html = str(render_markdown(exercise.prompt))
        assert html.strip()
        assert "<script" not in html
        json.dumps(html)
