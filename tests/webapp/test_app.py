"""The application factory and its configuration."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from grader.settings import Settings, SettingsError
from tests.webapp.conftest import EXERCISE, PASSWORD, log_in
from webapp import create_app
from webapp.config import Config, TestConfig


def test_create_app_reads_the_environment_like_gunicorn_does(monkeypatch, tmp_path):
    monkeypatch.setenv("DLGRADE_INSTANCE", str(tmp_path / "inst"))
    monkeypatch.setenv("DLGRADE_SUBMIT_RATE_LIMIT", "5 per minute")
    monkeypatch.setenv("DLGRADE_MAX_UPLOAD_BYTES", "4096")
    for name in (
        "DLGRADE_DATABASE_URL",
        "DLGRADE_BROKER_URL",
        "DLGRADE_MODE",
        "DLGRADE_SECRET_KEY",
        "DLGRADE_RATELIMIT_STORAGE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    app = create_app()  # what `gunicorn 'webapp:create_app()'` calls
    assert app.config["SUBMIT_RATE_LIMIT"] == "5 per minute"
    assert app.config["MAX_CONTENT_LENGTH"] == 4096
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert app.config["DATABASE_URL"].endswith("inst/dlgrade.sqlite3")
    assert len(app.config["SECRET_KEY"]) == 64  # generated into the instance folder
    assert (tmp_path / "inst" / "secret_key").read_text().strip() == app.config["SECRET_KEY"]


def test_production_needs_its_secrets_and_shares_rate_limits_through_redis(tmp_path):
    with pytest.raises(SettingsError, match="DLGRADE_SECRET_KEY"):
        Config(env={"DLGRADE_MODE": "production", "DLGRADE_INSTANCE": str(tmp_path)})
    env = {
        "DLGRADE_MODE": "production",
        "DLGRADE_INSTANCE": str(tmp_path),
        "DLGRADE_SECRET_KEY": "s" * 40,
        "DLGRADE_DATABASE_URL": "postgresql+psycopg://db/dlgrade",
        "DLGRADE_BROKER_URL": "redis://redis:6379/0",
    }
    assert Config(env=env).RATELIMIT_STORAGE_URI == "redis://redis:6379/0"
    env["DLGRADE_RATELIMIT_STORAGE_URL"] = "redis://limits:6379/3"
    config = Config(env=env)
    assert config.RATELIMIT_STORAGE_URI == "redis://limits:6379/3"
    assert config.EMBEDDED is False


def test_two_apps_in_one_process_keep_their_own_databases(settings, tmp_path, template_sqlite):
    import shutil

    other_instance = tmp_path / "other"
    other_instance.mkdir()
    shutil.copyfile(template_sqlite, other_instance / "dlgrade.sqlite3")
    first = create_app(TestConfig(settings))
    second = create_app(TestConfig(Settings.from_env({}, instance=other_instance)))
    from grader.store.models import User
    from webapp.extensions import db

    with first.app_context():
        db.session.add(User(email="only@first.org", password_hash="x"))
        db.session.commit()
    with second.app_context():
        assert db.session.scalars(select(User)).all() == []
    for app in (first, second):
        with app.app_context():
            db.engine.dispose()


def test_unknown_pages_are_404_pages_and_json_under_the_api(client):
    page = client.get("/nope")
    assert page.status_code == 404 and b"Back to the start page" in page.data
    api = client.get("/api/v1/nope")
    assert api.status_code == 404 and api.is_json


@pytest.mark.service
def test_sign_up_submit_and_read_a_result_on_postgresql(pg_app):
    from grader.store.models import Submission
    from tests.webapp.conftest import result_document
    from webapp.extensions import db

    client = pg_app.test_client()
    data = {"email": "pg@example.org", "name": "Pg", "password": PASSWORD, "confirm": PASSWORD}
    assert client.post("/signup", data=data).status_code == 302
    response = client.post(f"/exercises/{EXERCISE}/submit", data={"source": "x = 1\n"})
    assert response.status_code == 303
    with pg_app.app_context():
        from grader.store import record_grade

        submission = db.session.scalars(select(Submission)).one()
        record_grade(db.session, submission.id, result_document(), worker="t", runner="cpu")
        db.session.commit()
        user = submission.user
        db.session.expunge(user)
    page = client.get(f"/submissions/{submission.id}").get_data(as_text=True)
    assert "loss: expected 0.417, got nan" in page
    assert 'data-status="attempted"' in client.get("/curriculum").get_data(as_text=True)
    other = pg_app.test_client()
    log_in(other, user)
    assert other.get("/progress").status_code == 200
