"""Real Celery worker processes against real PostgreSQL, Redis and RabbitMQ, with faults.

Each test asserts that every submission ends graded exactly once (one result row), and
nothing is lost: a worker killed mid-grade (on both brokers, within the 30 s bound), the
broker restarted, PostgreSQL restarted, the same task delivered twice; plus GPU routing with
live workers. Servers a test restarts are its own (a private PostgreSQL cluster, a private
``redis-server``; RabbitMQ gets a virtual host per test and only its application restarts).
"""

# Over 400 lines: one fault per test on two brokers, each ending graded exactly once.

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from grader.service.celery_app import create_celery_app
from grader.service.enqueue import send_grade_task
from grader.settings import Settings
from grader.store.db import make_session_factory
from grader.store.heartbeats import live_workers
from grader.store.migrate import upgrade
from grader.store.models import Progress, Submission, utcnow
from grader.store.submissions import create_submission
from tests.service.faults import (
    CPU_ID,
    GPU_ID,
    assert_graded_once,
    fault_sources,
    make_fault_bank,
    result_rows,
    seed_database,
    send,
)
from tests.service.private_services import (
    PrivatePostgres,
    PrivateRedis,
    RabbitVhost,
    rabbitmq_alive,
    rabbitmq_stopped,
    rabbitmqctl_missing,
    start_rabbitmq,
)
from tests.service.workers import (
    REPO,
    WorkerProcess,
    submission_status,
    wait_finished,
    wait_for,
)
from tests.services import service_missing

pytestmark = pytest.mark.service
BROKERS = pytest.mark.parametrize("broker_url", ["redis", "amqp"], indirect=True)
#: the issue's bound: a submission whose worker died is graded by another within this
RECOVERY_BOUND_S = 30


@pytest.fixture(scope="module")
def fault_bank(tmp_path_factory) -> Path:
    return make_fault_bank(tmp_path_factory.mktemp("fault-bank"))


@pytest.fixture
def broker_url(request) -> Iterator[tuple[str, dict]]:
    """(kind, settings) of a private broker: a ``redis-server`` of its own (the default) or
    a fresh virtual host of the machine's RabbitMQ (``amqp``, by indirect parametrisation)."""
    kind = getattr(request, "param", "redis")
    if kind == "amqp":
        if not rabbitmq_alive():
            service_missing("RabbitMQ not reachable at 127.0.0.1:5672")
        if reason := rabbitmqctl_missing():
            service_missing(reason)
        vhost = RabbitVhost()
        yield kind, {"DLGRADE_BROKER_URL": vhost.url}
        if not rabbitmq_alive():  # a test left it stopped: start it for everyone else
            start_rabbitmq()
        vhost.close()
    else:
        server = PrivateRedis()
        yield kind, {"DLGRADE_BROKER_URL": server.url, "redis": server}
        server.close()


@pytest.fixture
def make_settings(tmp_path, pg_url, broker_url, fault_bank):
    _, broker_env = broker_url

    def make(**overrides: str) -> Settings:
        env = {
            "DLGRADE_DATABASE_URL": pg_url,
            "DLGRADE_BROKER_URL": broker_env["DLGRADE_BROKER_URL"],
            "DLGRADE_EXERCISES": str(fault_bank),
            "DLGRADE_ISOLATION": "strict",
            "DLGRADE_SWEEP_INTERVAL_S": "1",
            "DLGRADE_OUTBOX_DELAY_S": "1",
            "DLGRADE_RUNNING_GRACE_S": "1",
            "DLGRADE_TASK_SOFT_MARGIN_S": "3",
            "DLGRADE_TASK_HARD_MARGIN_S": "1",
            "DLGRADE_HEARTBEAT_INTERVAL_S": "1",
            "DLGRADE_HEARTBEAT_TTL_S": "5",
            "DLGRADE_RETRY_BACKOFF_S": "0.2",
            **overrides,
        }
        return Settings.from_env(env, instance=tmp_path / "instance")

    return make


@pytest.fixture
def sessions(pg_url):
    factory = make_session_factory(pg_url)
    yield factory
    factory.kw["bind"].dispose()


