"""What one grading process keeps between tasks: database sessions, the bank, engines.

One :class:`WorkerContext` per (process, app), built lazily in the process that grades
(never before a fork): the grading and regrading tasks share it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from grader.exceptions import GraderError
from grader.service.names import GradingCelery
from grader.settings import Settings
from grader.store.db import make_engine, make_session_factory

if TYPE_CHECKING:
    from grader.core.bank import Bank, Exercise
    from grader.core.engine import Engine

log = logging.getLogger(__name__)


class WorkerContext:
    """What one grading process keeps between tasks: database sessions, the bank and one
    engine per runner. Created lazily in the process that grades (never before a fork)."""

    def __init__(self, settings: Settings, hostname: str) -> None:
        self.settings = settings
        self.hostname = hostname
        # a worker's commits may be asynchronous: a grade lost in a database crash leaves its
        # row ``running``, and the sweeper grades it again
        self.sessions: sessionmaker[Session] = make_session_factory(
            make_engine(settings.database_url, synchronous_commit=False)
        )
        self._bank: Bank | None = None
        self._engines: dict[str, Engine] = {}
        self._reloaded_for: set[tuple[str, str]] = set()

    def bank(self, exercise_id: str, version: str) -> Bank:
        """The bank, reloaded from disk when it lacks ``exercise_id`` at ``version``."""
        from grader.core.bank import load_bank

        bank = self._bank
        stale = bank is None or exercise_id not in bank or bank[exercise_id].version != version
        if stale and (exercise_id, version) not in self._reloaded_for:
            # the bank on disk changed (a sync happened since this process loaded it)
            self._reloaded_for.add((exercise_id, version))
            bank = self._bank = load_bank(self.settings.exercises_root)
            for runner in list(self._engines):  # engines keep the old bank: start afresh
                self.reset_engine(runner)
        if bank is None:
            bank = self._bank = load_bank(self.settings.exercises_root)
        return bank

    def exercise(self, exercise_id: str, version: str) -> Exercise:
        return self.bank(exercise_id, version)[exercise_id]

    def engine(self, runner: str) -> Engine:
        engine = self._engines.get(runner)
        if engine is None:
            from grader.core.engine import Engine

            engine = Engine(
                bank=self._bank,
                isolation=self.settings.isolation,
                device="cuda" if runner == "gpu" else "cpu",
                runner=runner,
                worker=self.hostname,
            )
            missing = list(getattr(engine.isolation, "missing", []))
            if missing:
                log.warning(
                    "grading with %s isolation on %s; missing: %s",
                    self.settings.isolation,
                    self.hostname,
                    "; ".join(missing),
                )
            self._engines[runner] = engine
        return engine

    def reset_engine(self, runner: str) -> None:
        """Drop an engine after an infrastructure failure (its zygote may be gone)."""
        engine = self._engines.pop(runner, None)
        if engine is not None:
            try:
                engine.close()
            except GraderError:
                log.exception("closing a failed engine")

    def close(self) -> None:
        for runner in list(self._engines):
            self.reset_engine(runner)
        self.sessions.kw["bind"].dispose()


_contexts: dict[tuple[int, int], WorkerContext] = {}
_contexts_lock = threading.Lock()


def worker_context(app: GradingCelery, hostname: str | None = None) -> WorkerContext:
    """This process's context for ``app`` (keyed by pid: a forked child builds its own)."""
    key = (os.getpid(), id(app))
    with _contexts_lock:
        context = _contexts.get(key)
        if context is None:
            context = WorkerContext(app.settings, hostname or socket.gethostname())
            _contexts[key] = context
        return context


def close_worker_contexts() -> None:
    """Close this process's contexts (engines and their zygotes, database pools)."""
    with _contexts_lock:
        for key in [key for key in _contexts if key[0] == os.getpid()]:
            _contexts.pop(key).close()


__all__ = ["WorkerContext", "close_worker_contexts", "worker_context"]
