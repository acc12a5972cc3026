"""docker-compose.yml is a valid Compose file and wires the service as the design says.

The schema is vendored (no network at test time): ``data/compose-spec.json`` is the Compose
Specification's JSON schema (github.com/compose-spec/compose-spec, ``schema/compose-spec.json``)
as shipped in the docker-compose 1.29.2 wheel on PyPI (``compose/config/compose_spec.json``,
sha256 0dc04bd3...2bac), Apache License 2.0 (``data/compose-spec.LICENSE``).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).with_name("data")
SCHEMA_SHA256 = "0dc04bd346dcfee1b1419628fff79937bbf076925f298f272a2b490e2b112bac"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def schema() -> dict:
    raw = (DATA / "compose-spec.json").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256, "the vendored schema was edited"
    return json.loads(raw)


def test_compose_file_is_valid_against_the_compose_specification(compose, schema):
    validator = jsonschema.Draft201909Validator(schema)
    errors = sorted(validator.iter_errors(compose), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_schema_rejects_a_broken_file(schema):
    broken = {"services": {"web": {"image": "x", "ports": "8000:8000", "helthcheck": {}}}}
    assert list(jsonschema.Draft201909Validator(schema).iter_errors(broken))


def test_every_service_of_the_design_is_there(compose):
    services = compose["services"]
    for name in ("web", "worker-cpu", "worker-gpu", "beat", "redis", "postgres"):
        assert name in services, name


def test_workers_consume_their_queues_and_cpu_workers_scale(compose):
    services = compose["services"]
    assert "--queue cpu" in " ".join(services["worker-cpu"]["command"])
    # no fixed process count: the worker starts one more than its container's CPUs unless
    # DLGRADE_CPU_CONCURRENCY says otherwise
    cpu_command = " ".join(services["worker-cpu"]["command"])
    assert "${DLGRADE_CPU_CONCURRENCY:+--concurrency=${DLGRADE_CPU_CONCURRENCY}}" in cpu_command
    assert "--queue gpu" in " ".join(services["worker-gpu"]["command"])
    for name in ("worker-cpu", "worker-gpu"):
        # --scale needs no fixed container name and no published port
        assert "container_name" not in services[name] and "ports" not in services[name]


def test_gpu_worker_reserves_an_nvidia_device(compose):
    (device,) = compose["services"]["worker-gpu"]["deploy"]["resources"]["reservations"]["devices"]
    assert device["driver"] == "nvidia" and "gpu" in device["capabilities"]


def test_web_runs_the_application_factory_under_gunicorn(compose):
    command = compose["services"]["web"]["command"]
    assert command[0] == "gunicorn" and command[-1] == "webapp:create_app()"


def test_healthchecks_and_ordering(compose):
    services = compose["services"]
    for name in ("web", "worker-cpu", "worker-gpu", "redis", "postgres"):
        assert services[name]["healthcheck"]["test"], name
    for name in ("web", "worker-cpu", "beat"):
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["redis"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_postgres_keeps_its_data_in_a_volume(compose):
    (mount,) = compose["services"]["postgres"]["volumes"]
    volume, _, target = mount.partition(":")
    assert volume in compose["volumes"] and target == "/var/lib/postgresql/data"


def test_settings_come_from_the_environment_and_secrets_have_no_default(compose):
    environment = compose["services"]["web"]["environment"]
    assert environment["DLGRADE_MODE"] == "production"
    assert environment["DLGRADE_BROKER_URL"].startswith("${DLGRADE_BROKER_URL:-redis://redis:")
    assert environment["DLGRADE_DATABASE_URL"].startswith("postgresql+psycopg://")
    # ${VAR:?message} makes compose refuse to start without the secret
    assert re.fullmatch(r"\$\{DLGRADE_SECRET_KEY:\?[^}]+\}", environment["DLGRADE_SECRET_KEY"])
    assert ":?" in compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"]


def test_the_dockerfile_installs_the_project_and_the_health_module_exists():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11", dockerfile, re.MULTILINE)
    assert "pip install ." in dockerfile
    for folder in ("reference", "exercises", "grader", "webapp"):
        assert f"COPY {folder} ./{folder}" in dockerfile
    assert (ROOT / "grader" / "service" / "health.py").is_file()


def test_rabbitmq_is_a_profile_beside_redis(compose):
    rabbitmq = compose["services"]["rabbitmq"]
    assert rabbitmq["profiles"] == ["rabbitmq"]
    assert rabbitmq["healthcheck"]["test"][:2] == ["CMD", "rabbitmq-diagnostics"]
    assert any(mount.endswith(":/var/lib/rabbitmq") for mount in rabbitmq["volumes"])
    assert "redis" not in compose["services"]["redis"].get("profiles", [])  # Redis by default