@pytest.fixture
def learner_id(sessions, fault_bank):
    """A learner, and the bank's exercises served from the database."""
    return seed_database(sessions, fault_bank)


@pytest.fixture
def workers(tmp_path):
    """Start workers with ``workers(settings, ...)``; all are stopped after the test and
    their logs printed (pytest shows them when the test fails)."""
    started: list[WorkerProcess] = []

    def start(settings: Settings, **kwargs) -> WorkerProcess:
        worker = WorkerProcess(settings, tmp_path / "logs", **kwargs)
        started.append(worker)
        return worker.wait_ready()

    yield start
    for worker in started:
        worker.stop()
        print(f"---- {worker.hostname}\n{worker.log[-6000:]}")


@pytest.fixture(scope="module")
def sources():
    return fault_sources()


def test_submissions_are_graded_by_a_real_worker(
    make_settings, sessions, learner_id, workers, sources
):
    settings = make_settings()
    worker = workers(settings)
    ids = [send(settings, sessions, learner_id, sources[name]) for name in sources]
    rows = wait_finished(sessions, ids)
    assert_graded_once(sessions, rows)
    reference, slow, syntax = rows
    assert slow.score == reference.score
    assert reference.score == reference.max_score > 0
    assert reference.result["status"] == "passed"
    assert syntax.score == 0 and syntax.result["status"] == "rejected"
    for row in rows:
        assert row.worker == row.result["worker"] == worker.hostname
        assert row.runner == row.result["runner"] == "cpu" and row.queue == "cpu"
        assert row.attempts == 1
    with sessions() as session:
        progress = session.get(Progress, (learner_id, CPU_ID))
        assert progress.attempts == 3 and progress.passed


def test_gpu_exercise_goes_to_a_live_gpu_worker_and_falls_back_to_cpu(
    make_settings, sessions, learner_id, workers, sources
):
    settings = make_settings()
    cpu_worker = workers(settings, queue="cpu")
    # no GPU worker alive: gpu_fallback sends it to the CPU queue
    (fallback,) = wait_finished(
        sessions, [send(settings, sessions, learner_id, sources["reference"], GPU_ID)]
    )
    assert (fallback.queue, fallback.runner, fallback.worker) == ("cpu", "cpu", cpu_worker.hostname)
    assert fallback.result["device"] == "cpu"
    gpu_worker = workers(settings, queue="gpu")
    with sessions() as session:
        wait_for(
            lambda: live_workers(session, ttl_s=settings.heartbeat_ttl_s, queue="gpu"),
            20,
            "the GPU worker's heartbeat",
        )
    (on_gpu,) = wait_finished(
        sessions, [send(settings, sessions, learner_id, sources["reference"], GPU_ID)]
    )
    assert (on_gpu.queue, on_gpu.runner, on_gpu.worker) == ("gpu", "gpu", gpu_worker.hostname)
    assert on_gpu.result["device"] == "cuda"  # the GPU worker passes device="cuda"
    assert_graded_once(sessions, [fallback, on_gpu])
    # a CPU exercise never goes to the GPU queue
    (plain,) = wait_finished(sessions, [send(settings, sessions, learner_id, sources["reference"])])
    assert plain.queue == "cpu"


def test_a_grading_process_killed_mid_grade_is_redelivered_and_graded_once(
    make_settings, sessions, learner_id, workers, sources
):
    worker = workers(make_settings(), concurrency=1)
    submission_id = send(worker.settings, sessions, learner_id, sources["slow"])
    wait_for(lambda: submission_status(sessions, submission_id).status == "running", 30, "running")
    (child,) = worker.pool_children()
    os.kill(child, signal.SIGKILL)
    (row,) = wait_finished(sessions, [submission_id])
    assert_graded_once(sessions, [row])
    assert row.attempts == 2 and row.score == row.max_score
    assert "WorkerLostError" in worker.log or "signal 9" in worker.log


