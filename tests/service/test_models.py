"""The models on SQLite and PostgreSQL: constraints, cascades, UTC times, accounts."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash

from grader.store import accounts
from grader.store.exceptions import DuplicateError, NotFoundError
from grader.store.models import (
    ApiToken,
    Base,
    Cohort,
    CohortMember,
    Submission,
    SubmissionStatus,
    User,
)
from tests.service.factories import add_exercise, add_user


def test_every_table_of_the_design_exists(session):
    tables = set(inspect(session.get_bind()).get_table_names())
    assert {
        "users",
        "api_tokens",
        "password_resets",
        "cohorts",
        "cohort_members",
        "deadlines",
        "exercises",
        "submissions",
        "submission_results",
        "regrade_batches",
        "progress",
        "worker_heartbeats",
    } <= tables


def test_store_and_service_import_neither_flask_nor_webapp():
    code = (
        "import sys, grader.store, grader.service, grader.settings\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'webapp'))\n"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_gradebook_and_map_indexes_exist(session):
    inspector = inspect(session.get_bind())
    submission_indexes = {tuple(ix["column_names"]) for ix in inspector.get_indexes("submissions")}
    assert ("user_id", "exercise_id", "created_at") in submission_indexes
    assert ("status", "created_at") in submission_indexes  # the sweeper's query
    progress_pk = inspector.get_pk_constraint("progress")["constrained_columns"]
    assert progress_pk[0] == "user_id"  # progress by user reads the primary key's prefix


def test_email_is_unique(session):
    add_user(session, "ada@example.org")
    session.add(User(email="ada@example.org", password_hash="x"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_role_is_checked_by_the_database(session):
    session.add(User(email="eve@example.org", password_hash="x", role="superuser"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_times_come_back_timezone_aware_utc(session):
    user = add_user(session)
    moment = datetime(2030, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
    user.created_at = moment.astimezone(tz=UTC)
    session.commit()
    session.expire_all()
    loaded = session.get(User, user.id)
    assert loaded.created_at == moment
    assert loaded.created_at.tzinfo is not None


def test_naive_datetimes_are_refused(session):
    user = add_user(session)
    user.created_at = datetime(2030, 1, 1)
    with pytest.raises(Exception, match="naive datetime"):
        session.commit()


def test_deleting_a_user_deletes_their_tokens_memberships_and_submissions(session):
    user = add_user(session)
    add_exercise(session)
    cohort = Cohort(name="DL 2030", enrolment_code="JOIN-2030")
    session.add(cohort)
    session.commit()
    session.add(CohortMember(cohort_id=cohort.id, user_id=user.id))
    session.add(
        Submission(
            user_id=user.id,
            exercise_id="softmax-cross-entropy",
            exercise_version="v1",
            source="x = 1",
            status=SubmissionStatus.QUEUED,
        )
    )
    session.commit()
    accounts.create_api_token(session, user)
    session.delete(user)
    session.commit()
    for model in (ApiToken, CohortMember, Submission):
        assert session.scalars(select(model)).all() == []


def test_metadata_naming_convention_names_every_constraint():
    for table in Base.metadata.tables.values():
        for constraint in table.constraints:
            assert constraint.name, f"unnamed constraint on {table.name}"


# accounts ----------------------------------------------------------------------------------
def test_create_user_hashes_the_password_with_scrypt(session):
    user = accounts.create_user(
        session, email=" Ada@Example.org ", password="correct horse", role="instructor"
    )
    assert user.email == "ada@example.org"
    assert user.password_hash.startswith("scrypt:")
    assert "correct horse" not in user.password_hash
    assert check_password_hash(user.password_hash, "correct horse")
    assert accounts.verify_password(user, "correct horse")
    assert not accounts.verify_password(user, "wrong")


def test_create_user_refuses_duplicates_bad_roles_and_short_passwords(session):
    accounts.create_user(session, email="ada@example.org", password="long enough")
    with pytest.raises(DuplicateError, match="already exists"):
        accounts.create_user(session, email="ADA@example.org", password="long enough")
    with pytest.raises(ValueError, match="role='root'"):
        accounts.create_user(session, email="b@example.org", password="long enough", role="root")
    with pytest.raises(ValueError, match="at least 8"):
        accounts.create_user(session, email="c@example.org", password="short")
    with pytest.raises(ValueError, match="not an e-mail address"):
        accounts.create_user(session, email="nobody", password="long enough")


def test_api_tokens_are_stored_hashed_and_resolve_to_their_user(session):
    user = add_user(session)
    token = accounts.create_api_token(session, user, "laptop")
    assert token.startswith(accounts.TOKEN_PREFIX) and len(token) > 40
    stored = session.scalars(select(ApiToken)).one()
    assert stored.token_hash == accounts.hash_token(token) != token
    assert stored.last_used_at is None
    now = datetime.now(UTC)
    assert accounts.user_for_token(session, token, now=now).id == user.id
    assert session.scalars(select(ApiToken)).one().last_used_at == now
    assert accounts.user_for_token(session, token + "x") is None
    user.is_active = False
    session.commit()
    assert accounts.user_for_token(session, token) is None


def test_token_for_a_missing_user_is_refused(session):
    with pytest.raises(NotFoundError):
        accounts.create_api_token(session, 12345)


def test_password_reset_expiry_column_round_trips(session):
    from grader.store.models import PasswordReset

    user = add_user(session)
    expires = datetime.now(UTC) + timedelta(hours=1)
    session.add(PasswordReset(user_id=user.id, token_hash="a" * 64, expires_at=expires))
    session.commit()
    session.expire_all()
    assert session.scalars(select(PasswordReset)).one().expires_at == expires
