"""Accounts: sign up, log in and out, password reset, cohorts, API tokens."""

from __future__ import annotations

import logging
import re

from sqlalchemy import select

from grader.store.models import ApiToken, Cohort, CohortMember, User
from tests.webapp.conftest import PASSWORD
from webapp.extensions import db


def signup(client, email="ada@example.org", password="s3cret-pass", **extra):
    data = {"email": email, "name": "Ada", "password": password, "confirm": password, **extra}
    return client.post("/signup", data=data)


def test_signup_creates_a_learner_with_a_scrypt_hash_and_logs_in(app, client):
    response = signup(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/curriculum")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "ada@example.org"))
        assert user.role == "learner"
        assert user.password_hash.startswith("scrypt:")
        assert "s3cret-pass" not in user.password_hash
    page = client.get("/curriculum")
    assert page.status_code == 200
    assert b"Welcome, Ada!" in page.data
    assert b"Where to start" in page.data


def test_signup_refuses_a_taken_email_and_mismatched_passwords(client, make_user):
    make_user(email="taken@example.org")
    response = signup(client, email="Taken@Example.org")
    assert response.status_code == 400
    assert b"already exists" in response.data
    response = client.post(
        "/signup",
        data={"email": "x@example.org", "name": "X", "password": "abcdefgh", "confirm": "zzz"},
    )
    assert response.status_code == 400
    assert b"The two passwords differ." in response.data


def test_signup_refuses_short_passwords_and_bad_addresses(client):
    assert b"at least 8" in signup(client, password="short").data
    assert b"e-mail address like" in signup(client, email="not-an-address").data


def test_signup_with_an_enrolment_code_joins_the_cohort(app, client):
    with app.app_context():
        db.session.add(Cohort(name="Spring 2025", enrolment_code="SPRING-25"))
        db.session.commit()
    assert signup(client, enrolment_code="NOPE").status_code == 400
    response = signup(client, enrolment_code="SPRING-25")
    assert response.status_code == 302
    with app.app_context():
        members = db.session.scalars(select(CohortMember)).all()
        assert len(members) == 1 and members[0].role == "learner"


def test_login_and_logout(client, make_user):
    user = make_user(email="bob@example.org")
    bad = client.post("/login", data={"email": "bob@example.org", "password": "wrong-one"})
    assert bad.status_code == 401
    assert b"do not match" in bad.data
    unknown = client.post("/login", data={"email": "nobody@example.org", "password": "whatever"})
    assert unknown.status_code == 401
    assert unknown.data.count(b"do not match") == 1  # same answer: no account enumeration
    ok = client.post("/login", data={"email": "BOB@example.org", "password": PASSWORD})
    assert ok.status_code == 302
    assert client.get("/curriculum").status_code == 200
    assert user.display_name.encode() in client.get("/curriculum").data
    out = client.post("/logout")
    assert out.status_code == 302
    assert client.get("/curriculum").status_code == 302


def test_login_redirects_only_to_local_next_urls(client, make_user):
    make_user(email="eve@example.org")
    data = {"email": "eve@example.org", "password": PASSWORD}
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post(f"/login?next={target}", data=data)
        assert response.headers["Location"] == "/curriculum", target
        client.post("/logout")
    response = client.post("/login?next=/progress", data=data)
    assert response.headers["Location"] == "/progress"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/curriculum")
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]


def test_password_reset_writes_the_link_to_the_log_and_works_once(app, client, make_user, caplog):
    make_user(email="carol@example.org")
    with caplog.at_level(logging.WARNING, logger=app.logger.name):
        response = client.post("/reset", data={"email": "carol@example.org"})
    assert response.status_code == 302
    link = re.search(r"http://localhost(/reset/\S+)", caplog.text)
    assert link, caplog.text
    path = link.group(1)
    assert client.get(path).status_code == 200
    new = {"password": "brand-new-pass", "confirm": "brand-new-pass"}
    assert client.post(path, data=new).status_code == 302
    client.post("/logout")
    # the link is used up, the new password works and the old one does not
    assert client.get(path).status_code == 302
    login = client.post("/login", data={"email": "carol@example.org", "password": PASSWORD})
    assert login.status_code == 401
    login = client.post("/login", data={"email": "carol@example.org", "password": new["password"]})
    assert login.status_code == 302


