"""A password change ends the user's other sessions: the session keeps the epoch it began in
(``User.get_id`` -> ``"<id>:<epoch>"``), a reset or a change bumps ``users.session_epoch``
and the user loader refuses an older epoch. Two clients stand for two browsers."""

from __future__ import annotations

import pytest

from tests.webapp.conftest import PASSWORD
from webapp.auth.accounts import start_password_reset
from webapp.extensions import db

NEW = "a brand new secret"


def signed_in(app, email: str, password: str = PASSWORD):
    """A client logged in through the real form (its session carries the epoch)."""
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert client.get("/curriculum").status_code == 200
    return client


def logged_out(client) -> bool:
    response = client.get("/curriculum")
    return response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_password_reset_ends_the_other_sessions_and_keeps_the_one_that_reset(app, make_user):
    make_user(email="two@example.org")
    laptop, phone = signed_in(app, "two@example.org"), signed_in(app, "two@example.org")
    with app.app_context():
        token = start_password_reset(db.session, "two@example.org", 3600)
        db.session.commit()
    # the reset is done from a third browser (the link in the mail), not signed in
    mail = app.test_client()
    done = mail.post(f"/reset/{token}", data={"password": NEW, "confirm": NEW})
    assert done.status_code == 302
    assert logged_out(laptop) and logged_out(phone)
    assert not logged_out(mail)  # the reset signed this one in, with the new epoch
    assert not logged_out(signed_in(app, "two@example.org", NEW))  # a new log-in works


def test_changing_the_password_in_settings_ends_the_other_sessions_only(app, make_user):
    make_user(email="settings@example.org")
    laptop, phone = signed_in(app, "settings@example.org"), signed_in(app, "settings@example.org")
    change = {"current": PASSWORD, "password": NEW, "confirm": NEW}
    response = laptop.post("/settings/password", data=change, follow_redirects=True)
    assert "logged out everywhere else" in response.get_data(as_text=True)
    assert not logged_out(laptop)
    assert logged_out(phone)


@pytest.mark.parametrize("session_id", ["{id}:7", "{id}:x", "x:0", "{id}:-1"])
def test_a_session_with_a_stale_or_malformed_id_is_anonymous(app, make_user, session_id):
    user = make_user()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id.format(id=user.id)
        session["_fresh"] = True
    assert logged_out(client)


def test_a_session_id_without_an_epoch_counts_as_epoch_zero(app, client, make_user, login):
    user = make_user()
    login(client, user)  # sets the bare "<id>" of a session begun before epochs existed
    assert not logged_out(client)
    with app.app_context():
        db.session.get(type(user), user.id).session_epoch = 1
        db.session.commit()
    assert logged_out(client)
