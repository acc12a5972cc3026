"""Rows that track work done by the grading workers in the background.

- ``regrade_items``: one per submission of a regrade batch, with the seed of its original
  grade (the same hidden cases), its state (``queued`` -> ``running`` -> ``done`` |
  ``failed`` | ``cancelled``), the worker that claimed it (the sweeper re-sends an item whose
  worker's heartbeat stopped, as it does submissions) and the score before and after.
- ``exercise_validations``: the verdict of ``dlgrade validate`` for one exercise *version*
  (its content hash): an unchanged exercise is never validated twice, on any instance.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from grader.store.models import Base, utcnow

ITEM_STATES = ("queued", "running", "done", "failed", "cancelled")
ITEM_PENDING = ("queued", "running")


class RegradeItem(Base):
    """One submission of a regrade batch."""

    __tablename__ = "regrade_items"
    __table_args__ = (
        CheckConstraint(
            "state IN ({})".format(", ".join(f"'{s}'" for s in ITEM_STATES)), name="state"
        ),
        Index(None, "batch_id", "state"),
        Index(None, "state", "enqueued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("regrade_batches.id", ondelete="CASCADE"))
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    state: Mapped[str] = mapped_column(String(16), default="queued")
    #: the hidden cases' seed of the submission's grade (None: it never had one)
    seed: Mapped[int | None] = mapped_column(Integer)
    old_score: Mapped[float | None] = mapped_column(Float)
    new_score: Mapped[float | None] = mapped_column(Float)
    max_score: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    queue: Mapped[str | None] = mapped_column(String(16))
    worker: Mapped[str | None] = mapped_column(String(255))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    enqueued_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class ExerciseValidation(Base):
    """The validation verdict of one version of one exercise."""

    __tablename__ = "exercise_validations"

    exercise_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    message: Mapped[str | None] = mapped_column(Text)
    validated_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = ["ITEM_PENDING", "ITEM_STATES", "ExerciseValidation", "RegradeItem"]
