"""Real worker processes, for the integration and fault tests and for
``bench/service_throughput.py``: start one (``WorkerProcess``), wait until it is ready, kill
it with ``kill -9`` or stop it, and wait for the submissions it grades."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from grader.settings import Settings
from grader.store.models import Submission
from tests.waiting import wait_for

REPO = Path(__file__).resolve().parents[2]


class WorkerProcess:
    """``python -m grader.service.worker`` in its own process group, logging to a file."""

    def __init__(
        self,
        settings: Settings,
        log_dir: Path,
        *,
        queue: str = "cpu",
        concurrency: int = 1,
        sweep: bool = False,
        hostname: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """``hostname``: the worker's name (default: a random ``test-<queue>-...``); ``env``:
        variables over the settings' own (``DLGRADE_LOG_LEVEL=INFO``, say)."""
        self.settings = settings
        self.hostname = hostname or f"test-{queue}-{uuid.uuid4().hex[:8]}@localhost"
        self.log_path = log_dir / f"{self.hostname.split('@')[0]}.log"
        command = [
            sys.executable, "-m", "grader.service.worker", f"--queue={queue}",
            f"--concurrency={concurrency}", f"--hostname={self.hostname}",
        ]  # fmt: skip
        if sweep:
            command.append("--sweep")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=REPO,
                env={**os.environ, **settings.to_env(), **(env or {}), "PYTHONUNBUFFERED": "1"},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = 60) -> WorkerProcess:
        def ready() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited with {self.process.returncode}:\n{self.log}")
            return " ready." in self.log

        wait_for(ready, timeout, f"worker {self.hostname} to be ready")
        return self

    def pool_children(self) -> list[int]:
        """The pids of the prefork pool's processes (the ones that grade)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except FileNotFoundError:
            return []

    def kill_group(self) -> None:
        """``kill -9`` the worker and everything it started."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(10)

    def stop(self, timeout: float = 20) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        self.kill_group()  # whatever is left of the group (pool, sandbox zygotes)


def submission_status(sessions: sessionmaker[Session], submission_id: int) -> Submission:
    with sessions() as session:
        return session.get(Submission, submission_id)


def wait_finished(
    sessions: sessionmaker[Session], ids: list[int], timeout: float = 60, interval: float = 0.05
) -> list[Submission]:
    """Wait until every submission is ``graded`` or ``error``; return the rows (by id).

    Polls with a count, not the rows: a benchmark's observer must not compete with the
    workers for the CPU it measures."""
    finished = (Submission.id.in_(ids), Submission.status.in_(("graded", "error")))

    def all_finished() -> bool:
        with sessions() as session:
            return session.scalar(select(func.count()).where(*finished)) == len(set(ids))

    wait_for(all_finished, timeout, f"{len(ids)} submissions to finish", interval=interval)
    with sessions() as session:
        rows = session.scalars(select(Submission).where(Submission.id.in_(ids))).all()
        return sorted(rows, key=lambda row: row.id)
