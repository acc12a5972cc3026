"""Submitting from the site, the result page, plots, history and diffs.

Most tests grade through the store (``record_grade`` with a result document as the engine
writes it); ``test_end_to_end_*`` grades for real with the embedded worker.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from sqlalchemy import select

from grader.core.results import CaseResult
from grader.store import mark_error
from grader.store.models import Cohort, CohortMember, Submission
from tests.webapp.conftest import EXERCISE, result_document
from webapp.extensions import db

WRONG = "import numpy as np\n\ndef softmax_cross_entropy(logits, labels):\n    return 0.0\n"


def submit(client, source=WRONG, **extra):
    return client.post(
        f"/exercises/{EXERCISE}/submit",
        data={"source": source, **extra},
        content_type="multipart/form-data",
    )


def only_submission(app) -> Submission:
    with app.app_context():
        return db.session.scalars(select(Submission)).one()


def test_submitting_commits_a_queued_row_and_shows_a_pending_page(app, client, make_user, login):
    login(client, make_user())
    response = submit(client, source=WRONG.replace("\n", "\r\n"))
    assert response.status_code == 303
    submission = only_submission(app)
    assert response.headers["Location"] == f"/submissions/{submission.id}"
    assert submission.status == "queued"
    assert submission.source == WRONG  # CRLF from the browser's textarea normalised
    page = client.get(f"/submissions/{submission.id}").get_data(as_text=True)
    assert f'data-poll-url="/submissions/{submission.id}/status.json"' in page
    assert "refresh it in a moment" in page  # without JavaScript
    assert "js/result.js" in page
    status = client.get(f"/submissions/{submission.id}/status.json").get_json()
    assert status == {
        "id": submission.id,
        "status": "queued",
        "finished": False,
        "result_status": None,
        "score": None,
        "max_score": None,
        "counted_score": None,
        "raw_score": None,
        "penalty": None,
        "late_days": 0,
    }


def test_the_status_json_carries_the_rendered_result_once_graded(
    client, make_user, login, make_submission
):
    user = make_user()
    login(client, user)
    submission_id = make_submission(user)
    status = client.get(f"/submissions/{submission_id}/status.json").get_json()
    assert status["finished"] and status["result_status"] == "failed"
    assert status["score"] == 2.0 and status["max_score"] == 10.0
    assert 'data-testid="result"' in status["html"]
    assert "loss: expected 0.417, got nan" in status["html"]
    assert "data-poll-url" not in status["html"]


def test_uploads_of_py_and_ipynb_files(app, client, make_user, login):
    login(client, make_user())
    response = submit(client, source="", upload=(io.BytesIO(WRONG.encode()), "mine.py"))
    assert response.status_code == 303
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "id": "a",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": ["x = 1\n", "%timeit x\n"],
            }
        ],
    }
    data = io.BytesIO(json.dumps(notebook).encode())
    assert submit(client, source="", upload=(data, "work.ipynb")).status_code == 303
    with app.app_context():
        rows = db.session.scalars(select(Submission).order_by(Submission.id)).all()
        assert [r.filename for r in rows] == ["mine.py", "work.ipynb"]
        assert rows[0].source == WRONG
    page = client.get(f"/submissions/{rows[1].id}").get_data(as_text=True)
    assert "x = 1" in page  # a notebook is shown as its code cells


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        ((io.BytesIO(b"x = 1"), "notes.txt"), "Upload a .py file or a Jupyter notebook."),
        ((io.BytesIO(b"\xff\xfe\x00x"), "bad.py"), "is not UTF-8 text"),
        ((io.BytesIO(b"{not json"), "bad.ipynb"), "is not a valid notebook"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(app, client, make_user, login, upload, message):
    login(client, make_user())
    response = submit(client, source="", upload=upload)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Submission)).all() == []


def test_an_empty_submission_is_refused(client, make_user, login):
    login(client, make_user())
    response = submit(client, source="   \n")
    assert response.status_code == 400
    assert "Write some code in the editor" in response.get_data(as_text=True)


def test_submitting_to_an_unknown_exercise_is_404(client, make_user, login):
    login(client, make_user())
    response = client.post("/exercises/nope/submit", data={"source": WRONG})
    assert response.status_code == 404


def test_the_result_page_shows_visible_cases_and_only_the_description_of_hidden_ones(
    client, make_user, login, make_submission
):
    user = make_user()
    login(client, user)
    submission_id = make_submission(
        user,
        result=result_document(output="printed <b>hi</b>", traceback='File "<submission>"\nBoom'),
    )
    page = client.get(f"/submissions/{submission_id}").get_data(as_text=True)
    assert 'data-testid="score">2 / 10<' in page
    assert "loss: expected 0.417, got nan" in page
    assert 'data-case="hidden batch" data-passed="false"' in page
    assert "a random batch" in page
    assert "second line never shown" not in page and "SECRET" not in page
    assert "12345" not in page  # the seed of the hidden cases is withheld, as in the API
    assert "printed &lt;b&gt;hi&lt;/b&gt;" in page
    assert 'data-testid="traceback"' in page and "Boom" in page
    assert f"/submissions/{submission_id}/cases/1/heatmap.png" in page
    assert f"/submissions/{submission_id}/cases/2/heatmap.png" not in page
    assert f"/submissions/{submission_id}/cases/0/heatmap.png" not in page  # it passed


def test_heatmaps_and_loss_curves_are_pngs_for_visible_cases_only(
    client, make_user, login, make_submission
):
    from grader.core.results import CaseResult

    user = make_user()
    login(client, user)
    series = {"label": "loss", "learner": [3.0, 2.0, None], "reference": [3.0, 1.0, 0.5]}
    cases = [
        CaseResult(
            "curve",
            "training",
            0.0,
            1.0,
            False,
            False,
            "diverged",
            detail={"series": series, "error_map": [[0.1, 0.2, 5.0]]},
        ),
        CaseResult(
            "hidden",
            "hidden",
            0.0,
            1.0,
            False,
            True,
            "x",
            detail={"error_map": [[1.0]], "series": series},
        ),
    ]
    submission_id = make_submission(user, result=result_document(cases=cases))
    base = f"/submissions/{submission_id}/cases"
    for path in (f"{base}/0/heatmap.png", f"{base}/0/curve.png"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.mimetype == "image/png" and response.data.startswith(b"\x89PNG")
        assert response.headers["Cache-Control"] == "private, max-age=3600"
        again = client.get(path, headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304
    for path in (f"{base}/1/heatmap.png", f"{base}/1/curve.png", f"{base}/7/heatmap.png"):
        assert client.get(path).status_code == 404, path
    page = client.get(f"/submissions/{submission_id}").get_data(as_text=True)
    assert f"{base}/0/curve.png" in page and f"{base}/1/curve.png" not in page


def test_a_grader_failure_is_shown_as_not_the_learners_fault(
    app, client, make_user, login, make_submission
):
    user = make_user()
    login(client, user)
    submission_id = make_submission(user, result=None)
    with app.app_context():
        mark_error(db.session, submission_id, "the sandbox could not start <twice>")
        db.session.commit()
    page = client.get(f"/submissions/{submission_id}").get_data(as_text=True)
    assert "This is not a problem with your code" in page
    assert "the sandbox could not start &lt;twice&gt;" in page


def test_history_and_diff_between_two_of_ones_submissions(
    client, make_user, login, make_submission
):
    user = make_user()
    login(client, user)
    first = make_submission(user, source="x = 1\ny = '<script>'\n")
    second = make_submission(user, source="x = 2\ny = '<script>'\n")
    page = client.get(f"/exercises/{EXERCISE}/history").get_data(as_text=True)
    assert f"/submissions/{first}" in page and f"/submissions/{second}" in page
    diff = client.get(f"/exercises/{EXERCISE}/diff?a={second}&b={first}")
    assert diff.status_code == 200
    text = diff.get_data(as_text=True)
    assert '<div class="del">-x = 1</div>' in text
    assert '<div class="add">+x = 2</div>' in text
    assert "&lt;script&gt;" in text and "'<script>'" not in text
    assert client.get(f"/exercises/{EXERCISE}/diff?a={first}").status_code == 302


def test_the_cohort_limit_on_graded_attempts_per_hour(app, client, make_user, login):
    user = make_user()
    login(client, user)
    with app.app_context():
        cohort = Cohort(name="Strict", enrolment_code="STRICT", max_attempts_per_hour=2)
        db.session.add(cohort)
        db.session.flush()
        db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id))
        db.session.commit()
    page = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    assert "2 of 2 graded attempts left on this exercise this hour" in page
    assert submit(client).status_code == 303
    assert submit(client).status_code == 303
    page = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    assert "No graded attempt left on this exercise this hour (your cohort allows 2)" in page
    third = submit(client)
    # redirect after the refused POST, so that a reload does not post again
    assert third.status_code == 303
    assert third.headers["Location"] == f"/exercises/{EXERCISE}?kept=1"
    page = client.get(third.headers["Location"]).get_data(as_text=True)
    assert re.search(r"allows 2 graded attempts per exercise per hour", page)
    with app.app_context():
        assert len(db.session.scalars(select(Submission)).all()) == 2


def test_the_result_page_strips_escape_sequences_from_learner_text(
    client, make_user, login, make_submission
):
    user = make_user()
    login(client, user)
    cases = [
        CaseResult("small batch", "a batch", 0.0, 2.0, False, False, "got \x1b[32mPASSED\x1b[0m")
    ]
    document = result_document(
        cases=cases, output="\x1b[2J\x1b[32mPASSED\x1b[0m\rbell\x07", traceback="E\x1b]0;t\x07rr"
    )
    document["message"] = "raised \x9b31mX"
    page = client.get(f"/submissions/{make_submission(user, result=document)}").get_data(
        as_text=True
    )
    assert "\x1b" not in page and "\x07" not in page and "\x9b" not in page
    assert "PASSED\nbell" in page and "Err" in page and "got PASSED" in page


def test_a_training_case_shows_the_figures_it_reached(client, make_user, login, make_submission):
    from webapp.submissions.results import figure_lines

    reached = [{"name": "held-out accuracy", "value": 0.9722, "target": 0.95, "unit": "fraction"}]
    assert figure_lines(reached) == ["held-out accuracy 97.2 % (95.0 % needed)"]
    assert figure_lines([{"name": "loss", "value": 0.01234}]) == ["loss 0.01234"]
    assert figure_lines([{"name": 3}, {"value": 1}, "x", {"name": "n", "value": "?"}]) == []
    assert figure_lines(None) == []
    cases = [
        CaseResult("accuracy", "held", 2.0, 2.0, True, False, "ok", detail={"figures": reached}),
        CaseResult("hidden", "secret", 0.0, 1.0, False, True, "x", detail={"figures": reached}),
    ]
    user = make_user()
    login(client, user)
    submission = make_submission(user, result=result_document("failed", cases=cases))
    page = client.get(f"/submissions/{submission}").get_data(as_text=True)
    assert page.count("Reached: held-out accuracy 97.2 % (95.0 % needed)") == 1  # not the hidden


def test_the_result_page_shows_messages_in_the_request_language(
    client, make_user, login, make_submission
):
    import numpy as np

    from grader.core.compare import compare_close

    user = make_user()
    login(client, user)
    wrong = compare_close(np.zeros((2, 3)), np.zeros((3, 2)), name="the logits")
    coded = CaseResult("shape", "a 2x3 batch", 0.0, 2.0, False, False, "")
    coded.set_message(wrong.coded)
    coded.descriptions = {"ko": "2x3 배치"}
    old = CaseResult("old", "an old case", 0.0, 1.0, False, False, "an old English message")
    submission_id = make_submission(user, result=result_document(cases=[coded, old]))
    url = f"/submissions/{submission_id}"
    korean = client.get(url, headers={"Accept-Language": "ko-KR,ko;q=0.9"}).get_data(as_text=True)
    assert "the logits: 기대한 것은 shape가 (2, 3)인 배열인데 shape가 (3, 2)입니다" in korean
    assert "2x3 배치" in korean
    assert "an old English message" in korean and "an old case" in korean  # no code: English
    english = client.get(url, headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert "the logits should be an array of shape (2, 3) but has shape (3, 2)" in english
    assert "a 2x3 batch" in english and "2x3 배치" not in english
    polled = client.get(f"{url}/status.json", headers={"Accept-Language": "ko"}).get_json()
    assert "기대한 것은 shape가 (2, 3)인 배열인데" in polled["html"]
    client.post("/language", data={"language": "ko", "next": "/"})  # the site's switcher
    switched = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "기대한 것은 shape가 (2, 3)인 배열인데" in switched and "2x3 배치" in switched
