"""Accounts: users with hashed passwords, and API tokens stored only as their SHA-256.

Passwords are hashed with werkzeug's scrypt (the format the web site checks with
``werkzeug.security.check_password_hash``). An API token is shown once, when it is created;
the database keeps its SHA-256 so a leaked database does not leak usable tokens (a token is
long and random, so a fast hash is enough, unlike a password).

The caller owns the transaction: nothing here commits (new rows are flushed so they have ids).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from grader.store.exceptions import DuplicateError, NotFoundError
from grader.store.models import ROLES, ApiToken, User, utcnow

TOKEN_PREFIX = "dlg_"
MIN_PASSWORD_LENGTH = 8


def normalize_email(email: str) -> str:
    """Trimmed and lower-cased; raise ``ValueError`` for something that is not an address."""
    cleaned = email.strip().lower()
    local, _, domain = cleaned.partition("@")
    if not local or "." not in domain or " " in cleaned:
        raise ValueError(f"email={email!r} is not an e-mail address (expected name@domain.tld)")
    return cleaned


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(
            f"the password has {len(password)} characters; use at least {MIN_PASSWORD_LENGTH}"
        )
    return generate_password_hash(password, method="scrypt")


def verify_password(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalize_email(email)))


def create_user(
    session: Session,
    *,
    email: str,
    password: str,
    role: str = "learner",
    display_name: str = "",
) -> User:
    """Add a user (flushed: it has its id; the caller commits); ``DuplicateError`` when taken."""
    if role not in ROLES:
        raise ValueError(f"role={role!r} is not one of {', '.join(ROLES)}")
    address = normalize_email(email)
    if session.scalar(select(func.count()).select_from(User).where(User.email == address)):
        raise DuplicateError(f"a user with email {address!r} already exists")
    user = User(
        email=address,
        password_hash=hash_password(password),
        role=role,
        display_name=display_name or address.split("@")[0],
    )
    session.add(user)
    session.flush()
    return user


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_api_token(session: Session, user: User | int, name: str = "cli") -> str:
    """Create a token for ``user`` (flushed; the caller commits); return the token, shown once."""
    user_id = user.id if isinstance(user, User) else user
    if session.get(User, user_id) is None:
        raise NotFoundError("user", user_id)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user_id, name=name, token_hash=hash_token(token)))
    session.flush()
    return token


def user_for_token(session: Session, token: str, *, now: datetime | None = None) -> User | None:
    """The active user a token belongs to, or ``None``.

    Records the token's use in ``last_used_at``; the caller commits (or rolls back).
    """
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token.strip())))
    if row is None or not row.user.is_active:
        return None
    row.last_used_at = now or utcnow()
    return row.user


__all__ = [
    "TOKEN_PREFIX",
    "create_api_token",
    "create_user",
    "hash_password",
    "hash_token",
    "normalize_email",
    "user_by_email",
    "user_for_token",
    "verify_password",
]
