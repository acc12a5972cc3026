"""Routing by runner, gpu_fallback decided by worker heartbeats; the outbox send."""

from __future__ import annotations

from datetime import timedelta

import pytest

from grader.service.celery_app import TASK_GRADE
from grader.service.enqueue import enqueue_submission, task_time_limits
from grader.service.routing import choose_queue, route_exercise, runner_for_queue
from grader.store.heartbeats import live_workers, record_heartbeat, remove_heartbeat
from grader.store.models import ExerciseRow, Submission, utcnow
from grader.store.submissions import create_submission
from tests.service.factories import add_exercise, add_user


@pytest.mark.parametrize(
    ("runner", "fallback", "gpu_alive", "queue"),
    [
        ("cpu", False, False, "cpu"),
        ("cpu", True, True, "cpu"),
        ("gpu", False, True, "gpu"),
        ("gpu", True, True, "gpu"),
        ("gpu", True, False, "cpu"),  # fallback only when no GPU worker is alive
        ("gpu", False, False, "gpu"),  # no fallback: it waits for a GPU worker
    ],
)
def test_choose_queue(runner, fallback, gpu_alive, queue):
    assert choose_queue(runner, fallback, gpu_alive) == queue


def test_runner_follows_the_delivery_queue():
    assert runner_for_queue("gpu") == "gpu"
    assert runner_for_queue("cpu") == runner_for_queue(None) == "cpu"


def test_heartbeats_upsert_age_out_and_are_removed(session):
    now = utcnow()
    record_heartbeat(session, hostname="gpu.1@h", queues=["gpu"], runner="gpu", pid=1, now=now)
    record_heartbeat(session, hostname="gpu.1@h", queues=["gpu"], runner="gpu", pid=1, now=now)
    assert [w.hostname for w in live_workers(session, ttl_s=30, queue="gpu", now=now)] == [
        "gpu.1@h"
    ]
    later = now + timedelta(seconds=31)
    assert live_workers(session, ttl_s=30, queue="gpu", now=later) == []
    remove_heartbeat(session, "gpu.1@h")
    assert live_workers(session, ttl_s=30, now=now) == []


def test_gpu_exercise_goes_to_gpu_only_while_a_gpu_worker_is_alive(session, settings):
    fallback = add_exercise(session, "conv-gpu", runner="gpu", gpu_fallback=True)
    strict = add_exercise(session, "conv-gpu-only", runner="gpu", gpu_fallback=False)
    now = utcnow()
    assert route_exercise(session, fallback, settings, now) == "cpu"
    assert route_exercise(session, strict, settings, now) == "gpu"
    record_heartbeat(session, hostname="gpu.7@box", queues=["gpu"], runner="gpu", now=now)
    assert route_exercise(session, fallback, settings, now) == "gpu"
    # a CPU worker's heartbeat does not count as a GPU worker
    remove_heartbeat(session, "gpu.7@box")
    record_heartbeat(session, hostname="cpu.1@box", queues=["cpu"], runner="cpu", now=now)
    assert route_exercise(session, fallback, settings, now) == "cpu"
    # a GPU worker that stopped beating is gone after the TTL
    stale = now - timedelta(seconds=settings.heartbeat_ttl_s + 1)
    record_heartbeat(session, hostname="gpu.8@box", queues=["gpu"], runner="gpu", now=stale)
    assert route_exercise(session, fallback, settings, now) == "cpu"


def test_enqueue_sends_to_the_routed_queue_and_records_it(session, sessions, app, broker):
    user = add_user(session)
    add_exercise(session, "conv-gpu", runner="gpu", gpu_fallback=True)
    first = create_submission(session, user_id=user.id, exercise_id="conv-gpu", source="x")
    session.commit()
    assert enqueue_submission(app, sessions, first.id)
    record_heartbeat(session, hostname="gpu.1@h", queues=["gpu"], runner="gpu")
    second = create_submission(session, user_id=user.id, exercise_id="conv-gpu", source="y")
    session.commit()
    assert enqueue_submission(app, sessions, second.id)
    assert broker.submission_ids("cpu") == [first.id]
    assert broker.submission_ids("gpu") == [second.id]
    (message,) = broker.messages("gpu")
    assert message["headers"]["task"] == TASK_GRADE
    assert message["content-type"] == "application/json"
    limits = task_time_limits(session.get(ExerciseRow, "conv-gpu"), app.settings)
    assert message["headers"]["timelimit"] == [limits["time_limit"], limits["soft_time_limit"]]
    session.expire_all()
    row = session.get(Submission, second.id)
    assert row.queue == "gpu" and row.enqueued_at is not None


def test_time_limits_sit_above_the_exercise_limit(session, settings):
    exercise = add_exercise(session, time_limit_s=5.0)
    limits = task_time_limits(exercise, settings)
    assert 5.0 < limits["soft_time_limit"] < limits["time_limit"]
