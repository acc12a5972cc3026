"""Sending e-mail (password reset links) through a real SMTP server, with :mod:`smtplib`.

Configured by ``DLGRADE_SMTP_*`` (see :mod:`webapp.config`). Without ``DLGRADE_SMTP_HOST``
the site sends no mail: in the embedded mode the reset link is logged for the operator (the
console where ``dlgrade serve`` runs); in production it is not written anywhere.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

SECURITY_MODES = ("starttls", "ssl", "none")


class MailError(RuntimeError):
    """The SMTP server could not be reached or refused the message (the operator's problem)."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    security: str = "starttls"
    username: str = ""
    password: str = ""
    timeout_s: float = 10.0

    @classmethod
    def from_config(cls, config: Any) -> SmtpSettings | None:
        """The settings from a Flask config's ``SMTP_*`` keys; ``None`` without a host."""
        if not config.get("SMTP_HOST"):
            return None
        return cls(
            host=config["SMTP_HOST"],
            port=int(config["SMTP_PORT"]),
            sender=config["SMTP_FROM"],
            security=config["SMTP_SECURITY"],
            username=config.get("SMTP_USERNAME") or "",
            password=config.get("SMTP_PASSWORD") or "",
        )


def send_mail(settings: SmtpSettings, to: str, subject: str, body: str) -> None:
    """Send one plain-text message; :class:`MailError` when it cannot be delivered."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2].strip("> "))
    message.set_content(body)
    connect = smtplib.SMTP_SSL if settings.security == "ssl" else smtplib.SMTP
    kwargs: dict[str, Any] = {"timeout": settings.timeout_s}
    if settings.security == "ssl":
        kwargs["context"] = ssl.create_default_context()
    try:
        with connect(settings.host, settings.port, **kwargs) as server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.username:
                server.login(settings.username, settings.password)
            server.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(
            f"cannot send mail through {settings.host}:{settings.port} ({settings.security}): {exc}"
        ) from exc


__all__ = ["SECURITY_MODES", "MailError", "SmtpSettings", "send_mail"]
