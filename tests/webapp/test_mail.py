"""Password reset mail through a real SMTP transport: a local aiosmtpd server started by the
test receives the message; the link works once and expires; the link is logged only in the
embedded mode without an SMTP server; a server that cannot be reached is the operator's
problem (logged), and the learner gets the same answer."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from email import message_from_bytes

import pytest
from sqlalchemy import update

from grader.store.models import PasswordReset
from tests.webapp.conftest import free_port
from webapp.auth.mail import MailError, SmtpSettings, send_mail
from webapp.config import Config
from webapp.extensions import db


class Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def smtp_config(controller) -> dict:
    return {
        "SMTP_HOST": controller.hostname,
        "SMTP_PORT": controller.port,
        "SMTP_SECURITY": "none",
        "SMTP_FROM": "dlgrade <no-reply@course.example>",
    }


def test_the_reset_link_arrives_by_mail_and_works_once(app_factory, make_user, smtp_server, caplog):
    controller, inbox = smtp_server
    app = app_factory(**smtp_config(controller))
    make_user(email="dora@example.org")
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        response = client.post("/reset", data={"email": "Dora@Example.org"}, follow_redirects=True)
    assert "a reset link is on its way." in response.get_data(as_text=True)
    assert "/reset/" not in caplog.text  # mailed, not logged
    [(recipients, message)] = inbox.messages
    assert recipients == ["dora@example.org"]
    assert message["Subject"] == "Reset your dlgrade password"
    assert message["From"] == "dlgrade <no-reply@course.example>"
    body = message.get_payload(decode=True).decode()
    assert "within 60 minutes" in body
    path = re.search(r"http://localhost(/reset/\S+)", body).group(1)
    new = {"password": "mailed new secret", "confirm": "mailed new secret"}
    assert client.post(path, data=new).status_code == 302
    assert client.post(path, data=new).headers["Location"].endswith("/reset")  # used up
    fresh = app.test_client()
    logged_in = fresh.post(
        "/login", data={"email": "dora@example.org", "password": new["password"]}
    )
    assert logged_in.status_code == 302


def test_an_expired_link_is_refused(app_factory, make_user, smtp_server):
    controller, inbox = smtp_server
    app = app_factory(**smtp_config(controller))
    make_user(email="eve@example.org")
    client = app.test_client()
    client.post("/reset", data={"email": "eve@example.org"})
    body = inbox.messages[0][1].get_payload(decode=True).decode()
    path = re.search(r"http://localhost(/reset/\S+)", body).group(1)
    with app.app_context():
        db.session.execute(
            update(PasswordReset).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        db.session.commit()
    refused = client.post(path, data={"password": "x" * 10, "confirm": "x" * 10})
    assert refused.headers["Location"].endswith("/reset")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(app_factory, smtp_server):
    controller, inbox = smtp_server
    client = app_factory(**smtp_config(controller)).test_client()
    response = client.post("/reset", data={"email": "ghost@example.org"}, follow_redirects=True)
    assert "a reset link is on its way." in response.get_data(as_text=True)
    assert inbox.messages == []


def test_production_without_smtp_never_logs_the_link(app_factory, make_user, caplog):
    app = app_factory(EMBEDDED=False, SMTP_HOST="")
    make_user(email="fay@example.org")
    with caplog.at_level(logging.INFO):
        response = app.test_client().post("/reset", data={"email": "fay@example.org"})
    assert response.status_code == 302
    assert "/reset/" not in caplog.text
    assert "no SMTP server is configured" in caplog.text


def test_a_server_that_cannot_be_reached_is_logged_for_the_operator(app_factory, make_user, caplog):
    app = app_factory(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port(), SMTP_SECURITY="none")
    make_user(email="gus@example.org")
    with caplog.at_level(logging.ERROR):
        response = app.test_client().post(
            "/reset", data={"email": "gus@example.org"}, follow_redirects=True
        )
    assert "a reset link is on its way." in response.get_data(as_text=True)
    assert "Password reset mail to gus@example.org not sent: cannot send mail" in caplog.text
    with pytest.raises(MailError, match=r"cannot send mail through 127\.0\.0\.1"):
        send_mail(SmtpSettings("127.0.0.1", free_port(), "a@b.org", "none"), "x@y.org", "s", "b")


def test_smtp_settings_are_read_from_the_environment(settings):
    config = Config(settings, env={"DLGRADE_SMTP_HOST": "mail.example.org"})
    assert (config.SMTP_PORT, config.SMTP_SECURITY) == (587, "starttls")
    assert config.SMTP_FROM == "dlgrade <no-reply@mail.example.org>"
    config = Config(
        settings,
        env={"DLGRADE_SMTP_HOST": "m", "DLGRADE_SMTP_SECURITY": "ssl", "DLGRADE_SMTP_PORT": "2465"},
    )
    assert (config.SMTP_PORT, config.SMTP_SECURITY) == (2465, "ssl")
    assert SmtpSettings.from_config(Config(settings, env={}).as_dict()) is None
    with pytest.raises(ValueError, match="DLGRADE_SMTP_SECURITY='tls' must be"):
        Config(settings, env={"DLGRADE_SMTP_HOST": "m", "DLGRADE_SMTP_SECURITY": "tls"})
