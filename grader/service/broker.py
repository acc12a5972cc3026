"""What differs between the brokers: Redis, RabbitMQ (AMQP) and the embedded SQLite one.

- :func:`transport_options`: Redis re-delivers an unacknowledged message only after its
  visibility timeout, so that timeout stays above any task's time limit (a dead worker's
  message is re-sent by the sweeper instead, from the worker's heartbeat); RabbitMQ
  re-delivers a dead consumer's unacknowledged messages as soon as its connection drops, and
  AMQP heartbeats notice a connection that died silently (a machine gone) in seconds.
- :func:`queue_length`: how many messages wait in a queue, which the sweeper asks before it
  re-sends a ``queued`` row (an empty queue means the row's message was lost, not waiting).
"""

from __future__ import annotations

import logging
from typing import Any

from amqp.exceptions import AMQPError, ChannelError, NotFound
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from grader.core.bank import MAX_TIME_LIMIT_S
from grader.service.names import GradingCelery
from grader.settings import Settings

log = logging.getLogger(__name__)

#: what a failed publish or broker query can raise: kombu wraps most transport errors, not all
BROKER_ERRORS: tuple[type[BaseException], ...] = (KombuError, RedisError, AMQPError, OSError)
#: seconds between AMQP heartbeats: a silently dead connection is dropped after about two
AMQP_HEARTBEAT_S = 10


def broker_kind(url: str) -> str:
    """``redis``, ``amqp`` or ``embedded`` for a broker URL (``ValueError`` for others)."""
    if url.startswith(("redis://", "rediss://")):
        return "redis"
    if url.startswith(("amqp://", "amqps://", "pyamqp://")):
        return "amqp"
    if url.startswith("sqla+sqlite") or url.startswith("memory://"):
        return "embedded"
    raise ValueError(
        f"DLGRADE_BROKER_URL={url!r}: use redis://, amqp:// (RabbitMQ) or the embedded "
        "sqla+sqlite:/// broker"
    )


def task_limits(time_limit_s: float, settings: Settings) -> dict[str, float]:
    """Soft and hard task limits for an exercise's ``time_limit_s``: its limit covers the
    learner's code, the task also starts the sandbox, builds cases and writes the result."""
    soft = 2 * time_limit_s + settings.task_soft_margin_s
    return {"soft_time_limit": soft, "time_limit": soft + settings.task_hard_margin_s}


def visibility_timeout(settings: Settings) -> float:
    """Seconds before Redis re-delivers an unacknowledged message: ``DLGRADE_VISIBILITY_
    TIMEOUT_S`` when set, else the longest task's hard limit plus the running grace.

    Longer than any task, so a message is never re-delivered while its grade still runs;
    a dead worker's rows are re-sent by the sweeper from its heartbeat long before, and the
    late copy finds the row graded (the claim answers ``done``).
    """
    if settings.visibility_timeout_s:
        return settings.visibility_timeout_s
    longest = task_limits(MAX_TIME_LIMIT_S, settings)["time_limit"]
    return longest + settings.running_grace_s


def transport_options(settings: Settings) -> dict[str, Any]:
    """Broker options: Redis re-delivery, timeouts and key prefix; AMQP confirmations."""
    kind = broker_kind(settings.broker_url)
    if kind == "redis":
        options: dict[str, Any] = {
            "visibility_timeout": visibility_timeout(settings),
            "socket_connect_timeout": 3,
            "retry_on_timeout": True,
            "health_check_interval": 10,
        }
        if settings.redis_key_prefix:
            options["global_keyprefix"] = settings.redis_key_prefix
        return options
    if kind == "amqp":
        # a publish returns once RabbitMQ has the message: a row is never marked sent for
        # a message the broker did not take
        return {"confirm_publish": True, "connect_timeout": 4}
    return {}


def queue_length(app: GradingCelery, queue: str) -> int | None:
    """Messages ready in ``queue`` on Redis or RabbitMQ; ``None`` when the broker cannot say
    (the embedded broker is not asked: its transport opens a database pool per channel).

    Both through the channel's public ``queue_declare``, whose reply carries the message
    count. On AMQP the declare is passive (it never creates a queue or changes its
    arguments; a queue not yet declared holds nothing). On Redis it is not: kombu's passive
    check asks ``EXISTS`` without the ``global_keyprefix`` the service uses, while a plain
    declare creates nothing on the server (a Redis queue is a list that exists while it
    holds messages) and counts with ``LLEN`` of every priority list, prefixed.
    """
    kind = broker_kind(app.settings.broker_url)
    if kind not in ("redis", "amqp"):
        return None
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1)
            # a channel of its own: a 404 closes it, and the pooled connection's default
            # channel must stay usable for the publishes that follow
            with connection.channel() as channel:
                try:
                    _, count, _ = channel.queue_declare(queue=queue, passive=kind == "amqp")
                except ChannelError as exc:  # AMQP 404: not declared yet, so nothing waits
                    if isinstance(exc, NotFound) or str(getattr(exc, "reply_code", "")) == "404":
                        return 0
                    raise
                return int(count)
    except BROKER_ERRORS as exc:
        log.debug("could not measure queue %s: %s", queue, exc)
        return None


__all__ = [
    "AMQP_HEARTBEAT_S",
    "BROKER_ERRORS",
    "broker_kind",
    "queue_length",
    "task_limits",
    "transport_options",
    "visibility_timeout",
]
