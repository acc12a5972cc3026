"""What the site adds to the store's accounts (``grader.store.accounts``): log-in that takes
the same time whether or not the account exists, password resets and cohort enrolment.

Reset tokens are random (``secrets.token_urlsafe``) and only their SHA-256 is stored, like
API tokens, so a copy of the database does not let anyone reset a password.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from grader.store import hash_password, user_by_email, verify_password
from grader.store.models import Cohort, CohortMember, PasswordReset, User

# A real hash to check against when the e-mail is unknown, so a failed log-in costs the
# same time whether or not the account exists (no account enumeration by timing).
_DUMMY_HASH = generate_password_hash("not anyone's password", method="scrypt")


class AccountError(ValueError):
    """An account operation was refused; the message is fit to show the user."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _find_user(session: Session, email: str) -> User | None:
    try:
        return user_by_email(session, email)
    except ValueError:  # not an e-mail address at all
        return None


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else ``None``."""
    user = _find_user(session, email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not verify_password(user, password) or not user.is_active:
        return None
    return user


def start_password_reset(session: Session, email: str, ttl_s: int) -> str | None:
    """A one-time reset token for the account with this e-mail (committed), or ``None``."""
    user = _find_user(session, email)
    if user is None or not user.is_active:
        return None
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    session.add(
        PasswordReset(
            user_id=user.id,
            token_hash=_digest(token),
            created_at=now,
            expires_at=now + timedelta(seconds=ttl_s),
        )
    )
    session.commit()
    return token


def valid_reset(session: Session, token: str) -> PasswordReset | None:
    """The unused, unexpired reset row for ``token``, else ``None``."""
    if not token or len(token) > 200:
        return None
    row = session.scalar(select(PasswordReset).where(PasswordReset.token_hash == _digest(token)))
    if row is None or row.used_at is not None or row.expires_at <= datetime.now(UTC):
        return None
    return row


def end_other_sessions(user: User) -> None:
    """Bump the user's session epoch: every session begun before ends at its next request
    (the caller signs the current one in again, with the new epoch)."""
    user.session_epoch = (user.session_epoch or 0) + 1


def finish_password_reset(session: Session, token: str, password: str) -> User:
    """Set a new password with a reset token, which is then used up, and end the user's
    sessions (``end_other_sessions``); commits."""
    row = valid_reset(session, token)
    if row is None:
        raise AccountError(gettext("This reset link is invalid or has expired; ask for a new one."))
    user = session.get(User, row.user_id)
    user.password_hash = hash_password(password)
    end_other_sessions(user)
    row.used_at = datetime.now(UTC)
    session.commit()
    return user


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one and end the user's other sessions
    (commits; the caller signs this one in again); :class:`AccountError` when the current
    password is wrong."""
    if not verify_password(user, current):
        raise AccountError(gettext("The current password is not right; nothing was changed."))
    user.password_hash = hash_password(new)
    end_other_sessions(user)
    session.commit()


def rename(session: Session, user: User, display_name: str) -> None:
    """Set the name shown on the site (commits); :class:`AccountError` when it is blank."""
    name = " ".join(display_name.split())
    if not name:
        raise AccountError(gettext("Enter the name to show on the site."))
    user.display_name = name
    session.commit()


def cohort_by_code(session: Session, code: str) -> Cohort:
    cohort = session.scalar(select(Cohort).where(Cohort.enrolment_code == code.strip()))
    if cohort is None:
        raise AccountError(
            gettext(
                "No cohort has the enrolment code %(code)s; check it with your instructor.",
                code=repr(code.strip()),
            )
        )
    return cohort


def join_cohort(session: Session, user: User, cohort: Cohort) -> bool:
    """Enrol ``user`` in ``cohort`` (committed); ``False`` if already a member."""
    if session.get(CohortMember, (cohort.id, user.id)) is not None:
        return False
    role = "instructor" if user.role in ("instructor", "admin") else "learner"
    session.add(CohortMember(cohort_id=cohort.id, user_id=user.id, role=role))
    session.commit()
    return True


__all__ = [
    "AccountError",
    "authenticate",
    "change_password",
    "cohort_by_code",
    "end_other_sessions",
    "finish_password_reset",
    "join_cohort",
    "start_password_reset",
    "valid_reset",
]
