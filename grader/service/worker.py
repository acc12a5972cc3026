"""Running a grading worker or the beat scheduler in this process.

``dlgrade worker`` and ``dlgrade beat`` call these; so does the embedded worker, as
``python -m grader.service.worker`` (a child process of ``dlgrade serve``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from celery.signals import worker_process_shutdown

from grader.service.celery_app import QUEUES, create_celery_app
from grader.service.context import close_worker_contexts
from grader.service.timer import ServiceTimerStep
from grader.settings import Settings


def _close_contexts(**_: object) -> None:
    close_worker_contexts()


def default_concurrency(queues: Sequence[str]) -> int | None:
    """Grading processes for a worker started without ``--concurrency``: one more than the
    CPUs this process may run on for the ``cpu`` queue, and Celery's own default (one per
    CPU) otherwise.

    A grade waits part of its time on its sandboxed child and on the database, during which
    its CPU would idle; the extra process fills that time. On 2 CPUs, draining a backlog
    (``bench/service_throughput.py --phases drain``, runs taken in turn) with 3 processes
    graded 51.5 and 49.7 submissions/s against 47.6 and 47.1 with 2, at the same CPU per
    submission. A GPU
    worker's processes each hold a CUDA context, so that queue keeps Celery's default."""
    if tuple(queues) != ("cpu",):
        return None
    return len(os.sched_getaffinity(0)) + 1


def worker_argv(
    queues: Sequence[str],
    *,
    concurrency: int | None,
    loglevel: str,
    hostname: str | None = None,
) -> list[str]:
    """The ``celery worker`` arguments for a grading worker."""
    for queue in queues:
        if queue not in QUEUES:
            raise ValueError(f"queue={queue!r} is not one of {', '.join(QUEUES)}")
    default_name = "-".join(queues) + f".{os.getpid()}@%h"
    argv = [
        "worker",
        f"--queues={','.join(queues)}",
        f"--loglevel={loglevel}",
        "--pool=prefork",  # time limits and reject_on_worker_lost need real processes
        "--without-mingle",
        "--without-gossip",
        f"--hostname={hostname or default_name}",
    ]
    if concurrency:
        argv.append(f"--concurrency={concurrency}")
    return argv


def run_worker(
    settings: Settings,
    *,
    queues: Sequence[str] = ("cpu",),
    concurrency: int | None = None,
    sweep: bool = False,
    hostname: str | None = None,
) -> None:
    """Run a Celery worker consuming ``queues`` until it is told to stop.

    ``sweep`` runs the sweeper on the worker's own timer (the embedded mode has no beat).
    """
    app = create_celery_app(settings)
    app.conf.dlgrade_sweep = sweep
    app.steps["worker"].add(ServiceTimerStep)
    worker_process_shutdown.connect(_close_contexts, weak=False)
    app.worker_main(
        worker_argv(
            queues,
            concurrency=concurrency or default_concurrency(queues),
            loglevel=settings.log_level,
            hostname=hostname,
        )
    )


def run_beat(settings: Settings, *, schedule_path: str | None = None) -> None:
    """Run Celery beat: it sends ``dlgrade.sweep`` every ``sweep_interval_s``."""
    app = create_celery_app(settings)
    schedule = schedule_path or str(settings.ensure_instance() / "celerybeat-schedule")
    app.start(["beat", f"--schedule={schedule}", f"--loglevel={settings.log_level}"])


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m grader.service.worker``: settings from the environment."""
    parser = argparse.ArgumentParser(prog="python -m grader.service.worker")
    parser.add_argument("--instance", default=None)
    parser.add_argument("--queue", default="cpu", help="comma-separated: cpu, gpu or cpu,gpu")
    parser.add_argument("--concurrency", type=int, default=None)
    parser.add_argument("--sweep", action="store_true", help="run the sweeper on a timer")
    parser.add_argument("--hostname", default=None)
    args = parser.parse_args(argv)
    settings = Settings.from_env(instance=args.instance)
    settings.ensure_instance()
    run_worker(
        settings,
        queues=[q.strip() for q in args.queue.split(",") if q.strip()],
        concurrency=args.concurrency,
        sweep=args.sweep,
        hostname=args.hostname,
    )


if __name__ == "__main__":
    main(sys.argv[1:])


__all__ = ["default_concurrency", "main", "run_beat", "run_worker", "worker_argv"]
