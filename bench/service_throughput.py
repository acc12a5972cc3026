"""Throughput and latency of the grading service, end to end, on this machine.

Pushes submissions of ``softmax-cross-entropy`` (graded in full with hidden cases) through
Redis or RabbitMQ (``--broker``) to worker processes, with results stored in PostgreSQL, and
prints, from the moment a submission is committed to the moment its result is stored:

- ``burst``: all submissions at once: throughput (submissions graded per second), with the
  submitting process (the web site's part: the row, the message) on the same two CPUs as the
  workers;
- ``drain``: the same number queued while the workers take no messages (Celery's remote
  control), then graded: the grading service's own throughput and CPU, from the moment the
  workers resume to the last result stored;
- ``paced``: submissions arriving at ``--rate`` per second: latency p50 / p99;
- ``--kill-worker``: submissions that take half a second each, and a worker killed with
  ``kill -9`` (its whole process group) a third of the way in: the recovery time, from the
  kill to the last of its submissions stored by another worker, and that every submission
  was graded exactly once;
- ``--submission``: ``learner`` (the default) submits the same 15-line solution that
  ``bench/grading_latency.py`` grades, the size of what learners write; ``reference`` submits
  the reference implementation with the helper module it imports (12 KB, its docstrings
  included), which costs the sandbox about 5 ms more per submission (compiling and running
  a larger module) and the trusted side's static checks about 1 ms more;
- how fast the machine ran before and after (``cpu_usage.speed_probe``): its virtual CPUs
  change speed from one minute to the next, and every figure above moves with them.

Needs the machine's PostgreSQL and Redis or RabbitMQ (as the service tests do); it creates a
scratch database ``dlgrade_bench_<random>`` (and a RabbitMQ virtual host) and drops them
afterwards. The workers are started as ``dlgrade worker`` starts them: by default one worker
with one grading process more than the CPUs. One worker runs the sweeper on its timer (as
``dlgrade beat`` would), and is never the one killed. Goals (issues 5 and 11): p50 at most
100 ms, at least 50 submissions/s, recovery after ``kill -9`` within 30 s.

    .venv/bin/python bench/service_throughput.py                    # 3 x 500, 1 worker
    .venv/bin/python bench/service_throughput.py --submissions 200 --rate 10 --broker amqp
    .venv/bin/python bench/service_throughput.py --kill-worker --broker redis --workers 3
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import redis
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cpu_usage  # noqa: E402  (bench/ is on sys.path when this file runs)
from grading_latency import SUBMISSION as LEARNER_SUBMISSION  # noqa: E402

from grader.core.bank import load_bank  # noqa: E402
from grader.core.solution import reference_source  # noqa: E402
from grader.service.celery_app import create_celery_app  # noqa: E402
from grader.service.enqueue import submit  # noqa: E402
from grader.service.worker import default_concurrency  # noqa: E402
from grader.settings import Settings  # noqa: E402
from grader.store.db import make_session_factory  # noqa: E402
from grader.store.exercises import sync_exercises  # noqa: E402
from grader.store.migrate import upgrade  # noqa: E402
from grader.store.models import Submission, SubmissionResult, User, utcnow  # noqa: E402
from tests.postgres import PG_ADMIN, create_database, drop_database, url_for  # noqa: E402
from tests.service.private_services import RabbitVhost  # noqa: E402
from tests.service.workers import WorkerProcess, wait_finished  # noqa: E402
from tests.waiting import wait_for  # noqa: E402

EXERCISE_ID = "softmax-cross-entropy"
REDIS_URL = os.environ.get("DLGRADE_TEST_REDIS", "redis://127.0.0.1:6379/0")
AMQP_HOST = os.environ.get("DLGRADE_TEST_AMQP", "127.0.0.1")
#: the kill phase's submissions sleep this long first: a worker is killed mid-grade
SLOW_S = 0.5


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


class Bench:
    """The scratch database and broker namespace, the worker processes (the same
    ``WorkerProcess`` the fault tests start), and the phases that measure them."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.logs = Path(tempfile.mkdtemp(prefix="dlgrade-bench-"))
        self.workers: list[WorkerProcess] = []
        self.database: str | None = None
        self.vhost: RabbitVhost | None = None

    # setup / teardown ---------------------------------------------------------------------
    def setup(self) -> None:
        self.database = create_database(PG_ADMIN, prefix="dlgrade_bench")
        url = url_for(self.database)
        upgrade(url)
        self.prefix = f"{self.database}:"
        broker = {"DLGRADE_BROKER_URL": REDIS_URL, "DLGRADE_REDIS_KEY_PREFIX": self.prefix}
        if self.args.broker == "amqp":
            self.vhost = RabbitVhost(host=AMQP_HOST)
            broker = {"DLGRADE_BROKER_URL": self.vhost.url}
        self.settings = Settings.from_env(
            {
                "DLGRADE_DATABASE_URL": url,
                **broker,
                "DLGRADE_ISOLATION": self.args.isolation,
                "DLGRADE_LOG_LEVEL": "WARNING",
            },
            instance=self.logs / "instance",
        )
        self.sessions = make_session_factory(url)
        exercise = load_bank()[EXERCISE_ID]
        self.source = (
            reference_source(exercise.requires)
            if self.args.submission == "reference"
            else LEARNER_SUBMISSION
        )
        with self.sessions() as session:
            sync_exercises(
                session,
                {exercise.id: exercise},
                validate=lambda _: SimpleNamespace(ok=True, message=""),
            )
            user = User(email="bench@example.org", password_hash="-")
            session.add(user)
            session.commit()
            self.user_id = user.id
        self.app = create_celery_app(self.settings)

    def start_workers(self) -> None:
        """``--workers`` workers of ``--concurrency`` grading processes each; the last one
        runs the sweeper (as beat would), so that worker 0 is the one the kill phase may
        kill."""
        for index in range(self.args.workers):
            self.workers.append(
                WorkerProcess(
                    self.settings,
                    self.logs,
                    concurrency=self.args.concurrency,
                    sweep=index == self.args.workers - 1,
                    hostname=f"bench-{index}@{socket.gethostname()}",
                    env={"DLGRADE_LOG_LEVEL": "INFO"},
                )
            )
        for worker in self.workers:
            worker.wait_ready(timeout=120)

    def teardown(self) -> None:
        for worker in self.workers:
            worker.stop(timeout=30)
        if hasattr(self, "app"):
            self.app.close()
        if hasattr(self, "sessions"):
            self.sessions.kw["bind"].dispose()
        if self.vhost is not None:
            self.vhost.close()
        elif self.database is not None:
            client = redis.Redis.from_url(REDIS_URL)
            keys = list(client.scan_iter(self.prefix + "*"))
            if keys:
                client.delete(*keys)
        if self.database is not None:
            drop_database(PG_ADMIN, self.database)

    # measuring ----------------------------------------------------------------------------
    def send(self, source: str | None = None) -> int:
        return submit(
            self.app, self.sessions, user_id=self.user_id, exercise_id=EXERCISE_ID,
            source=source or self.source,
        ).id  # fmt: skip

    def wait(self, ids: list[int], timeout: float) -> list[Submission]:
        return wait_finished(self.sessions, ids, timeout=timeout, interval=0.2)

    def _processes(self, sandbox: bool) -> list[int]:
        table = cpu_usage.parents()
        pids = []
        for worker in self.workers:
            for pid in cpu_usage.descendants(worker.process.pid, table):
                try:
                    command = Path(f"/proc/{pid}/cmdline").read_bytes()
                except OSError:
                    continue
                if (b"grader.sandbox.zygote" in command) == sandbox:
                    pids.append(pid)
        return pids

    def cpu_clock(self) -> cpu_usage.GroupClock:
        """Where the CPU goes: the submitting process (the web site's part), the Celery
        worker processes, the sandboxes (zygotes and the children they reaped), the database
        and the broker."""
        return cpu_usage.GroupClock(
            {
                "submit": lambda: [os.getpid()],
                "workers": lambda: self._processes(sandbox=False),
                "sandboxes": lambda: self._processes(sandbox=True),
                "postgres": lambda: cpu_usage.named("postgres"),
                **(
                    {"rabbitmq": lambda: cpu_usage.named("beam.smp")}
                    if self.args.broker == "amqp"
                    else {"redis": lambda: cpu_usage.named("redis-server")}
                ),
            }
        )

    def consuming(self, on: bool) -> None:
        """Every worker stops (or resumes) taking messages from ``cpu`` (Celery's remote
        control); a message a worker already holds is still graded."""
        control = self.app.control.add_consumer if on else self.app.control.cancel_consumer
        replies = control("cpu", reply=True, timeout=10)
        if len(replies) != len(self.workers):
            raise SystemExit(f"{len(replies)} of {len(self.workers)} workers answered: {replies}")

    def phase(self, name: str, count: int, rate: float | None) -> dict[str, float]:
        """``burst`` and ``paced``: submissions arrive while the workers grade; ``drain``:
        they are all queued first, then the workers grade the backlog, alone on the machine
        (its span and CPU are counted from the moment they resume)."""
        ids = []
        drain = name == "drain"
        clock = self.cpu_clock()
        if drain:
            self.consuming(False)
        else:
            clock.start()
        started = time.perf_counter()
        for index in range(count):
            if rate:
                delay = started + index / rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
            ids.append(self.send())
        submitted_s = time.perf_counter() - started
        resumed_at = None
        if drain:
            clock.start()
            resumed_at = utcnow()
            self.consuming(True)
        rows = self.wait(ids, timeout=600)
        cpu = clock.stop()
        errors = [row for row in rows if row.status != "graded" or row.score != row.max_score]
        latencies = [(row.finished_at - row.created_at).total_seconds() * 1e3 for row in rows]
        grading = [row.result["duration_ms"] for row in rows if row.result]
        waiting = [(row.started_at - row.created_at).total_seconds() * 1e3 for row in rows]
        in_task = [(row.finished_at - row.started_at).total_seconds() * 1e3 for row in rows]
        first = resumed_at or min(r.created_at for r in rows)
        span = (max(r.finished_at for r in rows) - first).total_seconds()
        return {
            "phase": name,
            "n": count,
            "rate": rate or 0.0,
            "submit_s": submitted_s,
            "throughput": count / span,
            "p50": percentile(latencies, 50),
            "p99": percentile(latencies, 99),
            "grade_p50": statistics.median(grading),
            "wait_p50": statistics.median(waiting),
            "task_p50": statistics.median(in_task),
            "not_full_marks": len(errors),
            "cpu_ms": {group: seconds * 1e3 / count for group, seconds in cpu.items()},
        }

    def kill_phase(self, count: int) -> dict[str, float]:
        """Submit ``count`` slow submissions, ``kill -9`` worker 0 a third of the way in;
        return the recovery time and what was graded how often."""
        slow = f"import time\ntime.sleep({SLOW_S})\n" + self.source
        ids = [self.send(slow) for _ in range(count)]
        victim = self.workers[0].hostname
        held_by_victim = (
            Submission.id.in_(ids),
            Submission.status == "running",
            Submission.worker == victim,
        )

        def victim_mid_grade() -> list[int]:  # a third done, and the victim in one of them
            with self.sessions() as session:
                done = session.scalar(
                    select(func.count()).where(
                        Submission.id.in_(ids), Submission.status == "graded"
                    )
                )
                held = list(session.scalars(select(Submission.id).where(*held_by_victim)))
            return held if done >= count // 3 else []

        orphans = wait_for(victim_mid_grade, 300, "the victim to start a grade", interval=0.05)
        killed_at = utcnow()
        self.workers[0].kill_group()  # kill -9 the worker and its pool
        rows = self.wait(ids, timeout=600)
        recovered = [row for row in rows if row.id in orphans]
        recovery_s = max(
            ((row.finished_at - killed_at).total_seconds() for row in recovered), default=0.0
        )
        with self.sessions() as session:
            results = session.scalar(
                select(func.count())
                .select_from(SubmissionResult)
                .where(SubmissionResult.submission_id.in_(ids))
            )
        return {
            "n": count,
            "orphans": len(orphans),
            "recovery_s": recovery_s,
            "graded": sum(1 for row in rows if row.status == "graded"),
            "results": results,
        }


