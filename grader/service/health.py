"""Container health checks (docker-compose ``healthcheck``), exit status 0 when healthy.

``python -m grader.service.health worker``: a worker of this container (its Celery hostname
ends with ``@<this host name>``) wrote its heartbeat within ``DLGRADE_HEARTBEAT_TTL_S``: the
process is alive, its timer ticks, and it reaches the database.

``python -m grader.service.health web [URL]``: the site answers (any status below 500).
"""

from __future__ import annotations

import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from grader.settings import Settings
from grader.store.db import make_session_factory
from grader.store.heartbeats import live_workers


def worker_healthy(settings: Settings, hostname: str | None = None) -> bool:
    host = hostname or socket.gethostname()
    sessions = make_session_factory(settings.database_url)
    try:
        with sessions() as session:
            workers = live_workers(session, ttl_s=settings.heartbeat_ttl_s)
            return any(worker.hostname.endswith("@" + host) for worker in workers)
    except SQLAlchemyError:
        return False
    finally:
        sessions.kw["bind"].dispose()


def web_healthy(url: str = "http://127.0.0.1:8000/") -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status < 500
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except OSError:
        return False


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["worker"]:
        return 0 if worker_healthy(Settings.from_env(create_secret=False)) else 1
    if argv[:1] == ["web"]:
        return 0 if web_healthy(*argv[1:2]) else 1
    print("usage: python -m grader.service.health worker | web [URL]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
