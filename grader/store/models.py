"""The database tables, as SQLAlchemy 2.0 typed models (no Flask: the worker imports them).

Schema changes go through Alembic migrations (``grader/store/migrations``); a test checks that
these models and the migrations agree. Times are stored in UTC and always read back as
timezone-aware ``datetime`` objects, on SQLite as on PostgreSQL.

Tables, and who writes them:

- ``users``, ``api_tokens``, ``password_resets``: accounts (web site, ``dlgrade users``);
- ``cohorts``, ``cohort_members``, ``deadlines``: courses and their due dates (web site);
- ``deadline_extensions``, ``score_overrides``, ``submission_comments``: what an instructor
  grants a learner (a later due date, a score set by hand with its reason, feedback on a
  submission), written by the instructors' pages;
- ``exercises``: the bank as synced by ``dlgrade sync`` (only validated ones are served);
- ``submissions``: one row per submitted file, written *before* it is queued; its latest
  result is kept on the row, every result (first grade and regrades) in ``submission_results``;
- ``regrade_batches``: one row per regrade, its progress and its report of whose score changed
  (its items, one per submission, in ``regrade_items``: ``grader.store.tracking``);
- ``exercise_validations``: every exercise version validated, and the verdict
  (``grader.store.tracking``);
- ``progress``: one row per (learner, exercise), updated in the grade's own transaction;
- ``trial_runs``: a learner's code run on the visible cases only (not a submission: no
  attempt, no score), kept an hour for the page that polls it, then pruned by the sweeper;
- ``worker_heartbeats``: live grading workers, for routing to the ``gpu`` queue.
"""

# Over 400 lines: the schema, one class per table, each column with its meaning.

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

ROLES = ("learner", "instructor", "admin")
COHORT_ROLES = ("learner", "instructor")
LATE_POLICIES = ("none", "per_day")
RUNNERS = ("cpu", "gpu")
#: a regrade batch: ``running`` until every item landed (``done``) or someone cancelled it
BATCH_STATES = ("running", "done", "cancelled")


