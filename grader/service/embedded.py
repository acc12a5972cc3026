"""The embedded default: one grading worker on this machine, no servers to install.

``dlgrade serve`` calls :func:`prepare_instance` (migrate the SQLite database, sync the bank)
and :func:`start_embedded_worker`, runs the web site, and calls ``handle.stop()`` on the way
out. Grading stays asynchronous and goes through the very same Celery task, settings and
sweeper as in production; only the broker differs.

The broker: kombu's SQLAlchemy transport on its own SQLite file,
``<instance>/broker.sqlite3`` (``sqla+sqlite://...``). Why this one:

- it needs no server and no new dependency (SQLAlchemy is already here);
- a message is a row written in a transaction, so a consumer never sees half a message;
  kombu's filesystem transport, the other server-less choice, creates the message file and
  then writes it, and its consumer can move a file away between the two;
- messages are on disk and survive a restart of ``dlgrade serve``;
- it is a separate file from the application's database, so the broker's polling never
  contends with the site's writes for SQLite's lock.

Its limits are covered by the design: it has no row locks on SQLite, so it is safe for one
consuming worker (the embedded mode runs exactly one, with prefork children that do not
consume); it has no fanout, so remote control is off (routing uses database heartbeats
anyway); an unacknowledged message of a worker killed with ``kill -9`` is not re-delivered
by the broker, but the sweeper (run here on the worker's own timer) re-sends the submission.

The worker is a child process (``python -m grader.service.worker``) rather than a thread of
the web process: the engine's sandbox zygote forks, Celery's time limits and
``reject_on_worker_lost`` need a prefork pool, and a crash of grading cannot take the site
down. Its isolation is whatever this machine offers (``best-effort`` unless
``DLGRADE_ISOLATION=strict``); the worker logs which measures are missing.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from grader.settings import Settings

log = logging.getLogger(__name__)
#: a first start validates at most this many exercises before serving; more go to the worker
INLINE_VALIDATIONS = 4


def machine_has_gpu() -> bool:
    """An NVIDIA device node exists (checked without initialising CUDA in this process)."""
    return any(Path("/dev").glob("nvidia[0-9]*"))


def prepare_instance(settings: Settings, *, sync: bool = True) -> list[str]:
    """Create the instance folder, migrate its database and (``sync``) sync the bank; return
    the ids of the exercises left to validate in the background.

    Only exercises without a known verdict for their version are validated (none of the
    stock bank's, whose verdicts ship with the package): up to ``INLINE_VALIDATIONS`` of
    them at once, more by the grading worker once it runs (they are served as they pass).
    """
    from grader.store.db import make_session_factory, session_scope
    from grader.store.exercises import sync_exercises
    from grader.store.migrate import upgrade

    settings.ensure_instance()
    upgrade(settings.database_url)
    if not sync:
        return []
    from grader.core.bank import load_bank

    sessions = make_session_factory(settings.database_url)
    try:
        with session_scope(sessions) as session:
            report = sync_exercises(
                session,
                load_bank(settings.exercises_root),
                isolation=settings.isolation,
                defer=INLINE_VALIDATIONS,
            )
    finally:
        sessions.kw["bind"].dispose()
    for exercise_id, message in report.refused.items():
        log.warning("exercise %s is not served: %s", exercise_id, message)
    if report.pending:
        queue_validations(settings, report.pending)
    return [exercise_id for exercise_id, _ in report.pending]


def queue_validations(settings: Settings, pending: list[tuple[str, str]]) -> int:
    """Send the validations of ``pending`` (id, version) to the grading workers."""
    from grader.service.celery_app import create_celery_app
    from grader.service.validation import send_validations

    app = create_celery_app(settings)
    try:
        sent = send_validations(app, pending)
    finally:
        app.close()
    log.info("%d exercises are validated in the background; served as they pass", sent)
    return sent


@dataclass
class EmbeddedWorker:
    """A running embedded worker process; ``stop()`` ends it."""

    process: subprocess.Popen[bytes]
    log_path: Path
    queues: tuple[str, ...]

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 20.0) -> int:
        """Warm shutdown (SIGTERM: finish the current grade), then SIGKILL after ``timeout``
        seconds; return the exit code."""
        if self.alive:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning("embedded worker %s did not stop in %ss; killing it", self.pid, timeout)
                os.killpg(self.process.pid, signal.SIGKILL)
        return self.process.wait()

    def __enter__(self) -> EmbeddedWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_embedded_worker(
    settings: Settings, *, concurrency: int = 1, gpu: bool | None = None
) -> EmbeddedWorker:
    """Start the embedded grading worker (with the sweeper on its timer); return its handle.

    It consumes ``cpu``, and ``gpu`` too when this machine has an NVIDIA GPU (``gpu``
    overrides the detection). Its output goes to ``<instance>/logs/worker.log``.
    """
    settings.ensure_instance()
    queues = ("cpu", "gpu") if (machine_has_gpu() if gpu is None else gpu) else ("cpu",)
    log_path = settings.log_dir / "worker.log"
    env = {**os.environ, **settings.to_env()}
    command = [
        sys.executable,
        "-m",
        "grader.service.worker",
        f"--queue={','.join(queues)}",
        f"--concurrency={concurrency}",
        "--sweep",
        "--hostname=embedded@%h",
    ]
    with open(log_path, "ab") as log_file:
        process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() can end the pool too
        )
    log.info(
        "embedded grading worker started (pid %s, queues %s, isolation %s); log: %s",
        process.pid,
        ",".join(queues),
        settings.isolation,
        log_path,
    )
    return EmbeddedWorker(process=process, log_path=log_path, queues=queues)


__all__ = [
    "INLINE_VALIDATIONS",
    "EmbeddedWorker",
    "machine_has_gpu",
    "prepare_instance",
    "queue_validations",
    "start_embedded_worker",
]
