"""Fixtures of the web site's tests.

- ``app`` / ``client`` / ``runner``: a site on a fresh SQLite database per test. The database
  is migrated once per session with the real Alembic migrations and the real exercise bank
  synced into it, then copied for each test (a file copy is much faster than migrating).
- ``pg_app``: the same on a fresh PostgreSQL database (cloned from a migrated template, with
  ``tests/postgres.py``), for the tests marked ``service``; skipped when no PostgreSQL server
  answers.
- ``make_user``, ``login``, ``make_submission``: build the data a test needs through the
  store's own functions (``create_user``, ``create_submission``, ``record_grade``).
- ``live_site``: a module-wide site with the real embedded grading worker behind it, for the
  tests that grade for real.
"""

# Over 400 lines: the site's fixtures, each documented above (SQLite, PostgreSQL, browser).

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from grader.core.results import CaseResult, GradeResult
from grader.settings import Settings
from grader.store import (
    create_submission,
    hash_password,
    make_session_factory,
    normalize_email,
    record_grade,
    session_scope,
    sync_exercises,
    upgrade,
)
from grader.store.models import User
from tests.postgres import (
    create_database,
    drop_database,
    url_for,
)
from tests.waiting import wait_for
from webapp import create_app
from webapp.config import TestConfig
from webapp.content import load_served_bank
from webapp.extensions import db

PASSWORD = "correct horse battery"
EXERCISE = "softmax-cross-entropy"
_emails = itertools.count(1)


def _accept_all(_exercise):  # the tests of the site trust the bank; dlgrade validate checks it
    return SimpleNamespace(ok=True, message="")


def prepare_database(url: str) -> None:
    """Migrate a database and sync the shipped bank into it (every exercise served)."""
    upgrade(url)
    sessions = make_session_factory(url)
    try:
        with session_scope(sessions) as session:
            sync_exercises(session, load_served_bank(), validate=_accept_all)
    finally:
        sessions.kw["bind"].dispose()


