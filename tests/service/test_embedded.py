"""The embedded default: SQLite, a broker that needs no server, one real worker process."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from sqlalchemy import select

from grader.core.solution import reference_source
from grader.service import embedded as embedded_module
from grader.service.celery_app import create_celery_app
from grader.service.embedded import prepare_instance, start_embedded_worker
from grader.service.enqueue import submit
from grader.settings import Settings
from grader.store.db import make_session_factory
from grader.store.exercises import PENDING_MESSAGE
from grader.store.models import ExerciseRow, WorkerHeartbeat, utcnow
from grader.store.submissions import create_submission
from tests.service.factories import add_user
from tests.service.workers import wait_finished, wait_for

pytestmark = [
    pytest.mark.service,
    # kombu's own models use a loader strategy SQLAlchemy 2.1 deprecates
    pytest.mark.filterwarnings("ignore:The ``noload`` loader strategy:DeprecationWarning"),
]


@pytest.fixture
def embedded(tmp_path, bank_root, monkeypatch):
    for name in ("DLGRADE_DATABASE_URL", "DLGRADE_BROKER_URL", "DLGRADE_MODE"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings.from_env(
        {
            "DLGRADE_EXERCISES": str(bank_root),
            "DLGRADE_SWEEP_INTERVAL_S": "1",
            "DLGRADE_OUTBOX_DELAY_S": "1",
            "DLGRADE_HEARTBEAT_INTERVAL_S": "1",
        },
        instance=tmp_path / "instance",
    )
    prepare_instance(settings)  # migrate the SQLite file and sync (validate) the bank
    sessions = make_session_factory(settings.database_url)
    handle = start_embedded_worker(settings, gpu=False)
    try:
        yield settings, sessions, handle
    finally:
        handle.stop()
        print(handle.log_path.read_text(errors="replace")[-5000:])
        sessions.kw["bind"].dispose()


def test_embedded_worker_grades_through_the_serverless_broker(embedded):
    settings, sessions, handle = embedded
    assert settings.embedded_broker and settings.database_url.startswith("sqlite")
    with sessions() as session:
        exercise = session.get(ExerciseRow, "softmax-cross-entropy")
        assert exercise.validated  # prepare_instance synced and validated the bank
        learner = add_user(session).id
    app = create_celery_app(settings)
    try:
        submission = submit(
            app,
            sessions,
            user_id=learner,
            exercise_id="softmax-cross-entropy",
            source=reference_source(("softmax_cross_entropy", "softmax_cross_entropy_grad")),
        )
    finally:
        app.close()
    assert submission.status == "queued"  # asynchronous: the web request does not wait
    (row,) = wait_finished(sessions, [submission.id], timeout=60)
    assert row.status == "graded" and row.score == row.max_score > 0
    assert row.worker == "embedded@" + row.worker.split("@", 1)[1]
    assert (settings.instance_path / "broker.sqlite3").is_file()

    # a row whose send failed (no broker call at all here) is sent by the worker's sweeper
    with sessions() as session:
        lost = create_submission(
            session,
            user_id=learner,
            exercise_id="softmax-cross-entropy",
            source="x = 1",
            now=utcnow() - timedelta(seconds=5),
        )
        session.commit()
    (swept,) = wait_finished(sessions, [lost.id], timeout=60)
    assert swept.status == "graded" and swept.result["status"] == "rejected"

    with sessions() as session:
        assert session.scalars(select(WorkerHeartbeat)).all()
    assert handle.stop() == 0 and not handle.alive
    with sessions() as session:
        wait_for(
            lambda: not session.scalars(select(WorkerHeartbeat)).all(),
            5,
            "heartbeat removed on shutdown",
        )


def test_a_bank_without_known_verdicts_is_validated_by_the_worker_in_the_background(
    tmp_path, bank_root, monkeypatch
):
    for name in ("DLGRADE_DATABASE_URL", "DLGRADE_BROKER_URL", "DLGRADE_MODE"):
        monkeypatch.delenv(name, raising=False)
    bank = tmp_path / "bank"
    shutil.copytree(bank_root, bank)
    folder = bank / "neural-networks" / "softmax-cross-entropy"
    (folder / "NOTES.txt").write_text("an author's note: a version never validated\n")
    broken = bank / "neural-networks" / "broken-copy"
    shutil.copytree(folder, broken)
    toml = broken / "exercise.toml"
    toml.write_text(toml.read_text().replace('id = "softmax-cross-entropy"', 'id = "broken-copy"'))
    # a starter that already scores points cannot be a sound exercise
    (broken / "starter.py").write_text(
        reference_source(("softmax_cross_entropy", "softmax_cross_entropy_grad"))
    )
    settings = Settings.from_env(
        {"DLGRADE_EXERCISES": str(bank), "DLGRADE_HEARTBEAT_INTERVAL_S": "1"},
        instance=tmp_path / "instance",
    )
    monkeypatch.setattr(embedded_module, "INLINE_VALIDATIONS", 1)  # 2 unknown: background
    assert sorted(prepare_instance(settings)) == ["broken-copy", "softmax-cross-entropy"]
    sessions = make_session_factory(settings.database_url)
    with sessions() as session:  # pending: not served, and the catalogue says why
        row = session.get(ExerciseRow, "softmax-cross-entropy")
        assert not row.validated and row.validation_message == PENDING_MESSAGE
    handle = start_embedded_worker(settings, gpu=False)
    try:

        def settled():
            with sessions() as session:
                rows = [
                    session.get(ExerciseRow, i) for i in ("softmax-cross-entropy", "broken-copy")
                ]
                if all(r.validation_message != PENDING_MESSAGE for r in rows):
                    return rows
            return None

        good, bad = wait_for(settled, 180, "the background validations")
    finally:
        handle.stop()
        sessions.kw["bind"].dispose()
    assert good.validated and good.validation_message is None, good.validation_message
    assert not bad.validated and "starter scores" in bad.validation_message  # never served
    assert "dlgrade.validate_exercise" in handle.log_path.read_text(errors="replace")
