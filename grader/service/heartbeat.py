"""The worker's own timer: heartbeats (for routing) and, in the embedded mode, the sweeper.

A Celery bootstep starts a daemon thread in the worker's main process when the worker starts
and stops it (removing the worker's heartbeat rows) when it shuts down cleanly. The thread
uses its own database engine and survives database and broker outages: a failed tick is
logged and the next one tries again.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from celery import bootsteps
from sqlalchemy.exc import SQLAlchemyError

from grader.service.celery_app import GradingCelery
from grader.service.enqueue import BROKER_ERRORS
from grader.store.db import make_session_factory, session_scope
from grader.store.heartbeats import record_heartbeat, remove_heartbeat

log = logging.getLogger(__name__)


class ServiceTimer(threading.Thread):
    """Writes this worker's heartbeat every ``heartbeat_interval_s``; sweeps if asked."""

    def __init__(
        self,
        app: GradingCelery,
        *,
        hostname: str,
        queues: list[str],
        sweep: bool = False,
    ) -> None:
        super().__init__(name="dlgrade-timer", daemon=True)
        self.app = app
        self.hostname = hostname
        self.queues = queues
        self.runner = "gpu" if "gpu" in queues else "cpu"
        self.sweep = sweep
        self.sessions = make_session_factory(app.settings.database_url)
        self._stopping = threading.Event()

    def run(self) -> None:
        settings = self.app.settings
        tick = min(settings.heartbeat_interval_s, settings.sweep_interval_s if self.sweep else 1e9)
        next_beat = next_sweep = 0.0
        while True:
            now = time.monotonic()
            if now >= next_beat:
                next_beat = now + settings.heartbeat_interval_s
                self._guarded(self.beat)
            if self.sweep and now >= next_sweep:
                next_sweep = now + settings.sweep_interval_s
                self._guarded(self.run_sweep)
            if self._stopping.wait(max(0.05, min(tick, next_beat - time.monotonic()))):
                return

    def _guarded(self, action) -> None:
        try:
            action()
        except (SQLAlchemyError, *BROKER_ERRORS) as exc:
            log.warning("%s failed, will try again: %s", action.__name__, exc)

    def beat(self) -> None:
        with session_scope(self.sessions) as session:
            record_heartbeat(
                session,
                hostname=self.hostname,
                queues=self.queues,
                runner=self.runner,
                pid=os.getpid(),
            )

    def run_sweep(self) -> None:
        from grader.service.sweeper import sweep

        sweep(self.app, self.sessions)

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self.join(timeout)
        try:
            with session_scope(self.sessions) as session:
                remove_heartbeat(session, self.hostname)
        except SQLAlchemyError as exc:
            log.warning("could not remove the heartbeat of %s: %s", self.hostname, exc)
        self.sessions.kw["bind"].dispose()


class ServiceTimerStep(bootsteps.StartStopStep):
    """Runs a :class:`ServiceTimer` for the life of the worker (main process only)."""

    label = "dlgrade-timer"

    def __init__(self, parent, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self.timer: ServiceTimer | None = None

    def start(self, parent) -> None:
        app = parent.app
        queues = sorted(app.amqp.queues.consume_from)
        self.timer = ServiceTimer(
            app,
            hostname=parent.hostname,
            queues=queues,
            sweep=bool(app.conf.get("dlgrade_sweep")),
        )
        self.timer.start()

    def stop(self, parent) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None

    shutdown = stop


__all__ = ["ServiceTimer", "ServiceTimerStep"]
