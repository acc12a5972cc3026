"""Settings from the environment: embedded defaults, production refusals."""

from __future__ import annotations

import stat

import pytest

from grader.settings import Settings, SettingsError


def test_embedded_defaults_live_in_the_instance_folder(tmp_path):
    settings = Settings.from_env({}, instance=tmp_path / "inst")
    instance = (tmp_path / "inst").resolve()
    assert settings.mode == "embedded" and not settings.production
    assert settings.database_url == f"sqlite:///{instance / 'dlgrade.sqlite3'}"
    assert settings.broker_url == f"sqla+sqlite:///{instance / 'broker.sqlite3'}"
    assert settings.embedded_broker
    assert settings.isolation == "best-effort"
    assert settings.result_backend is None


def test_instance_comes_from_the_option_then_the_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Settings.from_env({}).instance_path == (tmp_path / "instance").resolve()
    env = {"DLGRADE_INSTANCE": str(tmp_path / "from-env")}
    assert Settings.from_env(env).instance_path == (tmp_path / "from-env").resolve()
    assert Settings.from_env(env, instance=tmp_path / "opt").instance_path == (
        (tmp_path / "opt").resolve()
    )


def test_embedded_secret_key_is_generated_once_and_private(tmp_path):
    first = Settings.from_env({}, instance=tmp_path)
    second = Settings.from_env({}, instance=tmp_path)
    assert len(first.secret_key) == 64 and first.secret_key == second.secret_key
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600
    assert first.secret_key not in repr(first)


def test_explicit_secret_key_wins_and_writes_nothing(tmp_path):
    settings = Settings.from_env({"DLGRADE_SECRET_KEY": "s3cret"}, instance=tmp_path)
    assert settings.secret_key == "s3cret"
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_to_start_without_secrets_or_servers(tmp_path):
    with pytest.raises(SettingsError) as error:
        Settings.from_env({"DLGRADE_MODE": "production"}, instance=tmp_path)
    message = str(error.value)
    for name in ("DLGRADE_SECRET_KEY", "DLGRADE_DATABASE_URL", "DLGRADE_BROKER_URL"):
        assert name in message
    assert not (tmp_path / "secret_key").exists()


def test_production_settings(tmp_path):
    env = {
        "DLGRADE_MODE": "production",
        "DLGRADE_SECRET_KEY": "k",
        "DLGRADE_DATABASE_URL": "postgresql+psycopg://db/dlgrade",
        "DLGRADE_BROKER_URL": "redis://redis:6379/0",
        "DLGRADE_MAX_ATTEMPTS": "5",
        "DLGRADE_SWEEP_INTERVAL_S": "2.5",
    }
    settings = Settings.from_env(env, instance=tmp_path)
    assert settings.production and settings.isolation == "strict"
    assert settings.max_attempts == 5 and settings.sweep_interval_s == 2.5
    assert not settings.embedded_broker


@pytest.mark.parametrize(
    ("name", "value", "match"),
    [
        ("DLGRADE_MODE", "cloud", "DLGRADE_MODE='cloud'"),
        ("DLGRADE_ISOLATION", "none", "DLGRADE_ISOLATION='none'"),
        ("DLGRADE_MAX_ATTEMPTS", "many", "DLGRADE_MAX_ATTEMPTS='many' is not a valid int"),
        ("DLGRADE_HEARTBEAT_TTL_S", "-1", "must not be negative"),
        ("DLGRADE_MAX_ATTEMPTS", "2", "must be greater than DLGRADE_TASK_MAX_RETRIES=3"),
    ],
)
def test_malformed_values_name_the_variable(tmp_path, name, value, match):
    with pytest.raises(SettingsError, match=match):
        Settings.from_env({name: value}, instance=tmp_path)


def test_to_env_round_trips(tmp_path):
    env = {"DLGRADE_QUEUED_DEADLINE_S": "42", "DLGRADE_REDIS_KEY_PREFIX": "t:"}
    settings = Settings.from_env(env, instance=tmp_path)
    assert Settings.from_env(settings.to_env()) == settings
