"""Which queue a submission goes to: ``cpu`` or ``gpu``.

An exercise with ``runner = "gpu"`` goes to ``gpu``. If it also has ``gpu_fallback = true``
and no GPU worker is alive, it goes to ``cpu`` instead of waiting. "Alive" is what the
workers report themselves: a ``worker_heartbeats`` row for the ``gpu`` queue seen within the
heartbeat TTL (each worker refreshes its rows on a timer, ``grader.service.timer``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from grader.settings import Settings
from grader.store.heartbeats import live_workers
from grader.store.models import ExerciseRow


def choose_queue(runner: str, gpu_fallback: bool, gpu_alive: bool) -> str:
    """The queue for an exercise's ``runner`` given whether a GPU worker is alive.

    >>> choose_queue("cpu", False, True)
    'cpu'
    >>> choose_queue("gpu", True, True), choose_queue("gpu", True, False)
    ('gpu', 'cpu')
    >>> choose_queue("gpu", False, False)  # waits for a GPU worker
    'gpu'
    """
    if runner != "gpu":
        return "cpu"
    if gpu_alive or not gpu_fallback:
        return "gpu"
    return "cpu"


def gpu_worker_alive(session: Session, settings: Settings, now: datetime | None = None) -> bool:
    return bool(live_workers(session, ttl_s=settings.heartbeat_ttl_s, queue="gpu", now=now))


def route_exercise(
    session: Session, exercise: ExerciseRow, settings: Settings, now: datetime | None = None
) -> str:
    """The queue for a submission of ``exercise`` now."""
    if exercise.runner != "gpu":
        return "cpu"
    return choose_queue(
        exercise.runner, exercise.gpu_fallback, gpu_worker_alive(session, settings, now)
    )


def runner_for_queue(queue: str | None) -> str:
    """The runner a task is graded as, from the queue it was delivered on."""
    return "gpu" if queue == "gpu" else "cpu"


__all__ = ["choose_queue", "gpu_worker_alive", "route_exercise", "runner_for_queue"]
