"""The grading task with the real engine and database (run in-process, eagerly)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from grader.core.bank import load_bank
from grader.core.solution import reference_source
from grader.service.celery_app import TASK_GRADE
from grader.service.tasks import INFRASTRUCTURE_REASON, grade, worker_context
from grader.store.models import Progress, Submission, SubmissionResult
from grader.store.submissions import EXHAUSTED_REASON, create_submission
from tests.service.factories import add_exercise, add_user

EXERCISE_ID = "softmax-cross-entropy"


@pytest.fixture
def bank_exercise(bank_root):
    return load_bank(bank_root)[EXERCISE_ID]


@pytest.fixture
def learner(session, bank_exercise):
    add_exercise(session, EXERCISE_ID, version=bank_exercise.version)
    return add_user(session)


def submit(session, learner, source, exercise_id=EXERCISE_ID):
    submission_id = create_submission(
        session, user_id=learner.id, exercise_id=exercise_id, source=source
    ).id
    session.commit()
    return submission_id


def results_of(session, submission_id):
    return session.scalar(
        select(func.count())
        .select_from(SubmissionResult)
        .where(SubmissionResult.submission_id == submission_id)
    )


def test_grade_stores_the_engines_result_with_worker_and_runner(
    app, session, learner, bank_exercise
):
    submission_id = submit(session, learner, reference_source(bank_exercise.requires))
    context = worker_context(app, "cpu.1@test")
    outcome, document = grade(context, submission_id, runner="cpu", worker="cpu.1@test")
    assert outcome == "graded" and document["status"] == "passed"
    session.expire_all()
    row = session.get(Submission, submission_id)
    assert row.status == "graded" and row.score == row.max_score > 0
    assert row.result["worker"] == row.worker == "cpu.1@test"
    assert row.result["runner"] == row.runner == "cpu"
    assert row.result["version"] == row.exercise_version == bank_exercise.version
    assert row.result["grader_version"]
    assert row.attempts == 1 and row.started_at <= row.finished_at
    assert session.get(Progress, (learner.id, EXERCISE_ID)).passed
    # the same task delivered again: nothing to grade, still one result
    assert grade(context, submission_id, runner="cpu", worker="cpu.2@test") == ("done", None)
    assert results_of(session, submission_id) == 1


def test_a_gpu_delivery_grades_with_the_cuda_device(app, session, learner, bank_exercise):
    submission_id = submit(session, learner, reference_source(bank_exercise.requires))
    context = worker_context(app, "gpu.1@test")
    _, document = grade(context, submission_id, runner="gpu", worker="gpu.1@test")
    assert (document["runner"], document["device"]) == ("gpu", "cuda")


def test_the_learners_failure_is_a_grade_not_an_error(app, session, learner, bank_exercise):
    submission_id = submit(session, learner, bank_exercise.starter)
    assert app.tasks[TASK_GRADE].apply(args=[submission_id]).get() == "graded"
    session.expire_all()
    row = session.get(Submission, submission_id)
    assert row.status == "graded" and row.score == 0 and row.result["status"] != "passed"


def test_infrastructure_failures_are_retried_then_end_in_a_readable_error(app, session, learner):
    # the database serves an exercise that this worker's bank does not have
    add_exercise(session, "not-in-the-bank")
    submission_id = submit(session, learner, "x = 1", exercise_id="not-in-the-bank")
    result = app.tasks[TASK_GRADE].apply(args=[submission_id])
    assert result.get() == "error"
    session.expire_all()
    row = session.get(Submission, submission_id)
    assert row.status == "error"
    assert row.error_reason == INFRASTRUCTURE_REASON.format(
        problem="the grader does not have this exercise"
    )
    assert "not a problem with your code" in row.error_reason
    assert row.attempts == 1 + app.settings.task_max_retries


def test_a_submission_out_of_attempts_is_not_graded_again(app, session, learner):
    submission_id = submit(session, learner, "x = 1")
    row = session.get(Submission, submission_id)
    row.attempts = app.settings.max_attempts  # it has killed its worker that many times
    session.commit()
    assert app.tasks[TASK_GRADE].apply(args=[submission_id]).get() == "exhausted"
    session.expire_all()
    row = session.get(Submission, submission_id)
    assert row.status == "error"
    assert row.error_reason == EXHAUSTED_REASON.format(attempts=app.settings.max_attempts)


def test_task_configuration_follows_the_service_rules(app):
    task = app.tasks[TASK_GRADE]
    assert task.acks_late and task.reject_on_worker_lost
    assert task.max_retries == app.settings.task_max_retries
    conf = app.conf
    assert conf.accept_content == ["json"] and conf.task_serializer == "json"
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert {q.name for q in conf.task_queues} == {"cpu", "gpu"}


def test_each_app_keeps_its_own_task_options(tmp_path):
    # Celery's shared tasks let the first app of a process decide later apps' options
    from grader.service.celery_app import create_celery_app
    from grader.settings import Settings

    strict = Settings.from_env(
        {
            "DLGRADE_INSTANCE": str(tmp_path),
            "DLGRADE_MAX_ATTEMPTS": "2",
            "DLGRADE_TASK_MAX_RETRIES": "1",
        }
    )
    first = create_celery_app(strict)
    second = create_celery_app(Settings.from_env({"DLGRADE_INSTANCE": str(tmp_path)}))
    try:
        assert first.tasks[TASK_GRADE].max_retries == 1
        assert second.tasks[TASK_GRADE].max_retries == second.settings.task_max_retries == 3
    finally:
        first.close()
        second.close()


def test_a_grade_costs_a_pinned_number_of_statements(app, session, learner, bank_exercise):
    """The worker's database work per grade, pinned so that a regression shows: the claim is
    one ``UPDATE ... RETURNING``; on PostgreSQL the result, its history row and the progress
    fold are one statement (SQLite: three), and nothing reads the exercise or the learner."""
    source = reference_source(bank_exercise.requires)
    first, second = (submit(session, learner, source) for _ in range(2))
    context = worker_context(app, "cpu.1@test")
    grade(context, first, runner="cpu", worker="cpu.1@test")  # warm: bank, engine, pool
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement.split(None, 1)[0].upper())

    engine = context.sessions.kw["bind"]
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert grade(context, second, runner="cpu", worker="cpu.1@test")[0] == "graded"
    finally:
        event.remove(engine, "before_cursor_execute", count)
    if engine.dialect.name == "postgresql":
        assert statements == ["UPDATE", "WITH"]
    else:
        assert statements == ["UPDATE", "UPDATE", "INSERT", "INSERT"]


def test_a_submission_costs_a_pinned_number_of_statements(app, sessions, session, learner):
    """The web side's database work per submission: the exercise, the learner's due date and
    the new row (committed), then, once the broker has the message, when and where it went."""
    from grader.service.enqueue import submit as submit_and_send

    def send() -> int:
        return submit_and_send(
            app, sessions, user_id=learner.id, exercise_id=EXERCISE_ID, source="x = 1"
        ).id

    send()  # warm: the pool, the broker connection
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement.split(None, 1)[0].upper())

    engine = sessions.kw["bind"]
    event.listen(engine, "before_cursor_execute", count)
    try:
        submission_id = send()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert session.get(Submission, submission_id).enqueued_at is not None
    if engine.dialect.name == "postgresql":
        assert statements == ["SELECT", "SELECT", "INSERT", "SET", "UPDATE"]
    else:
        assert statements == ["SELECT", "SELECT", "INSERT", "UPDATE"]
