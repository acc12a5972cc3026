"""The grading service: Celery app and tasks, routing, the outbox and the sweeper, workers.

Nothing is created at import time: build an app with :func:`create_celery_app(settings)`.
"""

from grader.service.celery_app import (
    QUEUES,
    TASK_GRADE,
    TASK_SWEEP,
    GradingCelery,
    create_celery_app,
)
from grader.service.embedded import EmbeddedWorker, prepare_instance, start_embedded_worker
from grader.service.enqueue import enqueue_submission, submit
from grader.service.routing import choose_queue, route_exercise
from grader.service.sweeper import SweepReport, sweep

__all__ = [
    "QUEUES",
    "TASK_GRADE",
    "TASK_SWEEP",
    "EmbeddedWorker",
    "GradingCelery",
    "SweepReport",
    "choose_queue",
    "create_celery_app",
    "enqueue_submission",
    "prepare_instance",
    "route_exercise",
    "start_embedded_worker",
    "submit",
    "sweep",
]
