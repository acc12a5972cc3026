"""The worker's own timer: heartbeats (routing, recovery) and, in embedded mode, the sweeper.

A Celery bootstep schedules both on the worker's timer. The prefork pool forks its children
from the worker's main process (at start, and again whenever a child dies), and a fork taken
while another thread is half-way through a tick (holding an import lock, a logging lock,
SQLite's or the driver's own locks) leaves that lock held forever in the child, which then
hangs on its first task. So:

- with Redis the timer runs in the main process's event loop, the thread that forks;
- with the embedded broker Celery's loop is synchronous and its timer is a thread, so a tick
  and a fork exclude each other (``os.register_at_fork`` takes the tick lock around every
  fork);
- everything a tick imports is imported when the step starts, in the main thread, and the
  timer's database engine keeps no connection open between ticks (``NullPool``).

A tick that fails (database or broker down) is logged and tried again on the next one.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from celery import bootsteps
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from grader.service.broker import BROKER_ERRORS
from grader.service.names import GradingCelery
from grader.service.sweeper import sweep
from grader.store.db import make_engine, make_session_factory, session_scope
from grader.store.heartbeats import record_heartbeat, remove_heartbeat

log = logging.getLogger(__name__)


class ServiceTimer:
    """This worker's heartbeat (one row per queue it consumes), and optionally the sweeper."""

    def __init__(
        self, app: GradingCelery, *, hostname: str, queues: list[str], sweep: bool = False
    ) -> None:
        self.app = app
        self.hostname = hostname
        self.queues = queues
        self.runner = "gpu" if "gpu" in queues else "cpu"
        self.sweep = sweep
        self.sessions = make_session_factory(
            make_engine(app.settings.database_url, poolclass=NullPool)
        )
        self._tick = threading.Lock()
        os.register_at_fork(
            before=self._tick.acquire,
            after_in_parent=self._tick.release,
            after_in_child=self._tick.release,
        )

    def _guarded(self, action: Any) -> None:
        with self._tick:
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
        sweep(self.app, self.sessions)

    def guarded_beat(self) -> None:
        self._guarded(self.beat)

    def guarded_sweep(self) -> None:
        self._guarded(self.run_sweep)

    def forget(self) -> None:
        """Remove this worker's heartbeat rows (a clean shutdown)."""
        try:
            with session_scope(self.sessions) as session:
                remove_heartbeat(session, self.hostname)
        except SQLAlchemyError as exc:
            log.warning("could not remove the heartbeat of %s: %s", self.hostname, exc)
        self.sessions.kw["bind"].dispose()


class ServiceTimerStep(bootsteps.StartStopStep):
    """Puts a :class:`ServiceTimer` on the worker's timer for the life of the worker."""

    label = "dlgrade-timer"
    requires = ("celery.worker.components:Timer",)

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.service: ServiceTimer | None = None
        self.entries: list[Any] = []

    def start(self, parent: Any) -> None:
        app = parent.app
        settings = app.settings
        self.service = ServiceTimer(
            app,
            hostname=parent.hostname,
            queues=sorted(app.amqp.queues.consume_from),
            sweep=bool(app.conf.get("dlgrade_sweep")),
        )
        self.service.guarded_beat()
        self.entries.append(
            parent.timer.call_repeatedly(settings.heartbeat_interval_s, self.service.guarded_beat)
        )
        if self.service.sweep:
            self.entries.append(
                parent.timer.call_repeatedly(settings.sweep_interval_s, self.service.guarded_sweep)
            )

    def stop(self, parent: Any) -> None:
        for entry in self.entries:
            entry.cancel()
        self.entries.clear()
        if self.service is not None:
            self.service.forget()
            self.service = None

    shutdown = stop


__all__ = ["ServiceTimer", "ServiceTimerStep"]
