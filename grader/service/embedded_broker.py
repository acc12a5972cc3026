"""The embedded mode's broker: kombu's SQLAlchemy transport on a SQLite file, tuned.

Selected by ``create_celery_app`` for a ``sqla+sqlite:///...`` broker URL (see
``grader.service.embedded`` for why this transport). Two changes to kombu's own:

- it is polled five times a second instead of once (kombu hands every transport option to
  ``create_engine``, so ``polling_interval`` cannot be passed as an option), which keeps the
  time from submit to grade well under a second;
- its SQLite file uses write-ahead logging and a busy timeout, so the web process (writing)
  and the worker (reading) do not fail on each other's locks; and delivered messages, which
  kombu only marks invisible, are pruned now and then so the file does not grow forever.
"""

from __future__ import annotations

from kombu.transport import sqlalchemy as kombu_sqlalchemy

from grader.store.db import make_engine

POLLING_INTERVAL_S = 0.2
PRUNE_EVERY = 100


class Channel(kombu_sqlalchemy.Channel):
    _delivered = 0

    def _engine_from_config(self):  # -> sqlalchemy.Engine
        return make_engine(self.connection.client.hostname)

    def _get(self, queue: str):  # -> the message payload (a dict)
        payload = super()._get(queue)  # marks the row delivered (visible = False)
        self._delivered += 1
        if self._delivered % PRUNE_EVERY == 0:
            self.session.query(self.message_cls).filter(
                self.message_cls.visible.is_(False)
            ).delete()
            self.session.commit()
        return payload


class Transport(kombu_sqlalchemy.Transport):
    Channel = Channel
    polling_interval = POLLING_INTERVAL_S


TRANSPORT = f"{__name__}:Transport"


def connection_url(broker_url: str) -> str:
    """``sqla+sqlite:///path`` -> ``sqlite:///path`` (the transport is given separately)."""
    return broker_url.removeprefix("sqla+")


__all__ = ["TRANSPORT", "Channel", "Transport", "connection_url"]