@BROKERS
def test_a_whole_worker_killed_mid_grade_is_graded_by_another_within_the_bound(
    broker_url, make_settings, sessions, learner_id, workers, sources
):
    first = workers(make_settings())
    workers(make_settings(), sweep=True)  # the other worker (and the sweeper, as beat would)
    ids = [send(first.settings, sessions, learner_id, sources["slow"]) for _ in range(2)]
    wait_for(
        lambda: (
            submission_status(sessions, ids[0]).worker == first.hostname
            or submission_status(sessions, ids[1]).worker == first.hostname
        ),
        30,
        "the first worker to start grading",
    )
    first.kill_group()  # kill -9 the worker and its pool mid-grade
    killed_at = time.monotonic()
    rows = wait_finished(sessions, ids, timeout=RECOVERY_BOUND_S + 30)
    recovery_s = time.monotonic() - killed_at
    assert_graded_once(sessions, rows)
    assert all(row.worker != first.hostname for row in rows)
    assert recovery_s <= RECOVERY_BOUND_S, f"{broker_url[0]}: recovered in {recovery_s:.1f}s"


def test_a_redis_redelivery_after_the_visibility_timeout_finds_the_row_graded(
    broker_url, make_settings, sessions, learner_id, workers, sources
):
    """The sweeper re-sends a dead worker's row long before Redis re-delivers its
    unacknowledged message; the late copy is then harmless: the claim answers ``done``."""
    visibility_s = 12  # above heartbeat TTL + sweep + one grade, so the sweeper comes first
    settings = make_settings(DLGRADE_VISIBILITY_TIMEOUT_S=str(visibility_s))
    first = workers(settings)
    submission_id = send(settings, sessions, learner_id, sources["slow"])
    wait_for(lambda: submission_status(sessions, submission_id).worker == first.hostname, 30, "")
    delivered_at = time.monotonic()
    first.kill_group()  # its message stays unacknowledged in Redis
    second = workers(settings, sweep=True)
    (row,) = wait_finished(sessions, [submission_id])
    assert row.worker == second.hostname and row.attempts == 2  # re-sent by the sweeper
    assert time.monotonic() - delivered_at < visibility_s, "too slow to tell the copies apart"
    time.sleep(max(0.0, delivered_at + visibility_s + 1 - time.monotonic()))
    third = workers(settings)  # a starting worker restores messages past the timeout
    wait_for(
        lambda: "succeeded in" in (log := second.log + third.log) and "'done'" in log,
        30,
        "the re-delivered copy to be consumed",
    )
    (row,) = wait_finished(sessions, [submission_id])
    assert_graded_once(sessions, [row])
    assert row.worker == second.hostname and row.attempts == 2  # the copy claimed nothing
    redis_server = broker_url[1]["redis"]
    assert not redis_server.client().hlen("unacked")  # nothing left to re-deliver


def test_a_submission_that_keeps_killing_its_worker_ends_in_error(
    make_settings, sessions, learner_id, workers, sources
):
    settings = make_settings(DLGRADE_MAX_ATTEMPTS="2", DLGRADE_TASK_MAX_RETRIES="1")
    worker = workers(settings)
    submission_id = send(settings, sessions, learner_id, sources["slow"])
    for attempt in (1, 2):

        def started(attempt=attempt):
            row = submission_status(sessions, submission_id)
            return row.status == "running" and row.attempts == attempt

        wait_for(started, 30, f"attempt {attempt}")
        wait_for(worker.pool_children, 10, "a pool process")
        os.kill(worker.pool_children()[0], signal.SIGKILL)
    (row,) = wait_finished(sessions, [submission_id])
    assert row.status == "error" and row.attempts == 2
    assert "stopped unexpectedly 2 times" in row.error_reason
    assert result_rows(sessions, submission_id) == 0


@BROKERS
def test_broker_down_at_submit_time_then_restarted_nothing_is_lost(
    broker_url, make_settings, sessions, learner_id, workers, sources
):
    kind, broker_env = broker_url
    settings = make_settings()
    worker = workers(settings, sweep=True)
    before = send(settings, sessions, learner_id, sources["reference"])
    wait_finished(sessions, [before])
    stopped = rabbitmq_stopped() if kind == "amqp" else broker_env["redis"].stopped()
    with stopped:  # started again (and waited for) even if the block fails
        submission_id = send(settings, sessions, learner_id, sources["reference"])
        row = submission_status(sessions, submission_id)
        assert row.status == "queued" and row.enqueued_at is None  # committed, not sent
    (row,) = wait_finished(sessions, [submission_id], timeout=90)
    assert_graded_once(sessions, [row])
    assert row.enqueued_at is not None
    after = wait_finished(sessions, [send(settings, sessions, learner_id, sources["reference"])])
    assert_graded_once(sessions, after)
    assert worker.process.poll() is None  # the same worker, reconnected