class SubmissionStatus:
    """The life of a submission: ``queued`` -> ``running`` -> ``graded`` | ``error``."""

    QUEUED = "queued"
    RUNNING = "running"
    GRADED = "graded"
    ERROR = "error"
    ALL = (QUEUED, RUNNING, GRADED, ERROR)
    PENDING = (QUEUED, RUNNING)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC ``datetime``; SQLite's naive values are read back as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware UTC time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="learner")
    display_name: Mapped[str] = mapped_column(String(100), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The site's language for this user ("en", "ko"); None: the browser's, else the default.
    locale: Mapped[str | None] = mapped_column(String(8), nullable=True, default=None)
    #: bumped when the password changes (reset or settings): a signed-in session carries the
    #: epoch it began in (``get_id``), and the site's user loader refuses an older one
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    # Duck-typed for flask-login (no Flask import here): a stored user is authenticated.
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        """``"<id>:<session_epoch>"``: what Flask-Login keeps in the session and the remember
        cookie, so a password change ends every session begun before it."""
        return f"{self.id}:{self.session_epoch or 0}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class ApiToken(Base):
    """A personal API token for the CLI; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="cli")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")


class PasswordReset(Base):
    """A one-time password-reset token; only its SHA-256 is stored."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class Cohort(Base):
    """A course run: learners enrol with its code; late work may lose points per day."""

    __tablename__ = "cohorts"
    __table_args__ = (
        CheckConstraint(_in("late_policy", LATE_POLICIES), name="late_policy"),
        CheckConstraint("penalty_per_day >= 0", name="penalty_per_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    enrolment_code: Mapped[str] = mapped_column(String(64), unique=True)
    late_policy: Mapped[str] = mapped_column(String(16), default="none")
    penalty_per_day: Mapped[float] = mapped_column(Float, default=0.0)
    max_attempts_per_hour: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list[CohortMember]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", passive_deletes=True
    )
    deadlines: Mapped[list[Deadline]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", passive_deletes=True
    )


class CohortMember(Base):
    __tablename__ = "cohort_members"
    __table_args__ = (CheckConstraint(_in("role", COHORT_ROLES), name="role"),)

    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16), default="learner")
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class Deadline(Base):
    """When a module is due for a cohort (late days are counted from it)."""

    __tablename__ = "deadlines"
    __table_args__ = (UniqueConstraint("cohort_id", "module"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    module: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime]

    cohort: Mapped[Cohort] = relationship(back_populates="deadlines")


class DeadlineExtension(Base):
    """A later due date for one learner on one cohort deadline (late days count from it)."""

    __tablename__ = "deadline_extensions"
    __table_args__ = (UniqueConstraint("deadline_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    due_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text, default="")
    granted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    deadline: Mapped[Deadline] = relationship()


class ScoreOverride(Base):
    """One event in the history of a learner's score set by hand on an exercise: the latest
    row of a (learner, exercise) is in force, unless its ``score`` is NULL (override removed)."""

    __tablename__ = "score_overrides"
    __table_args__ = (
        CheckConstraint("score IS NULL OR score >= 0", name="score"),
        Index(None, "user_id", "exercise_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(ForeignKey("exercises.id"))
    score: Mapped[float | None] = mapped_column(Float)
    #: the exercise's points when the score was set (None: unknown, nobody was graded yet),
    #: so a learner's pages can show "7 / 10" on an exercise they never attempted
    max_score: Mapped[float | None] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SubmissionComment(Base):
    """An instructor's comment on a submission, shown to its learner on the result page; its
    author and admins may edit it (``edited_at`` says when, ``edited_by`` who)."""

    __tablename__ = "submission_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when its author (or an admin) last changed the text; None: never edited
    edited_at: Mapped[datetime | None]
    #: who last changed the text (None: never edited, or before this was kept, or deleted)
    edited_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class ExerciseRow(Base):
    """A row of ``exercises``: one exercise of the bank as last synced.

    Not the loaded exercise itself (that is :class:`grader.core.bank.Exercise`, read from its
    folder);
    ``version`` is the folder's content hash.
    """

    __tablename__ = "exercises"
    __table_args__ = (
        CheckConstraint(_in("runner", RUNNERS), name="runner"),
        Index(None, "module", "order"),
    )

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    module: Mapped[str] = mapped_column(String(64))
    order: Mapped[int] = mapped_column("order", Integer, default=0)
    runner: Mapped[str] = mapped_column(String(8), default="cpu")
    gpu_fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[str] = mapped_column(String(64))
    time_limit_s: Mapped[float] = mapped_column(Float, default=10.0)
    memory_mb: Mapped[int] = mapped_column(Integer, default=512)
    validated: Mapped[bool] = mapped_column(Boolean, default=False)
    validation_message: Mapped[str | None] = mapped_column(Text)
    #: the points of all its cases, visible and hidden (NULL: its cases.py did not load)
    points: Mapped[float | None] = mapped_column(Float)
    synced_at: Mapped[datetime] = mapped_column(default=utcnow)


class Submission(Base):
    """One submitted file and its latest grade (history in ``submission_results``)."""

    __tablename__ = "submissions"
    __table_args__ = (
        CheckConstraint(_in("status", SubmissionStatus.ALL), name="status"),
        Index(None, "user_id", "exercise_id", "created_at"),
        Index(None, "exercise_id", "created_at"),
        Index(None, "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(ForeignKey("exercises.id"))
    exercise_version: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(String(255), default="submission.py")
    status: Mapped[str] = mapped_column(String(16), default=SubmissionStatus.QUEUED)
    score: Mapped[float | None] = mapped_column(Float)
    max_score: Mapped[float | None] = mapped_column(Float)
    result: Mapped[dict[str, Any] | None]
    error_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when the task was last handed to the broker; NULL: never (the outbox sends it)
    enqueued_at: Mapped[datetime | None]
    queue: Mapped[str | None] = mapped_column(String(16))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    runner: Mapped[str | None] = mapped_column(String(8))
    worker: Mapped[str | None] = mapped_column(String(255))
    #: how many times grading started (deliveries and retries); bounded by settings
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    late_days: Mapped[int] = mapped_column(Integer, default=0)

    user: Mapped[User] = relationship()
    exercise: Mapped[ExerciseRow] = relationship()
    results: Mapped[list[SubmissionResult]] = relationship(
        back_populates="submission",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SubmissionResult.id",
    )


class SubmissionResult(Base):
    """Every grade a submission received: the first one and each regrade."""

    __tablename__ = "submission_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    exercise_version: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float)
    result: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    regrade_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("regrade_batches.id", ondelete="SET NULL"), index=True
    )

    submission: Mapped[Submission] = relationship(back_populates="results")


class RegradeBatch(Base):
    """One regrade run (a submission, an exercise or a cohort): its progress, counted as its
    items (``regrade_items``) land, and its report once done."""

    __tablename__ = "regrade_batches"
    __table_args__ = (CheckConstraint(_in("state", BATCH_STATES), name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(255))
    exercise_id: Mapped[str | None] = mapped_column(ForeignKey("exercises.id"))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="SET NULL"))
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    report: Mapped[dict[str, Any] | None]
    state: Mapped[str] = mapped_column(String(16), default="running", server_default="running")
    total: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    changed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    cancelled_at: Mapped[datetime | None]


class TrialRunStatus:
    """The life of a trial run: ``queued`` -> ``running`` -> ``done`` | ``error``."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    ERROR = "error"
    ALL = (QUEUED, RUNNING, DONE, ERROR)
    PENDING = (QUEUED, RUNNING)


class TrialRun(Base):
    """The learner's code run on an exercise's visible cases only ("Run visible cases"):
    transient, never a submission. ``id`` is a random token (the URL the page polls);
    ``result`` holds the learner's (redacted) document. Pruned after an hour by the sweeper."""

    __tablename__ = "trial_runs"
    __table_args__ = (
        CheckConstraint(_in("status", TrialRunStatus.ALL), name="status"),
        Index(None, "user_id", "status"),
        Index(None, "created_at"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"))
    exercise_version: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=TrialRunStatus.QUEUED)
    code: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(String(255), default="submission.py")
    result: Mapped[dict[str, Any] | None]
    error_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    exercise: Mapped[ExerciseRow] = relationship()


class Progress(Base):
    """A learner's standing on one exercise; dashboards read this, not ``submissions``."""

    __tablename__ = "progress"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    exercise_id: Mapped[str] = mapped_column(ForeignKey("exercises.id"), primary_key=True)
    best_score: Mapped[float] = mapped_column(Float, default=0.0)
    max_score: Mapped[float] = mapped_column(Float, default=0.0)
    best_submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", ondelete="SET NULL")
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    first_passed_at: Mapped[datetime | None]
    last_submitted_at: Mapped[datetime | None]

    @property
    def passed(self) -> bool:
        return self.max_score > 0 and self.best_score >= self.max_score


class WorkerHeartbeat(Base):
    """A grading worker that is alive: written by the worker itself on a timer."""

    __tablename__ = "worker_heartbeats"
    __table_args__ = (UniqueConstraint("hostname", "queue"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hostname: Mapped[str] = mapped_column(String(255))
    queue: Mapped[str] = mapped_column(String(16))
    runner: Mapped[str] = mapped_column(String(8))
    pid: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow, index=True)


__all__ = [
    "BATCH_STATES",
    "COHORT_ROLES",
    "LATE_POLICIES",
    "ROLES",
    "RUNNERS",
    "ApiToken",
    "Base",
    "Cohort",
    "CohortMember",
    "Deadline",
    "DeadlineExtension",
    "ExerciseRow",
    "PasswordReset",
    "Progress",
    "RegradeBatch",
    "ScoreOverride",
    "Submission",
    "SubmissionComment",
    "SubmissionResult",
    "SubmissionStatus",
    "TrialRun",
    "TrialRunStatus",
    "User",
    "WorkerHeartbeat",
]
