"""The service's names, in a module that imports nothing of the service.

Task names, the queues and the app class live here so that every module that sends or runs
a task (``enqueue``, ``sweeper``, ``tasks``, ``regrades``) can name them without importing
``celery_app``, which registers the tasks (no import circle).
"""

from __future__ import annotations

from celery import Celery

from grader.settings import Settings

TASK_GRADE = "dlgrade.grade_submission"
TASK_REGRADE = "dlgrade.regrade_submission"
TASK_VALIDATE = "dlgrade.validate_exercise"
TASK_RUN = "dlgrade.run_visible"
TASK_SWEEP = "dlgrade.sweep"
QUEUES = ("cpu", "gpu")


class GradingCelery(Celery):
    """A Celery app that carries the settings it was built from."""

    settings: Settings


__all__ = [
    "QUEUES",
    "TASK_GRADE",
    "TASK_REGRADE",
    "TASK_RUN",
    "TASK_SWEEP",
    "TASK_VALIDATE",
    "GradingCelery",
]
