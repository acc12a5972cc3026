"""What differs between the brokers, against the machine's real Redis and RabbitMQ: the queue
length the sweeper asks for, and the Redis visibility timeout that the app really uses."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.core.bank import MAX_TIME_LIMIT_S
from grader.service import broker as broker_module
from grader.service.broker import queue_length, task_limits, visibility_timeout
from grader.service.celery_app import GradingCelery, create_celery_app
from grader.service.context import close_worker_contexts
from grader.service.enqueue import send_grade_task
from grader.settings import Settings
from tests.service.private_services import RabbitVhost, rabbitmq_alive, rabbitmqctl_missing
from tests.services import service_missing


@pytest.fixture
def amqp_app(tmp_path: Path) -> Iterator[GradingCelery]:
    """A Celery app on a fresh virtual host of the machine's RabbitMQ."""
    if not rabbitmq_alive():
        service_missing("RabbitMQ not reachable at 127.0.0.1:5672")
    if reason := rabbitmqctl_missing():
        service_missing(reason)
    vhost = RabbitVhost()
    settings = Settings.from_env(
        {"DLGRADE_BROKER_URL": vhost.url, "DLGRADE_DATABASE_URL": "sqlite://"},
        instance=tmp_path / "instance",
    )
    app = create_celery_app(settings)
    yield app
    close_worker_contexts()
    app.close()
    vhost.close()


def test_redis_queue_length_counts_the_prefixed_queue(app, broker):
    assert app.settings.redis_key_prefix  # the test namespace: the prefix must be honoured
    assert queue_length(app, "cpu") == 0  # never used: no list in Redis yet
    for submission_id in (1, 2, 3):
        send_grade_task(app, submission_id, "cpu", {})
    assert broker.submission_ids("cpu") == [1, 2, 3]
    assert queue_length(app, "cpu") == 3
    assert queue_length(app, "gpu") == 0
    send_grade_task(app, 4, "cpu", {})  # the pooled connection still publishes
    assert queue_length(app, "cpu") == 4


def test_amqp_queue_length_counts_ready_messages(amqp_app):
    assert queue_length(amqp_app, "cpu") == 0  # not declared yet: a 404, which means none
    for submission_id in (1, 2):
        send_grade_task(amqp_app, submission_id, "cpu", {})  # declares the queue
    assert queue_length(amqp_app, "cpu") == 2
    assert queue_length(amqp_app, "gpu") == 0
    send_grade_task(amqp_app, 3, "cpu", {})  # the 404 closed only the measuring channel
    assert queue_length(amqp_app, "cpu") == 3


def test_queue_length_uses_no_private_kombu_api():
    source = inspect.getsource(broker_module)
    assert "_size" not in source and "getattr(channel" not in source


def test_the_embedded_broker_is_not_measured(settings):
    app = create_celery_app(settings)
    try:
        assert queue_length(app, "cpu") is None
    finally:
        app.close()


def test_the_visibility_timeout_outlasts_the_longest_task(app):
    settings = app.settings
    longest = task_limits(MAX_TIME_LIMIT_S, settings)["time_limit"]
    assert visibility_timeout(settings) == longest + settings.running_grace_s == 1305.0
    assert app.conf.broker_transport_options["visibility_timeout"] == 1305.0
    # applied where it counts: the channel that keeps the unacknowledged messages
    with app.connection_for_write() as connection:
        assert connection.default_channel.visibility_timeout == 1305.0
        assert connection.default_channel.global_keyprefix == settings.redis_key_prefix


def test_an_explicit_visibility_timeout_wins(service_settings):
    app = create_celery_app(service_settings.replace(visibility_timeout_s=90.0))
    try:
        with app.connection_for_write() as connection:
            assert connection.default_channel.visibility_timeout == 90.0
    finally:
        app.close()
