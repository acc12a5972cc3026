"""Helpers of the fault tests: the bank they grade, the database rows, the checks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from grader.core.bank import load_bank
from grader.core.solution import reference_source
from grader.service.celery_app import create_celery_app
from grader.service.enqueue import submit
from grader.store import sync_exercises
from grader.store.models import SubmissionResult
from tests.service.conftest import BANK_EXERCISE
from tests.service.factories import add_user

CPU_ID = "softmax-cross-entropy"
GPU_ID = "softmax-cross-entropy-gpu"
TIME_LIMIT_S = 2


def make_fault_bank(root: Path) -> Path:
    """The exercise with a short time limit (so that deadlines are short), and a copy of it
    that asks for a GPU runner with ``gpu_fallback``."""
    for exercise_id, extra in ((CPU_ID, ""), (GPU_ID, 'runner = "gpu"\ngpu_fallback = true\n')):
        folder = root / "neural-networks" / exercise_id
        shutil.copytree(BANK_EXERCISE, folder, ignore=shutil.ignore_patterns("__pycache__"))
        toml = (folder / "exercise.toml").read_text()
        toml = re.sub(r'(?m)^id = ".*"$', f'id = "{exercise_id}"', toml)
        toml = re.sub(r"(?m)^time_limit_s = .*$", f"time_limit_s = {TIME_LIMIT_S}", toml)
        toml = re.sub(r'(?m)^runner = ".*"\n', "", toml)
        (folder / "exercise.toml").write_text(toml + extra)
    return root


def _served_as_valid(_exercise) -> SimpleNamespace:
    """The fault tests trust their bank (``dlgrade validate`` checks the stock one)."""
    return SimpleNamespace(ok=True, message="")


def seed_database(sessions: sessionmaker[Session], bank_root: Path) -> int:
    """Serve the bank's exercises from the database; add a learner and return their id."""
    with sessions() as session:
        sync_exercises(session, load_bank(bank_root), validate=_served_as_valid)
        session.commit()
        return add_user(session).id


def fault_sources() -> dict[str, str]:
    requires = load_bank(BANK_EXERCISE.parents[1])[CPU_ID].requires
    reference = reference_source(requires)
    return {
        "reference": reference,
        # sleeps before defining the right answer: long enough to be killed mid-grade
        "slow": "import time\ntime.sleep(1.5)\n" + reference,
        "syntax": "def softmax_cross_entropy(:\n",
    }


def send(settings, sessions, learner_id, source, exercise_id=CPU_ID) -> int:
    app = create_celery_app(settings)
    try:
        return submit(app, sessions, user_id=learner_id, exercise_id=exercise_id, source=source).id
    finally:
        app.close()


def result_rows(sessions, submission_id) -> int:
    with sessions() as session:
        return session.scalar(
            select(func.count())
            .select_from(SubmissionResult)
            .where(SubmissionResult.submission_id == submission_id)
        )


def assert_graded_once(sessions, rows) -> None:
    for row in rows:
        assert row.status == "graded", (row.id, row.status, row.error_reason)
        assert result_rows(sessions, row.id) == 1