def print_kill(args: argparse.Namespace, result: dict[str, float]) -> None:
    print(
        f"\nkill -9 of one of {args.workers} workers ({args.broker}, isolation="
        f"{args.isolation}, {os.cpu_count()} CPUs), {result['n']} submissions of "
        f"{SLOW_S} s each:\n"
        f"  submissions held by the killed worker: {result['orphans']}\n"
        f"  recovery after kill -9: {result['recovery_s']:.1f} s (goal <= 30 s)\n"
        f"  graded: {result['graded']}/{result['n']}, result rows: {result['results']} "
        "(exactly once: equal to n)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=None,
                        help="grading processes per worker (default: what `dlgrade worker` "
                             "starts, one more than the CPUs; 1 with --kill-worker)")  # fmt: skip
    parser.add_argument("--rate", type=float, default=None,
                        help="arrival rate of the paced phase (default: 80%% of the burst "
                             "throughput)")  # fmt: skip
    parser.add_argument("--isolation", choices=["strict", "best-effort"], default="strict")
    parser.add_argument("--phases", default="burst,drain,paced")
    parser.add_argument("--broker", choices=["redis", "amqp"], default="redis")
    parser.add_argument("--submission", choices=["learner", "reference"], default="learner",
                        help="a learner-sized solution (15 lines) or the reference with its "
                             "helper module (12 KB)")  # fmt: skip
    parser.add_argument("--kill-worker", action="store_true",
                        help="measure the recovery after kill -9 of a worker instead")  # fmt: skip
    args = parser.parse_args()
    if args.kill_worker and args.workers < 2:
        parser.error("--kill-worker needs --workers 2 or more (one is killed)")
    if args.concurrency is None:
        args.concurrency = 1 if args.kill_worker else default_concurrency(["cpu"])
    bench = Bench(args)
    results = []
    speed_before = cpu_usage.speed_probe()
    try:
        bench.setup()
        bench.start_workers()
        bench.wait([bench.send() for _ in range(2 * args.workers)], timeout=120)  # warm up
        if args.kill_worker:
            killed = bench.kill_phase(min(args.submissions, 60))
            args.phases = ""
        throughput = None
        for name in filter(None, args.phases.split(",")):
            if name in ("burst", "drain"):
                result = bench.phase(name, args.submissions, None)
                if name == "burst":
                    throughput = result["throughput"]
            else:
                rate = args.rate or round(0.8 * (throughput or 10.0), 1)
                result = bench.phase("paced", args.submissions, rate)
            results.append(result)
    finally:
        bench.teardown()
    speed = cpu_usage.speed_line(speed_before, cpu_usage.speed_probe())
    if args.kill_worker:
        print_kill(args, killed)
        print(speed)
        return
    print(
        f"\n{args.submissions} submissions of {EXERCISE_ID} per phase, {args.workers} "
        f"worker(s) x {args.concurrency} grading process(es), {args.broker} + PostgreSQL, "
        f"isolation={args.isolation}, {os.cpu_count()} CPUs, the {args.submission}'s "
        f"submission ({len(bench.source)} characters)\n"
    )
    print(
        f"{'phase':<7}{'rate/s':>8}{'graded/s':>10}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'wait p50':>10}{'task p50':>10}{'grade p50':>11}{'wrong':>7}"
    )
    for r in results:
        rate = f"{r['rate']:.1f}" if r["rate"] else "all"
        print(
            f"{r['phase']:<7}{rate:>8}{r['throughput']:>10.1f}{r['p50']:>9.0f}{r['p99']:>9.0f}"
            f"{r['wait_p50']:>10.0f}{r['task_p50']:>10.0f}{r['grade_p50']:>11.0f}"
            f"{r['not_full_marks']:>7}"
        )
    groups = list(results[0]["cpu_ms"]) if results else []
    print("\nCPU per submission (ms):")
    print(f"{'phase':<7}" + "".join(f"{g:>11}" for g in groups) + f"{'total':>9}")
    for r in results:
        cells = "".join(f"{r['cpu_ms'][g]:>11.1f}" for g in groups)
        print(f"{r['phase']:<7}{cells}{sum(r['cpu_ms'].values()):>9.1f}")
    print(
        "\nlatency: submit (row committed) -> result stored; wait: -> grading started;"
        "\ntask: started -> stored; grade: the engine alone (result duration_ms)"
        "\ndrain: a backlog graded by the workers alone (no submitting while they grade)"
        "\ngoals: p50 <= 100 ms, >= 50 submissions/s"
    )
    print(speed)


if __name__ == "__main__":
    main()
