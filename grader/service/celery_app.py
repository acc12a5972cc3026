"""The Celery application, built from :class:`grader.settings.Settings` (no app at import time).

The configuration follows Celery's advice for tasks that must not be lost:

- JSON is the only accepted serializer (a message can never unpickle code);
- ``acks_late`` + ``reject_on_worker_lost``: a message is acknowledged only after its task
  finished, and goes back to the queue if the worker process running it dies;
- ``worker_prefetch_multiplier = 1``: a worker holds no more messages than it is grading, so
  a worker that dies strands nothing and long grades do not block short ones;
- Redis or RabbitMQ (``grader.service.broker``): RabbitMQ gives a dead worker's messages
  back the moment its connection drops; with Redis the sweeper re-sends the rows a dead
  worker held (its heartbeat stopped) at once;
- soft and hard time limits per message, above the exercise's own limit (``enqueue``), and
  app-wide defaults for anything else;
- two queues, ``cpu`` and ``gpu``; which one a submission goes to is decided when it is sent
  (``grader.service.routing``), because it depends on which workers are alive.

Results go to the database, written by the task; no result backend is needed.
"""

from __future__ import annotations

from kombu import Exchange, Queue

from grader.service.broker import AMQP_HEARTBEAT_S, broker_kind, transport_options
from grader.service.names import QUEUES, TASK_GRADE, TASK_SWEEP, GradingCelery
from grader.settings import Settings

#: publishing gives up quickly when the broker is down: the row stays queued (outbox)
PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1.0,
}
DEFAULT_SOFT_TIME_LIMIT_S = 300
DEFAULT_HARD_TIME_LIMIT_S = 330


def create_celery_app(settings: Settings) -> GradingCelery:
    """A configured Celery app with the grading tasks registered."""
    app = GradingCelery("dlgrade", set_as_current=False)
    app.settings = settings
    broker_url, broker_transport = settings.broker_url, None
    if settings.embedded_broker:
        from grader.service import embedded_broker

        broker_url = embedded_broker.connection_url(settings.broker_url)
        broker_transport = embedded_broker.TRANSPORT
    app.conf.update(
        broker_url=broker_url,
        broker_transport=broker_transport,
        result_backend=settings.result_backend,
        task_ignore_result=settings.result_backend is None,
        task_serializer="json",
        result_serializer="json",
        event_serializer="json",
        accept_content=["json"],
        result_accept_content=["json"],
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_soft_time_limit=DEFAULT_SOFT_TIME_LIMIT_S,
        task_time_limit=DEFAULT_HARD_TIME_LIMIT_S,
        task_queues=[
            Queue(name, Exchange(name, type="direct"), routing_key=name) for name in QUEUES
        ],
        task_default_queue="cpu",
        task_default_exchange="cpu",
        task_default_routing_key="cpu",
        task_publish_retry_policy=PUBLISH_RETRY_POLICY,
        broker_connection_timeout=4,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        broker_transport_options=transport_options(settings),
        broker_pool_limit=10,
        broker_heartbeat=AMQP_HEARTBEAT_S if broker_kind(settings.broker_url) == "amqp" else 0,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        worker_enable_remote_control=not settings.embedded_broker,
        worker_send_task_events=False,
        timezone="UTC",
        enable_utc=True,
        beat_schedule={
            "dlgrade-sweep": {
                "task": TASK_SWEEP,
                "schedule": settings.sweep_interval_s,
                "options": {"queue": "cpu", "expires": max(settings.sweep_interval_s, 1.0)},
            }
        },
    )
    from grader.service.tasks import register_tasks

    register_tasks(app)
    return app


__all__ = [
    "QUEUES",
    "TASK_GRADE",
    "TASK_SWEEP",
    "GradingCelery",
    "create_celery_app",
]
