"""The service commands, run through the real ``dlgrade`` click group."""

from __future__ import annotations

import json
import shutil

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import inspect, select

from grader.cli import main
from grader.core.bank import load_bank
from grader.core.solution import reference_source
from grader.settings import Settings
from grader.store import accounts
from grader.store.db import make_session_factory
from grader.store.models import ExerciseRow, RegradeBatch, Submission, SubmissionResult, User
from grader.store.submissions import create_submission, record_grade
from tests.service.factories import result_doc
from tests.service.workers import WorkerProcess

# kombu's own models (the embedded broker) use a loader strategy SQLAlchemy 2.1 deprecates
pytestmark = pytest.mark.filterwarnings("ignore:The ``noload`` loader strategy:DeprecationWarning")


@pytest.fixture
def instance(tmp_path, monkeypatch, bank_root):
    """An embedded instance folder (SQLite), migrated; the private bank."""
    for name in ("DLGRADE_DATABASE_URL", "DLGRADE_BROKER_URL", "DLGRADE_MODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DLGRADE_EXERCISES", str(bank_root))
    folder = tmp_path / "instance"
    result = CliRunner().invoke(main, ["db", "upgrade", "--instance", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def sessions_for(folder):
    return make_session_factory(f"sqlite:///{folder / 'dlgrade.sqlite3'}")


def test_service_commands_are_registered():
    context = click.Context(main)
    for name in ("db", "sync", "worker", "beat", "users", "token", "regrade"):
        assert main.get_command(context, name) is not None, name
    help_text = run("worker", "--help").output
    assert "[cpu|gpu]" in help_text and "--concurrency" in help_text and "--instance" in help_text


def test_db_upgrade_creates_the_embedded_database_and_secret(instance):
    assert (instance / "dlgrade.sqlite3").is_file()
    assert (instance / "secret_key").is_file()
    engine = make_session_factory(f"sqlite:///{instance / 'dlgrade.sqlite3'}").kw["bind"]
    assert "submissions" in inspect(engine).get_table_names()
    assert "database at revision" in run("db", "upgrade", "--instance", str(instance)).output


def test_instance_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("DLGRADE_DATABASE_URL", raising=False)
    monkeypatch.setenv("DLGRADE_INSTANCE", str(tmp_path / "from-env"))
    assert run("db", "upgrade").exit_code == 0
    assert (tmp_path / "from-env" / "dlgrade.sqlite3").is_file()


def test_users_create_with_a_password_and_with_a_prompt(instance):
    result = run(
        "users",
        "create",
        "--instance",
        str(instance),
        "--email",
        "ada@example.org",
        "--role",
        "instructor",
        "--password",
        "correct horse",
    )
    assert result.exit_code == 0 and "created instructor ada@example.org" in result.output
    prompted = run(
        "users",
        "create",
        "--instance",
        str(instance),
        "--email",
        "bob@example.org",
        input="battery staple\nbattery staple\n",
    )
    assert prompted.exit_code == 0, prompted.output
    assert "battery staple" not in prompted.output  # the prompt hides what is typed
    with sessions_for(instance)() as session:
        bob = session.scalar(select(User).where(User.email == "bob@example.org"))
        assert bob.role == "learner" and accounts.verify_password(bob, "battery staple")


def test_users_create_refuses_a_duplicate_and_a_bad_role(instance):
    args = [
        "users",
        "create",
        "--instance",
        str(instance),
        "--email",
        "ada@example.org",
        "--password",
        "long enough",
    ]
    assert run(*args).exit_code == 0
    duplicate = run(*args)
    assert duplicate.exit_code == 1 and "already exists" in duplicate.output
    bad = run(*args[:-2], "--role", "root", "--password", "long enough")
    assert bad.exit_code == 2 and "'root' is not one of" in bad.output


def test_token_create_prints_only_the_token(instance):
    run(
        "users",
        "create",
        "--instance",
        str(instance),
        "--email",
        "ada@example.org",
        "--password",
        "long enough",
    )
    result = run("token", "create", "ada@example.org", "--instance", str(instance))
    assert result.exit_code == 0
    token = result.output.strip()
    assert result.output == token + "\n" and token.startswith(accounts.TOKEN_PREFIX)
    with sessions_for(instance)() as session:
        assert accounts.user_for_token(session, token).email == "ada@example.org"
    missing = run("token", "create", "nobody@example.org", "--instance", str(instance))
    assert missing.exit_code == 1 and "no user with email" in missing.output


def test_sync_validates_and_serves_the_bank(instance, bank_root):
    result = run("sync", "--instance", str(instance))
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output and "0 refused" in result.output
    with sessions_for(instance)() as session:
        row = session.get(ExerciseRow, "softmax-cross-entropy")
        assert (
            row.validated and row.version == load_bank(bank_root)["softmax-cross-entropy"].version
        )
    again = run("sync", "--instance", str(instance))
    assert "1 unchanged" in again.output


def test_sync_refuses_an_exercise_that_does_not_validate(instance, bank_root, tmp_path):
    broken_root = tmp_path / "broken-bank"
    shutil.copytree(bank_root, broken_root)
    folder = broken_root / "neural-networks" / "softmax-cross-entropy"
    # a starter that already scores points cannot be a sound exercise
    (folder / "starter.py").write_text(
        reference_source(("softmax_cross_entropy", "softmax_cross_entropy_grad"))
    )
    result = run("sync", "--instance", str(instance), "--exercises", str(broken_root))
    assert result.exit_code == 1
    assert "refused softmax-cross-entropy: the starter scores" in result.output
    with sessions_for(instance)() as session:
        assert not session.get(ExerciseRow, "softmax-cross-entropy").validated


def graded_by_an_old_version(instance, exercise) -> int:
    """A right submission of ada's, graded 0/13 by an older, buggier version."""
    sessions = sessions_for(instance)
    with sessions() as session:
        ada = accounts.create_user(session, email="ada@example.org", password="long enough")
        right = create_submission(
            session,
            user_id=ada.id,
            exercise_id=exercise.id,
            source=reference_source(exercise.requires),
        )
        record_grade(
            session, right.id, result_doc(0.0, 13.0, version="old"), worker="w", runner="cpu"
        )
        session.commit()
        return right.id


def test_regrade_queues_for_the_workers_and_reports_whose_score_changed(
    instance, bank_root, tmp_path
):
    assert run("sync", "--instance", str(instance)).exit_code == 0
    exercise = load_bank(bank_root)["softmax-cross-entropy"]
    right_id = graded_by_an_old_version(instance, exercise)
    worker = WorkerProcess(Settings.from_env(instance=instance), tmp_path / "logs")
    try:
        worker.wait_ready()
        result = run("regrade", "--exercise", exercise.id, "--instance", str(instance), "--json")
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        assert report["total"] == 1 and report["increased"] == 1 and report["state"] == "done"
        (change,) = report["changed"]
        assert change["email"] == "ada@example.org" and change["old_score"] == 0.0
        assert change["new_score"] == change["max_score"] > 0
        text = run("regrade", str(right_id), "--instance", str(instance)).output
        assert "1 submission(s), 0 changed" in text
    finally:
        worker.stop()
    assert "dlgrade.regrade_submission" in worker.log  # graded by the worker, not the CLI
    with sessions_for(instance)() as session:
        versions = session.scalars(
            select(SubmissionResult.exercise_version).order_by(SubmissionResult.id)
        ).all()
        assert versions == ["old", exercise.version, exercise.version]
        assert session.get(Submission, right_id).exercise_version == exercise.version
    unknown = run("regrade", "--cohort", "nobody", "--instance", str(instance))
    assert unknown.exit_code == 1 and "no cohort 'nobody'" in unknown.output


def test_regrade_no_wait_returns_at_once_and_cancel_stops_it(instance, bank_root):
    assert run("sync", "--instance", str(instance)).exit_code == 0
    exercise = load_bank(bank_root)["softmax-cross-entropy"]
    graded_by_an_old_version(instance, exercise)
    result = run("regrade", "--exercise", exercise.id, "--no-wait", "--instance", str(instance))
    assert result.exit_code == 0, result.output
    assert "regrade 1 (exercise softmax-cross-entropy): 1 submission(s) queued" in result.output
    with sessions_for(instance)() as session:
        batch = session.get(RegradeBatch, 1)
        assert (batch.state, batch.total, batch.done) == ("running", 1, 0)
    cancelled = run("regrade", "--cancel", "1", "--instance", str(instance))
    assert cancelled.exit_code == 0 and "regrade 1 cancelled" in cancelled.output
    with sessions_for(instance)() as session:
        assert session.get(RegradeBatch, 1).state == "cancelled"
    again = run("regrade", "--cancel", "1", "--instance", str(instance))
    assert again.exit_code == 1 and "already finished" in again.output


def test_a_cpu_worker_runs_one_grading_process_more_than_its_cpus():
    import os

    from grader.service.worker import default_concurrency, worker_argv

    cpus = len(os.sched_getaffinity(0))
    assert default_concurrency(["cpu"]) == cpus + 1
    assert default_concurrency(["gpu"]) is None  # one CUDA context each: Celery's default
    assert default_concurrency(["cpu", "gpu"]) is None
    argv = worker_argv(["cpu"], concurrency=default_concurrency(["cpu"]), loglevel="INFO")
    assert f"--concurrency={cpus + 1}" in argv
    assert not any(
        a.startswith("--concurrency")
        for a in worker_argv(["gpu"], concurrency=None, loglevel="INFO")
    )
