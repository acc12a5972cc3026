""" "Run visible cases" (``webapp.submissions.runs``, the API's ``/exercises/<id>/run``): a
trial run is not a submission (no row, no attempt, no progress), works after the attempt
limit, has its own rate limit and cap on runs in flight, is readable by its owner only, and is
redacted like any learner document. ``test_a_run_is_graded_by_a_real_worker_*`` grades one
for real with the embedded worker; ``test_browser_runs`` clicks the button in Chromium."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from grader.store import create_api_token
from grader.store.models import (
    Cohort,
    CohortMember,
    Progress,
    Submission,
    TrialRun,
    TrialRunStatus,
    utcnow,
)
from grader.store.trial_runs import RUN_STALE, STALE_REASON, finish_trial_run, sweep_trial_runs
from tests.waiting import wait_for
from tests.webapp.conftest import EXERCISE, log_in, result_document
from tests.webapp.solutions import RIGHT, WRONG
from webapp.extensions import db

JSON = {"Accept": "application/json"}


def run(client, source=WRONG, json=True, **extra):
    return client.post(
        f"/exercises/{EXERCISE}/run",
        data={"source": source, **extra},
        content_type="multipart/form-data",
        headers=JSON if json else {},
    )


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def token_of(app, user) -> str:
    """An API token of ``user``, committed (store functions leave that to the caller)."""
    with app.app_context():
        token = create_api_token(db.session, user.id)
        db.session.commit()
    return token


def only_run(app) -> TrialRun:
    with app.app_context():
        return db.session.scalars(select(TrialRun)).one()


def finish(app, run_id: str, document: dict | None = None) -> None:
    with app.app_context():
        finish_trial_run(db.session, run_id, result=document or result_document())
        db.session.commit()


def test_a_run_is_queued_for_the_workers_and_is_not_a_submission(app, client, make_user, login):
    login(client, make_user())
    response = run(client)
    assert response.status_code == 202
    body = response.get_json()
    trial = only_run(app)
    assert body["id"] == trial.id and len(trial.id) >= 32  # a random token
    assert body["status"] == "queued" and not body["finished"]
    assert 'data-testid="run-pending"' in body["html"]
    assert f'data-poll-url="/runs/{trial.id}/status.json"' in body["html"]
    assert response.headers["Location"] == f"/runs/{trial.id}"
    assert trial.code == WRONG and trial.status == TrialRunStatus.QUEUED
    assert count(app, Submission) == 0 and count(app, Progress) == 0


def test_without_javascript_the_button_lands_on_the_runs_own_page(app, client, make_user, login):
    login(client, make_user())
    response = run(client, json=False)
    assert response.status_code == 303
    trial = only_run(app)
    assert response.headers["Location"] == f"/runs/{trial.id}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "refresh it in a moment" in page and "js/result.js" in page
    finish(app, trial.id)
    page = client.get(f"/runs/{trial.id}").get_data(as_text=True)
    assert 'data-testid="run-result"' in page and "loss: expected 0.417, got nan" in page


def test_the_exercise_page_has_the_button_beside_submit_and_says_what_a_run_is(
    client, make_user, login
):
    login(client, make_user())
    page = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    assert f'formaction="/exercises/{EXERCISE}/run"' in page
    assert 'data-testid="run-visible"' in page and "js/run.js" in page
    assert "uses no graded attempt (it works even when none is left this hour)" in page


def test_runs_are_allowed_after_the_attempt_limit_and_use_no_attempt(app, client, make_user, login):
    user = make_user()
    login(client, user)
    with app.app_context():
        cohort = Cohort(name="One", enrolment_code="ONE", max_attempts_per_hour=1)
        db.session.add(cohort)
        db.session.flush()
        db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id))
        db.session.commit()
    submitted = client.post(f"/exercises/{EXERCISE}/submit", data={"source": WRONG})
    assert submitted.status_code == 303
    refused = client.post(f"/exercises/{EXERCISE}/submit", data={"source": WRONG})
    assert refused.headers["Location"].endswith("?kept=1")  # the attempt limit is reached
    assert run(client).status_code == 202  # a run still works
    assert run(client).status_code == 202
    assert count(app, Submission) == 1 and count(app, TrialRun) == 2
    page = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    assert "No graded attempt left on this exercise this hour" in page


def test_the_run_rate_limit_is_its_own_and_its_429_states_the_limit(app_factory, make_user):
    app = app_factory(RATELIMIT_ENABLED=True, RUN_RATE_LIMIT="2 per minute", RUN_CONCURRENCY=9)
    user = make_user()
    token = token_of(app, user)
    web = app.test_client()
    log_in(web, user)
    assert run(web).status_code == 202
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/exercises/{EXERCISE}/run"
    assert api.post(url, json={"source": WRONG}, headers=headers).status_code == 202
    limited = run(web)  # the page's script
    assert limited.status_code == 429 and "Retry-After" in limited.headers
    message = limited.get_json()["message"]
    assert "the limit is 2 per minute" in message and "Try again in" in message
    limited = api.post(url, json={"source": WRONG}, headers=headers)
    assert (
        limited.status_code == 429 and "the limit is 2 per minute" in limited.get_json()["message"]
    )
    form = run(web, json=False)  # without JavaScript: redirect after the POST, saying why
    assert form.status_code == 303 and form.headers["Location"].endswith("?kept=1")
    assert "the limit is 2 per minute" in web.get(form.headers["Location"]).get_data(as_text=True)
    # submissions are counted apart: they still go through
    assert web.post(f"/exercises/{EXERCISE}/submit", data={"source": WRONG}).status_code == 303


def test_the_pages_script_posts_the_forms_csrf_token(app_factory, make_user):
    app = app_factory(WTF_CSRF_ENABLED=True)
    web = app.test_client()
    log_in(web, make_user())
    page = web.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert run(web, csrf_token=token).status_code == 202
    refused = run(web)
    assert refused.status_code == 400 and "CSRF" in refused.get_json()["message"]


def test_a_run_too_large_is_refused_with_the_limit_in_json(app_factory, make_user):
    app = app_factory(MAX_CONTENT_LENGTH=2048)
    web = app.test_client()
    log_in(web, make_user())
    refused = run(web, source="x = 1\n" * 1000)
    assert refused.status_code == 413 and "at most 2 KB" in refused.get_json()["message"]
    assert count(app, TrialRun) == 0


def test_a_learner_has_at_most_run_concurrency_runs_in_flight(app_factory, make_user):
    app = app_factory(RUN_CONCURRENCY=1)
    web = app.test_client()
    log_in(web, make_user())
    assert run(web).status_code == 202
    refused = run(web)
    assert refused.status_code == 429
    assert "1 run on the visible cases in progress at a time" in refused.get_json()["message"]
    finish(app, only_run(app).id)
    assert run(web).status_code == 202  # the first one finished


def test_only_the_owner_reads_a_run_others_get_404_and_strangers_the_login(
    app, client, make_user, login
):
    owner, other, instructor = make_user(), make_user(), make_user("instructor")
    login(client, owner)
    run_id = run(client).get_json()["id"]
    finish(app, run_id)
    paths = [
        f"/runs/{run_id}",
        f"/runs/{run_id}/status.json",
        f"/runs/{run_id}/cases/1/heatmap.png",
    ]
    for path in paths:
        assert client.get(path).status_code == 200, path
    for someone in (other, instructor):
        intruder = app.test_client()
        log_in(intruder, someone)
        for path in paths:
            assert intruder.get(path).status_code == 404, path
    stranger = app.test_client()
    for path in paths:
        response = stranger.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert stranger.post(f"/exercises/{EXERCISE}/run", data={"source": "x"}).status_code == 302
    other_token, own_token = token_of(app, other), token_of(app, owner)
    api = app.test_client()
    mine = api.get(f"/api/v1/runs/{run_id}", headers={"Authorization": f"Bearer {own_token}"})
    assert mine.status_code == 200 and mine.get_json()["status"] == "done"
    theirs = api.get(f"/api/v1/runs/{run_id}", headers={"Authorization": f"Bearer {other_token}"})
    assert theirs.status_code == 404


def test_a_runs_result_is_redacted_like_any_learner_document(app, client, make_user, login):
    user = make_user()
    login(client, user)
    run_id = run(client).get_json()["id"]
    finish(app, run_id)  # a document with a hidden case, as if a worker had not redacted it
    status = client.get(f"/runs/{run_id}/status.json").get_json()
    assert status["finished"] and status["result_status"] == "failed"
    html = status["html"]
    assert 'data-case="small batch"' in html and "loss: expected 0.417, got nan" in html
    assert "SECRET" not in html and "second line never shown" not in html
    token = token_of(app, user)
    api = client.application.test_client()
    body = api.get(f"/api/v1/runs/{run_id}", headers={"Authorization": f"Bearer {token}"})
    document = body.get_json()["result"]
    assert document["seed"] is None and "SECRET" not in str(document)


def test_the_api_runs_code_named_by_the_url_and_refuses_unknown_fields(app, make_user):
    user = make_user()
    token = token_of(app, user)
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/exercises/{EXERCISE}/run"
    created = api.post(url, json={"source": WRONG, "filename": "mine.py"}, headers=headers)
    assert created.status_code == 202
    body = created.get_json()
    assert body["status"] == "queued" and body["exercise"] == EXERCISE
    assert body["filename"] == "mine.py" and body["result"] is None
    assert created.headers["Location"].endswith(f"/api/v1/runs/{body['id']}")
    unknown = api.post(url, json={"source": WRONG, "exercise": "x"}, headers=headers)
    assert unknown.status_code == 400 and "exercise" in unknown.get_json()["message"]
    missing = api.post("/api/v1/exercises/no-such-thing/run", json={"source": "x"}, headers=headers)
    assert missing.status_code == 404
    assert count(app, Submission) == 0


def test_the_sweeper_ends_stale_runs_and_deletes_old_ones(app, client, make_user, login):
    login(client, make_user())
    ids = [run(client).get_json()["id"] for _ in range(2)]
    with app.app_context():
        now = utcnow()
        db.session.get(TrialRun, ids[0]).created_at = now - RUN_STALE - timedelta(seconds=1)
        db.session.get(TrialRun, ids[1]).created_at = now - timedelta(hours=2)
        db.session.commit()
        assert sweep_trial_runs(db.session, now) == (2, 1)
        db.session.commit()
        (left,) = db.session.scalars(select(TrialRun)).all()
        assert left.id == ids[0] and left.status == "error" and left.error_reason == STALE_REASON
    status = client.get(f"/runs/{ids[0]}/status.json").get_json()
    assert status["finished"] and "could not run your code" in status["html"]
    assert client.get(f"/runs/{ids[1]}").status_code == 404


@pytest.mark.service
@pytest.mark.slow
def test_a_run_is_graded_by_a_real_worker_on_the_visible_cases_only(
    app, client, make_user, login, settings
):
    from grader.service.embedded import start_embedded_worker

    login(client, make_user())
    with start_embedded_worker(settings, gpu=False) as worker:
        wrong = run(client, source=WRONG).get_json()["id"]
        right = run(client, source=RIGHT).get_json()["id"]

        def finished(run_id):
            status = client.get(f"/runs/{run_id}/status.json").get_json()
            return status if status["finished"] else None

        try:
            done_right = wait_for(lambda: finished(right), 120, "the run to be graded")
        finally:
            if not worker.alive:
                print(worker.log_path.read_text(errors="replace")[-4000:])
        done_wrong = wait_for(lambda: finished(wrong), 60, "the wrong run to be graded")
    assert done_right["result_status"] == "passed"
    assert done_right["score"] == done_right["max_score"] > 0
    assert done_wrong["result_status"] == "failed"
    with app.app_context():
        stored = db.session.get(TrialRun, right)
        cases = stored.result["cases"]
        assert cases and not any(case["hidden"] for case in cases)  # visible cases only
        assert stored.result["seed"] is None and stored.result["hidden_included"] is False
    assert 'data-testid="case"' in done_right["html"] and ">hidden<" not in done_right["html"]
    assert count(app, Submission) == 0 and count(app, Progress) == 0
