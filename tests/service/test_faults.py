"""Real Celery worker processes against the machine's Redis and PostgreSQL, with faults.

Each test asserts that every submission ends graded exactly once (one result row), and
nothing is lost: a worker killed mid-grade, Redis down at submit time, PostgreSQL restarted
under an idle worker, the same task delivered twice; plus GPU routing with live workers.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from grader.bank import load_bank
from grader.service.celery_app import create_celery_app
from grader.service.enqueue import send_grade_task, submit
from grader.settings import Settings
from grader.solution import reference_source
from grader.store.db import make_session_factory
from grader.store.heartbeats import live_workers
from grader.store.models import ExerciseRow, Progress, Submission, SubmissionResult, utcnow
from grader.store.submissions import create_submission
from tests.service.conftest import BANK_EXERCISE
from tests.service.factories import add_user
from tests.service.workers import (
    REPO,
    WorkerProcess,
    restart_postgres,
    start_redis,
    stop_redis,
    submission_status,
    wait_finished,
)
from tests.waiting import wait_for

pytestmark = pytest.mark.service

CPU_ID = "softmax-cross-entropy"
GPU_ID = "softmax-cross-entropy-gpu"
TIME_LIMIT_S = 2


@pytest.fixture(scope="module")
def fault_bank(tmp_path_factory) -> Path:
    """The exercise with a short time limit (so that deadlines are short), and a copy of it
    that asks for a GPU runner with ``gpu_fallback``."""
    root = tmp_path_factory.mktemp("fault-bank")
    for exercise_id, extra in ((CPU_ID, ""), (GPU_ID, 'runner = "gpu"\ngpu_fallback = true\n')):
        folder = root / "neural-networks" / exercise_id
        shutil.copytree(BANK_EXERCISE, folder, ignore=shutil.ignore_patterns("__pycache__"))
        toml = (folder / "exercise.toml").read_text()
        toml = re.sub(r'(?m)^id = ".*"$', f'id = "{exercise_id}"', toml)
        toml = re.sub(r"(?m)^time_limit_s = .*$", f"time_limit_s = {TIME_LIMIT_S}", toml)
        toml = re.sub(r'(?m)^runner = ".*"\n', "", toml)
        (folder / "exercise.toml").write_text(toml + extra)
    return root


@pytest.fixture
def make_settings(tmp_path, pg_url, broker, fault_bank):
    def make(**overrides: str) -> Settings:
        env = {
            "DLGRADE_DATABASE_URL": pg_url,
            "DLGRADE_BROKER_URL": broker.url,
            "DLGRADE_REDIS_KEY_PREFIX": broker.prefix,
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
    bank = load_bank(fault_bank)
    with sessions() as session:
        for exercise in bank.values():
            session.add(
                ExerciseRow(
                    id=exercise.id,
                    title=exercise.title,
                    module=exercise.module,
                    order=exercise.order,
                    runner=exercise.runner,
                    gpu_fallback=exercise.gpu_fallback,
                    version=exercise.version,
                    time_limit_s=exercise.time_limit_s,
                    memory_mb=exercise.memory_mb,
                    validated=True,
                )
            )
        session.commit()
        return add_user(session).id


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
    requires = load_bank(BANK_EXERCISE.parents[1])[CPU_ID].requires
    reference = reference_source(requires)
    return {
        "reference": reference,
        # sleeps before defining the right answer: long enough to be killed mid-grade
        "slow": "import time\ntime.sleep(1.5)\n" + reference,
        "syntax": "def softmax_cross_entropy(:\n",
    }


def send(settings, sessions, learner_id, source, exercise_id=CPU_ID) -> int:
    app = create_celery_app(settings)
    try:
        return submit(app, sessions, user_id=learner_id, exercise_id=exercise_id, source=source).id
    finally:
        app.close()


def result_rows(sessions, submission_id) -> int:
    with sessions() as session:
        return session.scalar(
            select(func.count())
            .select_from(SubmissionResult)
            .where(SubmissionResult.submission_id == submission_id)
        )


def assert_graded_once(sessions, rows):
    for row in rows:
        assert row.status == "graded", (row.id, row.status, row.error_reason)
        assert result_rows(sessions, row.id) == 1


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


def test_a_whole_worker_killed_mid_grade_is_resent_by_the_sweeper(
    make_settings, sessions, learner_id, workers, sources
):
    first = workers(make_settings())
    submission_id = send(first.settings, sessions, learner_id, sources["slow"])
    wait_for(lambda: submission_status(sessions, submission_id).status == "running", 30, "running")
    first.kill_group()  # kill -9 the worker and its pool: the message stays unacknowledged
    assert submission_status(sessions, submission_id).status == "running"
    workers(make_settings(), sweep=True)
    (row,) = wait_finished(sessions, [submission_id], timeout=60)
    assert_graded_once(sessions, [row])
    assert row.attempts == 2


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


def test_redis_down_at_submit_time_the_sweeper_sends_it_later(
    make_settings, sessions, learner_id, workers, sources
):
    settings = make_settings()
    workers(settings, sweep=True)
    try:
        stop_redis()
        submission_id = send(settings, sessions, learner_id, sources["reference"])
        row = submission_status(sessions, submission_id)
        assert row.status == "queued" and row.enqueued_at is None  # committed, not sent
    finally:
        start_redis()
    (row,) = wait_finished(sessions, [submission_id], timeout=90)
    assert_graded_once(sessions, [row])
    assert row.enqueued_at is not None


def test_postgres_restarted_under_an_idle_worker(
    make_settings, sessions, learner_id, workers, sources
):
    settings = make_settings()
    worker = workers(settings)
    before = wait_finished(sessions, [send(settings, sessions, learner_id, sources["reference"])])
    restart_postgres()
    after = wait_finished(
        sessions, [send(settings, sessions, learner_id, sources["reference"])], timeout=60
    )
    assert_graded_once(sessions, before + after)
    assert worker.process.poll() is None  # the same worker, reconnected


def test_the_same_task_delivered_twice_gives_one_result(
    make_settings, sessions, learner_id, workers, sources
):
    settings = make_settings()
    worker = workers(settings, concurrency=2)
    with sessions() as session:
        submission = create_submission(
            session, user_id=learner_id, exercise_id=CPU_ID, source=sources["reference"]
        )
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
    assert sorted(outcomes) in (["done", "graded"], ["duplicate", "graded"]), outcomes
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
