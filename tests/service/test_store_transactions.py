"""The caller owns the transaction: no public store function commits.

Each public function of ``grader.store`` that takes a session runs in a fresh session over a
committed fixture (a learner, an instructor, a served exercise, submissions in each state, a
running regrade batch); the session forbids commits, and a rollback afterwards must leave
every table exactly as it was. A function that writes must have written something before the
rollback (so the check is not vacuous), and a store function added later without a scenario
here fails :func:`test_every_public_store_function_has_a_scenario`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

import grader.store
from grader.store import (
    accounts,
    exercises,
    heartbeats,
    late_policy,
    overrides,
    progress,
    regrade,
    regrade_items,
    submissions,
    trial_runs,
    validations,
)
from grader.store import deadlines as deadline_store
from grader.store.models import Base, Submission, utcnow
from grader.store.tracking import RegradeItem
from tests.service.factories import add_exercise, add_user, result_doc

EXERCISE = "softmax-cross-entropy"


def _forbid_commit(session: Session) -> None:
    raise AssertionError("a store function committed the caller's transaction")


def snapshot(session: Session) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    rows = {}
    for table in Base.metadata.sorted_tables:
        found = session.execute(select(table)).all()
        rows[table.name] = sorted((tuple(map(repr, row)) for row in found), key=repr)
    return rows


def seed(session: Session) -> SimpleNamespace:
    """The committed world each scenario starts from."""
    learner = add_user(session)
    boss = add_user(session, "boss@example.org", role="instructor")
    exercise = add_exercise(session, EXERCISE)
    token = accounts.create_api_token(session, learner, "seed")
    queued = submissions.create_submission(
        session, user_id=learner.id, exercise_id=EXERCISE, source="x = 1\n"
    )
    running = submissions.create_submission(
        session, user_id=learner.id, exercise_id=EXERCISE, source="x = 2\n"
    )
    graded = submissions.create_submission(
        session, user_id=learner.id, exercise_id=EXERCISE, source="x = 3\n"
    )
    session.commit()
    submissions.claim_submission(session, running.id, worker="w1", runner="cpu", max_attempts=3)
    submissions.claim_submission(session, graded.id, worker="w1", runner="cpu", max_attempts=3)
    submissions.record_grade(session, graded.id, result_doc(4.0), worker="w1", runner="cpu")
    heartbeats.record_heartbeat(session, hostname="w1", queues=["cpu"], runner="cpu")
    batch = regrade.create_batch(session, [graded.id], scope="exercise", exercise_id=EXERCISE)
    run = trial_runs.create_trial_run(
        session, user_id=learner.id, exercise_id=EXERCISE, code="x = 1\n"
    )
    trial_runs.create_trial_run(  # old enough for the sweeper to prune
        session,
        user_id=learner.id,
        exercise_id=EXERCISE,
        code="x = 0\n",
        now=utcnow() - 2 * trial_runs.RUN_TTL,
    )
    session.commit()
    item_id = session.scalar(select(RegradeItem.id).where(RegradeItem.batch_id == batch.id))
    return SimpleNamespace(
        learner=learner.id,
        boss=boss.id,
        exercise=exercise,
        token=token,
        queued=queued.id,
        running=running.id,
        graded=graded.id,
        batch=batch.id,
        item=item_id,
        run=run.id,
    )


def _bank() -> dict[str, Any]:
    fields = dict(
        id="new-exercise",
        title="new exercise",
        module="neural-networks",
        order=2,
        runner="cpu",
        gpu_fallback=False,
        version="v9",
        time_limit_s=5.0,
        memory_mb=512,
        total_points=lambda: 7.0,
    )
    return {"new-exercise": SimpleNamespace(**fields)}


def _passes(_exercise: Any) -> SimpleNamespace:
    return SimpleNamespace(ok=True, message=None)


def _claimed_item(s: Session, w: SimpleNamespace) -> Any:
    return regrade_items.claim_item(s, w.item, worker="w2", max_attempts=3)


def _apply_item(s: Session, w: SimpleNamespace) -> bool:
    _claimed_item(s, w)
    return regrade_items.apply_item_grade(s, w.item, result_doc(9.0))


Scenario = Callable[[Session, SimpleNamespace], Any]

# (function name, writes something, scenario)
SCENARIOS: dict[str, tuple[bool, Scenario]] = {
    "create_user": (
        True,
        lambda s, w: accounts.create_user(s, email="new@example.org", password="long enough"),
    ),
    "create_api_token": (True, lambda s, w: accounts.create_api_token(s, w.learner, "laptop")),
    "user_for_token": (True, lambda s, w: accounts.user_for_token(s, w.token)),
    "user_by_email": (False, lambda s, w: accounts.user_by_email(s, "ada@example.org")),
    "due_date": (False, lambda s, w: deadline_store.due_date(s, w.learner, "neural-networks")),
    "sync_exercises": (
        True,
        lambda s, w: exercises.sync_exercises(s, _bank(), validate=_passes),
    ),
    "record_heartbeat": (
        True,
        lambda s, w: heartbeats.record_heartbeat(s, hostname="w2", queues=["cpu"], runner="cpu"),
    ),
    "remove_heartbeat": (True, lambda s, w: heartbeats.remove_heartbeat(s, "w1")),
    "live_workers": (False, lambda s, w: heartbeats.live_workers(s, ttl_s=60)),
    "late_policy_for": (False, lambda s, w: late_policy.late_policy_for(s, w.learner)),
    "record_override": (
        True,
        lambda s, w: overrides.record_override(
            s, user_id=w.learner, exercise_id=EXERCISE, score=8.0, comment="ok", created_by=w.boss
        ),
    ),
    "locked_progress": (False, lambda s, w: progress.locked_progress(s, w.learner, EXERCISE)),
    "apply_grade": (
        True,
        lambda s, w: progress.apply_grade(
            s,
            user_id=w.learner,
            exercise_id=EXERCISE,
            submission_id=w.queued,
            score=10.0,
            max_score=10.0,
            submitted_at=utcnow(),
        ),
    ),
    "recompute_progress": (
        True,
        lambda s, w: (
            s.get(Submission, w.graded).__setattr__("score", 7.0),
            progress.recompute_progress(s, w.learner, EXERCISE),
        ),
    ),
    "select_submissions": (
        False,
        lambda s, w: regrade.select_submissions(s, exercise_id=EXERCISE),
    ),
    "describe_scope": (False, lambda s, w: regrade.describe_scope(s, exercise_id=EXERCISE)),
    "create_batch": (
        True,
        lambda s, w: regrade.create_batch(s, [w.graded], scope="exercise", exercise_id=EXERCISE),
    ),
    "cancel_batch": (True, lambda s, w: regrade.cancel_batch(s, w.batch)),
    "finish_if_done": (True, lambda s, w: (_apply_item(s, w), regrade.finish_if_done(s, w.batch))),
    "build_report": (False, lambda s, w: regrade.build_report(s, w.batch)),
    "pending_items": (False, lambda s, w: regrade.pending_items(s, w.batch)),
    "claim_item": (True, _claimed_item),
    "apply_item_grade": (True, _apply_item),
    "fail_item": (True, lambda s, w: regrade_items.fail_item(s, w.item, "broken")),
    "late_days_for": (
        False,
        lambda s, w: submissions.late_days_for(s, w.learner, w.exercise, utcnow()),
    ),
    "create_submission": (
        True,
        lambda s, w: submissions.create_submission(
            s, user_id=w.learner, exercise_id=EXERCISE, source="y = 1\n"
        ),
    ),
    "claim_submission": (
        True,
        lambda s, w: submissions.claim_submission(
            s, w.queued, worker="w2", runner="cpu", max_attempts=3
        ),
    ),
    "record_grade": (
        True,
        lambda s, w: submissions.record_grade(
            s, w.running, result_doc(10.0), worker="w1", runner="cpu"
        ),
    ),
    "mark_error": (True, lambda s, w: submissions.mark_error(s, w.running, "broken")),
    "create_trial_run": (
        True,
        lambda s, w: trial_runs.create_trial_run(
            s, user_id=w.learner, exercise_id=EXERCISE, code="y = 2\n"
        ),
    ),
    "claim_trial_run": (True, lambda s, w: trial_runs.claim_trial_run(s, w.run)),
    "finish_trial_run": (
        True,
        lambda s, w: trial_runs.finish_trial_run(s, w.run, result={"status": "passed"}),
    ),
    "sweep_trial_runs": (True, lambda s, w: trial_runs.sweep_trial_runs(s)),
    "known_verdicts": (False, lambda s, w: validations.known_verdicts(s, [(EXERCISE, "v1")])),
    "record_verdict": (
        True,
        lambda s, w: validations.record_verdict(s, EXERCISE, "v2", True, None),
    ),
}


def _store_modules() -> list[Any]:
    """Every module of ``grader.store`` (its migrations aside)."""
    found = pkgutil.iter_modules(grader.store.__path__, "grader.store.")
    return [importlib.import_module(info.name) for info in found if not info.ispkg]


def _public_session_functions() -> set[str]:
    names = set()
    for module in _store_modules():
        for name in getattr(module, "__all__", ()):
            function = getattr(module, name)
            if not inspect.isfunction(function) or function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters and parameters[0] == "session":
                names.add(name)
    return names


def test_every_public_store_function_has_a_scenario():
    assert _public_session_functions() == set(SCENARIOS)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_a_store_function_leaves_the_commit_to_its_caller(
    name: str, sessions: sessionmaker[Session]
):
    with sessions() as session:
        world = seed(session)
        session.commit()
        before = snapshot(session)
    writes, scenario = SCENARIOS[name]
    with sessions() as session:
        event.listen(session, "before_commit", _forbid_commit)
        scenario(session, world)
        session.flush()
        if writes:
            assert snapshot(session) != before, f"{name} wrote nothing: the scenario is vacuous"
        session.rollback()
    with sessions() as session:
        assert snapshot(session) == before
