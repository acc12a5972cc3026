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


def transport_options(settings: Settings) -> dict[str, Any]:
    """Broker options: Redis re-delivery, timeouts and key prefix; AMQP confirmations."""
    kind = broker_kind(settings.broker_url)
    if kind == "redis":
        options: dict[str, Any] = {
            "visibility_timeout": settings.visibility_timeout_s,
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
    (the embedded broker is not asked: its transport opens a database pool per channel)."""
    if broker_kind(app.settings.broker_url) not in ("redis", "amqp"):
        return None
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1)
            channel = connection.default_channel
            if broker_kind(app.settings.broker_url) == "redis":
                # kombu's passive declare asks EXISTS without the key prefix; its own size
                # (LLEN of every priority list, prefixed) is what a consumer would see
                size = getattr(channel, "_size", None)  # kombu's redis Channel; not public API
                return None if size is None else int(size(queue))
            try:
                _, count, _ = channel.queue_declare(queue=queue, passive=True)
            except ChannelError as exc:  # 404: Redis drops an empty list; AMQP: not declared
                if str(getattr(exc, "reply_code", "")) == "404" or isinstance(exc, NotFound):
                    return 0
                raise
            return int(count)
    except BROKER_ERRORS as exc:
        log.debug("could not measure queue %s: %s", queue, exc)
        return None


__all__ = ["AMQP_HEARTBEAT_S", "BROKER_ERRORS", "broker_kind", "queue_length", "transport_options"]
