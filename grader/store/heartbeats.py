"""Worker heartbeats: each grading worker writes a row per queue it consumes, on a timer.

Routing reads them to decide whether a GPU worker is alive (``gpu_fallback``): a fact the
workers report about themselves, not a guess. A worker that stops cleanly removes its rows;
one that dies simply stops being seen and ages out after the TTL.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from grader.store.models import WorkerHeartbeat, utcnow


def record_heartbeat(
    session: Session,
    *,
    hostname: str,
    queues: Iterable[str],
    runner: str,
    pid: int | None = None,
    now: datetime | None = None,
) -> None:
    """Upsert one row per (hostname, queue) with ``last_seen = now`` (the caller commits)."""
    seen = now or utcnow()
    for queue in queues:
        updated = session.execute(
            update(WorkerHeartbeat)
            .where(WorkerHeartbeat.hostname == hostname, WorkerHeartbeat.queue == queue)
            .values(last_seen=seen, runner=runner, pid=pid)
        ).rowcount
        if not updated:
            session.add(
                WorkerHeartbeat(
                    hostname=hostname,
                    queue=queue,
                    runner=runner,
                    pid=pid,
                    started_at=seen,
                    last_seen=seen,
                )
            )


def remove_heartbeat(session: Session, hostname: str) -> None:
    """Forget a worker that is stopping cleanly (the caller commits)."""
    session.execute(delete(WorkerHeartbeat).where(WorkerHeartbeat.hostname == hostname))


def live_workers(
    session: Session, *, ttl_s: float, queue: str | None = None, now: datetime | None = None
) -> list[WorkerHeartbeat]:
    """Workers seen within ``ttl_s`` seconds, optionally only those consuming ``queue``."""
    horizon = (now or utcnow()) - timedelta(seconds=ttl_s)
    statement = select(WorkerHeartbeat).where(WorkerHeartbeat.last_seen >= horizon)
    if queue is not None:
        statement = statement.where(WorkerHeartbeat.queue == queue)
    return list(session.scalars(statement.order_by(WorkerHeartbeat.hostname)))


__all__ = ["live_workers", "record_heartbeat", "remove_heartbeat"]
