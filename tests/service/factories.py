"""Small builders of rows and result documents for the service tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from grader.store.models import ExerciseRow, User


def add_user(session: Session, email: str = "ada@example.org", role: str = "learner") -> User:
    user = User(email=email, password_hash="x", role=role, display_name=email.split("@")[0])
    session.add(user)
    session.commit()
    return user


def add_exercise(
    session: Session,
    exercise_id: str = "softmax-cross-entropy",
    *,
    version: str = "v1",
    runner: str = "cpu",
    gpu_fallback: bool = False,
    validated: bool = True,
    time_limit_s: float = 5.0,
) -> ExerciseRow:
    row = ExerciseRow(
        id=exercise_id,
        title=exercise_id.replace("-", " "),
        module="neural-networks",
        order=1,
        runner=runner,
        gpu_fallback=gpu_fallback,
        version=version,
        time_limit_s=time_limit_s,
        memory_mb=512,
        validated=validated,
    )
    session.add(row)
    session.commit()
    return row


def result_doc(score: float, max_score: float = 10.0, version: str = "v1", **extra: Any) -> dict:
    """A minimal result document, as ``GradeResult.to_dict()`` shapes it."""
    status = "passed" if score >= max_score else "failed"
    return {
        "status": status,
        "score": score,
        "max_score": max_score,
        "version": version,
        "seed": 7,
        "cases": [],
        **extra,
    }


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)
