"""The sweeper re-sends what the broker never got or lost, and ends hopeless submissions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from grader.service.celery_app import create_celery_app
from grader.service.enqueue import enqueue_submission, task_time_limits
from grader.service.sweeper import sweep
from grader.store.heartbeats import record_heartbeat
from grader.store.models import Submission, SubmissionStatus, utcnow
from grader.store.submissions import EXHAUSTED_REASON, claim_submission, create_submission
from tests.service.factories import add_exercise, add_user


@pytest.fixture
def exercise(session):
    return add_exercise(session, time_limit_s=5.0)


@pytest.fixture
def learner(session):
    return add_user(session)


def new_submission(session, learner, created):
    submission_id = create_submission(
        session,
        user_id=learner.id,
        exercise_id="softmax-cross-entropy",
        source="x",
        now=created,
    ).id
    session.commit()
    return submission_id


def reload(session, submission_id):
    session.expire_all()
    return session.get(Submission, submission_id)


def test_rows_never_sent_are_sent_after_the_outbox_delay(
    app, sessions, session, broker, learner, exercise
):
    now = utcnow()
    delay = app.settings.outbox_delay_s
    old = new_submission(session, learner, now - timedelta(seconds=delay + 1))
    fresh = new_submission(session, learner, now)  # its own enqueue may still be under way
    report = sweep(app, sessions, now=now)
    assert report.sent == [old] and not report.unsent
    assert broker.submission_ids("cpu") == [old]
    assert reload(session, old).enqueued_at == now
    assert reload(session, fresh).enqueued_at is None


def test_queued_rows_whose_message_was_lost_are_sent_again(
    app, sessions, session, broker, learner, exercise
):
    sent_at = utcnow() - timedelta(hours=1)
    lost_after = timedelta(seconds=app.settings.lost_after_s)
    submission_id = new_submission(session, learner, sent_at)
    assert enqueue_submission(app, sessions, submission_id, now=sent_at)
    # its message waits in the queue: not re-sent before the deadline
    assert sweep(app, sessions, now=sent_at + lost_after + timedelta(seconds=1)).sent == []
    broker.client.delete(broker.prefix + "cpu")  # the message is lost
    assert sweep(app, sessions, now=sent_at + lost_after - timedelta(seconds=1)).sent == []
    report = sweep(app, sessions, now=sent_at + lost_after + timedelta(seconds=1))
    assert report.sent == [submission_id]
    assert broker.submission_ids("cpu") == [submission_id]


def test_queued_rows_past_the_deadline_are_sent_again_even_when_waiting(
    app, sessions, session, broker, learner, exercise
):
    sent_at = utcnow() - timedelta(hours=1)
    submission_id = new_submission(session, learner, sent_at)
    assert enqueue_submission(app, sessions, submission_id, now=sent_at)
    deadline = sent_at + timedelta(seconds=app.settings.queued_deadline_s + 1)
    assert sweep(app, sessions, now=deadline).sent == [submission_id]
    assert broker.submission_ids("cpu") == [submission_id, submission_id]


def test_running_rows_past_their_deadline_are_requeued(
    app, sessions, session, broker, learner, exercise
):
    started = utcnow() - timedelta(hours=1)
    submission_id = new_submission(session, learner, started)
    claim_submission(session, submission_id, worker="w", runner="cpu", max_attempts=3, now=started)
    record_heartbeat(session, hostname="w", queues=["cpu"], runner="cpu")  # alive
    session.commit()
    hard = task_time_limits(exercise, app.settings)["time_limit"]
    grace = app.settings.running_grace_s
    just_before = started + timedelta(seconds=hard + grace - 1)
    assert not sweep(app, sessions, now=just_before)
    report = sweep(app, sessions, now=started + timedelta(seconds=hard + grace + 1))
    assert report.requeued == [submission_id]
    row = reload(session, submission_id)
    assert row.status == SubmissionStatus.QUEUED and row.attempts == 1
    assert broker.submission_ids("cpu") == [submission_id]


def test_running_rows_of_a_dead_worker_are_requeued_at_once(
    app, sessions, session, broker, learner, exercise
):
    ttl = timedelta(seconds=app.settings.heartbeat_ttl_s)
    now = utcnow()
    started = now - 2 * ttl
    alive, dead = (new_submission(session, learner, started) for _ in range(2))
    for submission_id, worker in ((alive, "alive@h"), (dead, "dead@h")):
        claim_submission(
            session, submission_id, worker=worker, runner="cpu", max_attempts=3, now=started
        )
    record_heartbeat(session, hostname="alive@h", queues=["cpu"], runner="cpu", now=now)
    record_heartbeat(session, hostname="dead@h", queues=["cpu"], runner="cpu", now=now - ttl * 1.5)
    session.commit()
    report = sweep(app, sessions, now=now)  # long before any time limit
    assert report.requeued == [dead]
    assert reload(session, dead).status == SubmissionStatus.QUEUED
    assert reload(session, alive).status == SubmissionStatus.RUNNING
    assert broker.submission_ids("cpu") == [dead]


def test_running_rows_out_of_attempts_end_in_error(app, sessions, session, learner, exercise):
    started = utcnow() - timedelta(hours=1)
    submission_id = new_submission(session, learner, started)
    session.execute(
        update(Submission)
        .where(Submission.id == submission_id)
        .values(status="running", started_at=started, attempts=app.settings.max_attempts)
    )
    session.commit()
    report = sweep(app, sessions)
    assert report.errored == [submission_id]
    row = reload(session, submission_id)
    assert row.status == SubmissionStatus.ERROR
    assert row.error_reason == EXHAUSTED_REASON.format(attempts=app.settings.max_attempts)


def test_a_broker_outage_leaves_rows_queued_for_next_time(
    service_settings, sessions, session, learner, exercise
):
    dead = create_celery_app(service_settings.replace(broker_url="redis://127.0.0.1:1/0"))
    old = utcnow() - timedelta(hours=1)
    ids = [new_submission(session, learner, old) for _ in range(3)]
    assert not enqueue_submission(dead, sessions, ids[0])  # the outbox send fails, logged
    report = sweep(dead, sessions)
    assert report.unsent == ids and report.sent == []
    assert all(reload(session, i).status == "queued" for i in ids)
    assert all(reload(session, i).enqueued_at is None for i in ids)
    dead.close()