@pytest.fixture
def private_pg() -> Iterator[PrivatePostgres]:
    try:
        server = PrivatePostgres()
    except (OSError, subprocess.CalledProcessError) as exc:
        service_missing(f"cannot start a private PostgreSQL cluster: {exc}")
    upgrade(server.url)
    yield server
    server.close()


@BROKERS
def test_postgres_restarted_under_a_worker(
    broker_url, private_pg, make_settings, fault_bank, workers, sources
):
    settings = make_settings(DLGRADE_DATABASE_URL=private_pg.url)
    sessions = make_session_factory(private_pg.url)
    try:
        learner_id = seed_database(sessions, fault_bank)
        worker = workers(settings, sweep=True)
        before = wait_finished(
            sessions, [send(settings, sessions, learner_id, sources["reference"])]
        )
        slow = send(settings, sessions, learner_id, sources["slow"])
        wait_for(lambda: submission_status(sessions, slow).status == "running", 30, "running")
        private_pg.restart()  # mid-grade: its result is written to a restarted server
        sessions.kw["bind"].dispose()
        after = wait_finished(
            sessions, [slow, send(settings, sessions, learner_id, sources["reference"])], 90
        )
        assert_graded_once(sessions, before + after)
        assert worker.process.poll() is None  # the same worker, reconnected
    finally:
        sessions.kw["bind"].dispose()


@BROKERS
def test_the_same_task_delivered_twice_gives_one_result(
    broker_url, make_settings, sessions, learner_id, workers, sources
):
    settings = make_settings()
    worker = workers(settings, concurrency=2)
    with sessions() as session:
        submission = create_submission(
            session, user_id=learner_id, exercise_id=CPU_ID, source=sources["reference"]
        )
        session.commit()
    app = create_celery_app(settings)
    try:
        for _ in range(2):
            send_grade_task(app, submission.id, "cpu", {})
    finally:
        app.close()
    (row,) = wait_finished(sessions, [submission.id])
    wait_for(
        lambda: worker.log.count("dlgrade.grade_submission[") >= 4,  # 2 received, 2 finished
        30,
        "both deliveries to finish",
    )
    assert_graded_once(sessions, [row])
    outcomes = re.findall(r"succeeded in [\d.]+s: '(\w+)'", worker.log)
    # the second copy finds it graded (done), being graded (busy), or loses the race to
    # write (duplicate, when both started together on this one worker)
    assert sorted(outcomes) in (["done", "graded"], ["busy", "graded"], ["duplicate", "graded"])
    with sessions() as session:
        assert session.get(Progress, (learner_id, CPU_ID)).attempts == 1
        assert session.get(Submission, submission.id).score > 0


def test_beat_sends_the_sweeper_and_a_worker_runs_it(
    make_settings, sessions, learner_id, workers, sources, tmp_path
):
    settings = make_settings()
    with sessions() as session:  # committed, but its send never happened (a crash between)
        lost = create_submission(
            session,
            user_id=learner_id,
            exercise_id=CPU_ID,
            source=sources["reference"],
            now=utcnow() - timedelta(minutes=1),
        )
        session.commit()
    workers(settings)  # no --sweep: in production the sweeper comes from beat
    log_path = tmp_path / "beat.log"
    with open(log_path, "wb") as log:
        beat = subprocess.Popen(
            [sys.executable, "-c", "from grader.cli import main; main()", "beat",
             f"--schedule={tmp_path / 'beat-schedule'}"],
            cwd=REPO, env={**os.environ, **settings.to_env()}, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        (row,) = wait_finished(sessions, [lost.id], timeout=60)
    finally:
        beat.terminate()
        beat.wait(20)
        print(log_path.read_text(errors="replace")[-3000:])
    assert_graded_once(sessions, [row])
    assert "Sending due task dlgrade-sweep" in log_path.read_text()
