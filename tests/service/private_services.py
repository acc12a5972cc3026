"""Private servers for the fault tests, so that restarting one never disturbs anyone else.

- :class:`PrivatePostgres`: a throw-away PostgreSQL cluster (``initdb`` in a temp dir, its
  own port), run as the ``postgres`` user when the tests run as root;
- :class:`PrivateRedis`: a ``redis-server`` on its own port, no persistence;
- :class:`RabbitVhost`: a virtual host of the machine's RabbitMQ for one test session (the
  queues of two test runs never meet); stopping RabbitMQ itself is ``rabbitmq_stopped``,
  which always starts it again.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

PG_BIN = (
    Path("/usr/lib/postgresql")
    / (
        sorted(os.listdir("/usr/lib/postgresql"))[-1]
        if Path("/usr/lib/postgresql").is_dir()
        else ""
    )
    / "bin"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def wait_port(port: int, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} on port {port}")


class PrivatePostgres:
    """A PostgreSQL cluster of its own; ``url`` names its ``postgres`` database."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="dlgrade-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(
            _as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                          "-A", "trust", "--no-sync", "-E", "UTF8"]),
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        self.start()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *args]),
            check=True, capture_output=True, timeout=90,
        )  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._ctl("-o", options, "-l", str(self.dir / "log"), "start")
        wait_port(self.port, 30, "the private PostgreSQL")

    def restart(self) -> None:
        self._ctl("-m", "fast", "stop")
        self.start()

    def close(self) -> None:
        try:
            self._ctl("-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    """A ``redis-server`` of its own on a free port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_connect_timeout=2)

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_port(self.port, 20, "the private Redis")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    @contextmanager
    def stopped(self) -> Iterator[None]:
        """Stopped for the block, started again after it whatever happens."""
        try:
            self.stop()
            yield
        finally:
            self.start()

    close = stop


def rabbitmqctl(*args: str) -> str:
    completed = subprocess.run(
        ["rabbitmqctl", *args], capture_output=True, text=True, timeout=120, check=True
    )
    return completed.stdout


@functools.cache
def rabbitmqctl_missing() -> str | None:
    """Why ``rabbitmqctl`` cannot manage the machine's RabbitMQ (not installed, or not
    allowed: another user's Erlang cookie), or ``None`` when it can."""
    if shutil.which("rabbitmqctl") is None:
        return "rabbitmqctl not found: the AMQP tests need it to add virtual hosts"
    try:
        rabbitmqctl("status")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        detail = (getattr(exc, "stderr", "") or "").strip().splitlines()[-1:] or [str(exc)]
        return f"rabbitmqctl cannot manage the local RabbitMQ: {detail[0]}"
    return None


class RabbitVhost:
    """A fresh virtual host on the machine's RabbitMQ (guest/guest), deleted on ``close``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 5672) -> None:
        self.name = f"dlgrade_test_{uuid.uuid4().hex[:10]}"
        self.host, self.port = host, port
        rabbitmqctl("add_vhost", self.name)
        rabbitmqctl("set_permissions", "-p", self.name, "guest", ".*", ".*", ".*")

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@{self.host}:{self.port}/{self.name}"

    def close(self) -> None:
        try:
            rabbitmqctl("delete_vhost", self.name)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pass


def rabbitmq_alive(port: int = 5672) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def start_rabbitmq() -> None:
    """Start the RabbitMQ application (if it is stopped) and wait until it accepts clients."""
    rabbitmqctl("start_app")
    rabbitmqctl("await_startup")
    wait_port(5672, 60, "RabbitMQ")


@contextmanager
def rabbitmq_stopped() -> Iterator[None]:
    """The machine's RabbitMQ application stopped for the block, and started again after it
    whatever happens inside (even when stopping itself fails half-way): other tests and
    helpers share this server."""
    try:
        rabbitmqctl("stop_app")
        yield
    finally:
        start_rabbitmq()
