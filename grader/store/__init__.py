"""The service's storage: models, sessions, migrations and the operations on them.

The web site and the grading worker both use this package (it imports nothing of Flask).
"""

from grader.store.accounts import (
    create_api_token,
    create_user,
    hash_password,
    normalize_email,
    user_by_email,
    user_for_token,
    verify_password,
)
from grader.store.db import make_engine, make_session_factory, session_scope
from grader.store.deadlines import due_date, due_dates, late_days
from grader.store.exceptions import DuplicateError, NotFoundError, NotServedError, StoreError
from grader.store.exercises import SyncReport, sync_exercises
from grader.store.heartbeats import live_workers, record_heartbeat, remove_heartbeat
from grader.store.late_policy import LatePolicy, late_policy_for
from grader.store.migrate import upgrade
from grader.store.models import (
    ApiToken,
    Base,
    Cohort,
    CohortMember,
    Deadline,
    DeadlineExtension,
    ExerciseRow,
    PasswordReset,
    Progress,
    RegradeBatch,
    ScoreOverride,
    Submission,
    SubmissionComment,
    SubmissionResult,
    SubmissionStatus,
    User,
    WorkerHeartbeat,
)
from grader.store.overrides import override_history, overrides_in_force, record_override
from grader.store.progress import recompute_progress
from grader.store.regrade import (
    RegradeReport,
    build_report,
    cancel_batch,
    create_batch,
    select_submissions,
)
from grader.store.submissions import (
    Claim,
    claim_submission,
    create_submission,
    late_penalised_score,
    mark_error,
    record_grade,
)
from grader.store.tracking import ExerciseValidation, RegradeItem

__all__ = [
    "ApiToken",
    "Base",
    "Claim",
    "Cohort",
    "CohortMember",
    "Deadline",
    "DeadlineExtension",
    "DuplicateError",
    "ExerciseRow",
    "ExerciseValidation",
    "LatePolicy",
    "NotFoundError",
    "NotServedError",
    "PasswordReset",
    "Progress",
    "RegradeBatch",
    "RegradeItem",
    "RegradeReport",
    "ScoreOverride",
    "StoreError",
    "Submission",
    "SubmissionComment",
    "SubmissionResult",
    "SubmissionStatus",
    "SyncReport",
    "User",
    "WorkerHeartbeat",
    "build_report",
    "cancel_batch",
    "claim_submission",
    "create_api_token",
    "create_batch",
    "create_submission",
    "create_user",
    "due_date",
    "due_dates",
    "hash_password",
    "late_days",
    "late_penalised_score",
    "late_policy_for",
    "live_workers",
    "make_engine",
    "make_session_factory",
    "mark_error",
    "normalize_email",
    "override_history",
    "overrides_in_force",
    "recompute_progress",
    "record_grade",
    "record_heartbeat",
    "record_override",
    "remove_heartbeat",
    "select_submissions",
    "session_scope",
    "sync_exercises",
    "upgrade",
    "user_by_email",
    "user_for_token",
    "verify_password",
]