def test_password_reset_for_an_unknown_address_says_the_same(client, caplog):
    response = client.post("/reset", data={"email": "ghost@example.org"}, follow_redirects=True)
    assert b"If an account has that e-mail address" in response.data
    assert "/reset/" not in caplog.text


def test_a_bogus_reset_token_is_refused(client):
    response = client.get("/reset/not-a-real-token")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/reset")


def test_join_a_cohort_from_settings(app, client, make_user, login):
    user = make_user()
    login(client, user)
    with app.app_context():
        db.session.add(Cohort(name="Autumn", enrolment_code="AUT-1", max_attempts_per_hour=3))
        db.session.commit()
    wrong = client.post("/join", data={"code": "AUT-2"})
    assert wrong.status_code == 400
    assert b"No cohort has the enrolment code" in wrong.data
    assert client.post("/join", data={"code": " AUT-1 "}).status_code == 302
    assert b"Autumn" in client.get("/settings").data
    again = client.post("/join", data={"code": "AUT-1"}, follow_redirects=True)
    assert b"already in Autumn" in again.data


def test_settings_creates_shows_once_and_revokes_api_tokens(app, client, make_user, login):
    user = make_user()
    login(client, user)
    page = client.post("/settings/tokens", data={"name": "laptop"})
    assert page.status_code == 200
    token = re.search(rb'data-testid="new-token">(dlg_[^<]+)<', page.data).group(1).decode()
    assert token.encode() not in client.get("/settings").data  # shown once
    api = client.get("/api/v1/progress", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    with app.app_context():
        row = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
        assert row.name == "laptop" and token not in row.token_hash
    assert client.post(f"/settings/tokens/{row.id}/revoke").status_code == 302
    api = client.get("/api/v1/progress", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401


def test_nobody_revokes_anothers_token(app, client, make_user, login):
    owner, other = make_user(), make_user()
    client_owner = app.test_client()
    login(client_owner, owner)
    client_owner.post("/settings/tokens", data={"name": "mine"})
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id).where(ApiToken.user_id == owner.id))
    login(client, other)
    assert client.post(f"/settings/tokens/{token_id}/revoke").status_code == 404
    with app.app_context():
        assert db.session.get(ApiToken, token_id) is not None


def test_a_learner_changes_their_display_name(app, client, make_user, login):
    user = make_user(display_name="Ada")
    login(client, user)
    page = client.get("/settings").get_data(as_text=True)
    assert 'value="Ada"' in page and "Change your password" in page
    done = client.post("/settings/profile", data={"name": "  Ada   Lovelace "})
    assert done.status_code == 302
    assert "Ada Lovelace" in client.get("/settings").get_data(as_text=True)
    blank = client.post("/settings/profile", data={"name": "   "})
    assert blank.status_code == 400
    with app.app_context():
        assert db.session.get(User, user.id).display_name == "Ada Lovelace"


def test_a_learner_changes_their_password_with_the_current_one(app, client, make_user, login):
    user = make_user(email="pw@example.org")
    login(client, user)
    new = {"current": PASSWORD, "password": "a brand new secret", "confirm": "a brand new secret"}
    wrong = client.post("/settings/password", data={**new, "current": "not it at all"})
    assert wrong.status_code == 400
    assert "The current password is not right" in wrong.get_data(as_text=True)
    short = client.post("/settings/password", data={**new, "password": "x", "confirm": "x"})
    assert short.status_code == 400 and "at least 8 characters" in short.get_data(as_text=True)
    differ = client.post("/settings/password", data={**new, "confirm": "something else"})
    assert differ.status_code == 400 and "The two passwords differ" in differ.get_data(as_text=True)
    assert client.post("/settings/password", data=new).status_code == 302
    fresh = app.test_client()
    old = fresh.post("/login", data={"email": "pw@example.org", "password": PASSWORD})
    assert old.status_code == 401
    ok = fresh.post("/login", data={"email": "pw@example.org", "password": "a brand new secret"})
    assert ok.status_code == 302
    anonymous = app.test_client()
    assert anonymous.post("/settings/password", data=new).status_code == 302  # to the log-in
