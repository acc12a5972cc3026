"""Trial runs ("Run visible cases") in the service: routed like grading, graded by the
``dlgrade.run_visible`` task with the real engine on the visible cases only, never a
submission; a machinery failure ends the run with a reason (tried once)."""

from __future__ import annotations

import base64
import json

import pytest
from sqlalchemy import func, select

from grader.core.bank import load_bank
from grader.core.solution import reference_source
from grader.service.enqueue import RUN_UNSENT_REASON, start_trial_run
from grader.service.names import TASK_RUN
from grader.service.tasks import RUN_FAILED_REASON, run_visible, worker_context
from grader.store.heartbeats import record_heartbeat
from grader.store.models import Progress, Submission, TrialRun
from grader.store.trial_runs import claim_trial_run, create_trial_run
from tests.service.factories import add_exercise, add_user

EXERCISE_ID = "softmax-cross-entropy"


@pytest.fixture
def bank_exercise(bank_root):
    return load_bank(bank_root)[EXERCISE_ID]


def run_ids(broker, queue: str) -> list[str]:
    return [json.loads(base64.b64decode(m["body"]))[0][0] for m in broker.messages(queue)]


def test_a_run_is_routed_like_grading_and_sent_as_run_visible(session, sessions, app, broker):
    user = add_user(session)
    add_exercise(session, "conv-gpu", runner="gpu", gpu_fallback=True)
    first = start_trial_run(app, sessions, user_id=user.id, exercise_id="conv-gpu", source="x")
    record_heartbeat(session, hostname="gpu.1@h", queues=["gpu"], runner="gpu")
    session.commit()
    second = start_trial_run(app, sessions, user_id=user.id, exercise_id="conv-gpu", source="y")
    assert run_ids(broker, "cpu") == [first.id]  # no GPU worker alive: the CPU fallback
    assert run_ids(broker, "gpu") == [second.id]
    (message,) = broker.messages("gpu")
    assert message["headers"]["task"] == TASK_RUN
    assert session.scalar(select(func.count()).select_from(Submission)) == 0


def test_the_task_grades_the_visible_cases_only_and_touches_no_submission(
    app, session, bank_exercise
):
    user = add_user(session)
    add_exercise(session, EXERCISE_ID, version=bank_exercise.version)
    source = reference_source(bank_exercise.requires)
    run = create_trial_run(session, user_id=user.id, exercise_id=EXERCISE_ID, code=source)
    session.commit()
    context = worker_context(app, "cpu.1@test")
    assert run_visible(context, run.id, runner="cpu", worker="cpu.1@test") == "done"
    session.expire_all()
    row = session.get(TrialRun, run.id)
    assert row.status == "done" and row.finished_at is not None
    document = row.result
    assert document["status"] == "passed" and document["score"] == document["max_score"] > 0
    assert document["cases"] and not any(case["hidden"] for case in document["cases"])
    assert document["seed"] is None and document["worker"] == "cpu.1@test"
    assert session.scalar(select(func.count()).select_from(Submission)) == 0
    assert session.scalar(select(func.count()).select_from(Progress)) == 0
    # delivered again: nothing to do (a run is tried once)
    assert run_visible(context, run.id, runner="cpu", worker="cpu.2@test") == "gone"
    assert run_visible(context, "no-such-run", runner="cpu", worker="cpu.2@test") == "gone"


def test_a_machinery_failure_ends_the_run_with_a_reason(app, session):
    user = add_user(session)
    add_exercise(session, "not-in-the-bank")  # served by the database, unknown to the worker
    run = create_trial_run(session, user_id=user.id, exercise_id="not-in-the-bank", code="x")
    session.commit()
    assert app.tasks[TASK_RUN].apply(args=[run.id]).get() == "error"
    session.expire_all()
    row = session.get(TrialRun, run.id)
    assert row.status == "error"
    assert row.error_reason == RUN_FAILED_REASON.format(
        problem="the grader does not have this exercise"
    )


def test_a_run_the_broker_refuses_ends_at_once(session, sessions, service_settings):
    from grader.service.celery_app import create_celery_app

    user = add_user(session)
    add_exercise(session)
    dead = create_celery_app(service_settings.replace(broker_url="redis://127.0.0.1:1/0"))
    try:
        run = start_trial_run(dead, sessions, user_id=user.id, exercise_id=EXERCISE_ID, source="x")
    finally:
        dead.close()
    assert run.status == "error" and run.error_reason == RUN_UNSENT_REASON
    session.expire_all()
    assert session.get(TrialRun, run.id).error_reason == RUN_UNSENT_REASON


def test_claiming_is_once_only(session):
    user = add_user(session)
    add_exercise(session)
    run = create_trial_run(session, user_id=user.id, exercise_id=EXERCISE_ID, code="x")
    session.commit()
    assert claim_trial_run(session, run.id).status == "running"
    assert claim_trial_run(session, run.id) is None