@pytest.fixture(scope="session")
def template_sqlite(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "dlgrade.sqlite3"
    prepare_database(f"sqlite:///{path}")
    return path


def settings_for(instance: Path, database_url: str | None = None) -> Settings:
    env = {"DLGRADE_LOG_LEVEL": "WARNING"}
    if database_url:
        env["DLGRADE_DATABASE_URL"] = database_url
    return Settings.from_env(env, instance=instance)


@pytest.fixture
def settings(tmp_path, template_sqlite) -> Settings:
    instance = tmp_path / "instance"
    instance.mkdir()
    shutil.copyfile(template_sqlite, instance / "dlgrade.sqlite3")
    return settings_for(instance)


def _app_for(settings: Settings, **overrides):
    config = TestConfig(settings)
    for key, value in overrides.items():
        setattr(config, key, value)
    app = create_app(config)
    return app


@pytest.fixture
def app_factory(settings) -> Iterator[Callable[..., object]]:
    """Build an app on this test's database with some config changed (CSRF, limits...)."""
    built = []

    def build(**overrides):
        app = _app_for(settings, **overrides)
        built.append(app)
        return app

    yield build
    for app in built:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(app_factory):
    return app_factory()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# --- PostgreSQL (tests/postgres.py) ----------------------------------------------------------


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> Iterator[str]:
    """A PostgreSQL database migrated and synced once per session, copied by ``pg_settings``."""
    name = create_database(pg_server, prefix="dlgrade_tpl")
    try:
        prepare_database(url_for(name, pg_server))
        yield name
    finally:
        drop_database(pg_server, name)


@pytest.fixture
def pg_settings(tmp_path, pg_server: str, pg_template: str) -> Iterator[Settings]:
    """Settings on a fresh PostgreSQL copy of ``pg_template``, dropped after the test."""
    name = create_database(pg_server, template=pg_template, prefix="dlgrade_t")
    instance = tmp_path / "instance"
    instance.mkdir()
    try:
        yield settings_for(instance, url_for(name, pg_server))
    finally:
        drop_database(pg_server, name)


@pytest.fixture
def pg_app(pg_settings):
    app = _app_for(pg_settings)
    yield app
    with app.app_context():
        db.engine.dispose()


# --- data -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def make_user(app, password_hash) -> Callable[..., User]:
    """``make_user(role="learner", email=None)`` -> a committed user with ``PASSWORD``.

    The scrypt hash of ``PASSWORD`` is computed once per session (it is deliberately slow);
    ``create_user`` itself is exercised by the sign-up tests.
    """

    def make(role: str = "learner", email: str | None = None, **kwargs) -> User:
        email = email or f"{role}{next(_emails)}@example.org"
        with app.app_context():
            user = User(
                email=normalize_email(email),
                password_hash=password_hash,
                role=role,
                display_name=kwargs.pop("display_name", email.split("@")[0]),
                **kwargs,
            )
            db.session.add(user)
            db.session.commit()
            db.session.expunge(user)
            return user

    return make


def log_in(client, user: User) -> None:
    """Sign ``client`` in as ``user`` without the password round trip."""
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True


@pytest.fixture
def login():
    return log_in


def result_document(
    status: str = "failed",
    *,
    cases: list[CaseResult] | None = None,
    exercise: str = EXERCISE,
    output: str = "",
    traceback: str | None = None,
) -> dict:
    """A result document as the engine writes it (``GradeResult.to_dict()``)."""
    if cases is None:
        cases = [
            CaseResult("small batch", "a 3x4 batch", 2.0, 2.0, True, False, "ok"),
            CaseResult(
                "large logits",
                "logits up to 1e4",
                0.0,
                3.0,
                False,
                False,
                "loss: expected 0.417, got nan",
                detail={"error_map": [[0.0, 0.5], [2.0, "inf"]]},
            ),
            CaseResult(
                "hidden batch",
                "a random batch\nsecond line never shown",
                0.0,
                5.0,
                False,
                True,
                "SECRET hidden message: expected 1.234 at (7, 3)",
                detail={"error_map": [[9.0]], "inputs": "SECRET"},
            ),
        ]
    score = sum(c.points for c in cases)
    max_score = sum(c.max_points for c in cases)
    result = GradeResult(
        exercise=exercise,
        version="v1",
        status=status,
        score=score,
        max_score=max_score,
        seed=12345,
        cases=cases,
        output=output,
        traceback=traceback,
        runner="cpu",
        device="cpu",
        grader_version="test",
    )
    return result.to_dict()


@pytest.fixture
def instructor(make_user) -> User:
    """An instructor (role ``instructor``) named Ines Instructor."""
    return make_user("instructor", display_name="Ines Instructor")


@pytest.fixture
def make_submission(app) -> Callable[..., int]:
    """``make_submission(user, source=..., result=...)`` -> the id of a submission, graded
    with ``result`` (a result document) unless ``result`` is None (then left queued)."""

    def make(
        user: User,
        *,
        exercise: str = EXERCISE,
        source: str = "def softmax_cross_entropy(logits, labels):\n    return 0.0\n",
        filename: str = "submission.py",
        result: dict | str | None = "default",
        now=None,
    ) -> int:
        with app.app_context():
            submission = create_submission(
                db.session,
                user_id=user.id,
                exercise_id=exercise,
                source=source,
                filename=filename,
                now=now,
            )
            if result == "default":
                result = result_document()
            if result is not None:
                record_grade(db.session, submission.id, result, worker="test", runner="cpu")
            db.session.commit()
            return submission.id

    return make


@contextlib.contextmanager
def counting_statements(app) -> Iterator[list[str]]:
    """``with counting_statements(app) as statements: ...`` collects the SQL statements that
    ``app``'s engine sends while the block runs (SQLite or PostgreSQL alike)."""
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def statements_per_get(app, client, path: str) -> int:
    """How many SQL statements one ``GET path`` costs; the page must answer 200."""
    with counting_statements(app) as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(statements)


# --- a running `dlgrade serve` ----------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
DLGRADE = shutil.which("dlgrade") or str(Path(sys.executable).with_name("dlgrade"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def small_bank(folder: Path, *exercise_ids: str) -> Path:
    """A bank folder with only some exercises of the shipped one (validating fewer is faster)."""
    shipped = load_served_bank()
    for exercise_id in exercise_ids:
        exercise = shipped[exercise_id]
        shutil.copytree(
            exercise.path,
            folder / exercise.module / exercise.id,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    shutil.copy(shipped.root / "modules.toml", folder / "modules.toml")  # the course's modules
    return folder


@dataclass
class ServedSite:
    url: str
    instance: Path
    env: dict[str, str]
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def dlgrade(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [DLGRADE, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )

    def demo_password(self, role: str) -> str:
        match = re.search(rf"demo {role}\s+\S+\s+password: (\S+)", self.output)
        assert match, self.output
        return match.group(1)


@contextlib.contextmanager
def serve_site(root: Path, *exercise_ids: str) -> Iterator[ServedSite]:
    """Run ``dlgrade serve`` (site + embedded worker) on a free loopback port."""
    bank = small_bank(root / "bank", *exercise_ids)
    instance = root / "instance"
    port = free_port()
    env = {
        **os.environ,
        "DLGRADE_EXERCISES": str(bank),
        "DLGRADE_INSTANCE": str(instance),
        "DLGRADE_LOG_LEVEL": "INFO",
        "XDG_CONFIG_HOME": str(root / "config"),
        "PYTHONUNBUFFERED": "1",
    }
    for name in (
        "DLGRADE_DATABASE_URL",
        "DLGRADE_BROKER_URL",
        "DLGRADE_MODE",
        "DLGRADE_SERVER",
        "DLGRADE_TOKEN",
    ):
        env.pop(name, None)
    if os.environ.get("DLGRADE_TEST_BROKER_URL"):  # e.g. redis://localhost:6379/15
        env["DLGRADE_BROKER_URL"] = os.environ["DLGRADE_TEST_BROKER_URL"]
    process = subprocess.Popen(
        [DLGRADE, "serve", "--host", "127.0.0.1", "--port", str(port), "--instance", str(instance)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        cwd=root,
    )
    site = ServedSite(f"http://127.0.0.1:{port}", instance, env, process)
    reader = threading.Thread(target=lambda: site.lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        wait_for(
            lambda: "Press Ctrl-C to stop." in site.output or process.poll() is not None,
            timeout=240,
        )
        assert process.poll() is None, site.output
        wait_for(lambda: _answers(site.url), timeout=30)
        yield site
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # Ctrl-C: the site stops its worker
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        worker = re.search(r"grading worker pid (\d+)", site.output)
        if worker:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(int(worker.group(1)), signal.SIGKILL)


def _answers(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url + "/login", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False
