"""The web site under load on PostgreSQL: the curriculum map, a result page, the gradebook.

    .venv/bin/python bench/web_load.py [--learners 1000] [--submissions 200000]
        [--concurrency 4] [--requests 400] [--seconds 30] [--workers 4]
        [--worker-class sync | gthread --threads 4] [--keep | --reuse NAME]

1. Creates a scratch database on 127.0.0.1:5432 (user ``postgres``), migrates it, syncs the
   bank and adds rows for the curriculum's exercises not written yet (58 in all).
2. Seeds it with COPY in two steps: a tenth of the learners and submissions first, then the
   rest (1,000 learners in one cohort with deadlines and a late penalty, 200,000 graded
   submissions with result documents, their progress rows; what instructors grant: scores
   set by hand with their history, deadline extensions, comments). At both sizes it counts
   the SQL statements each page costs (in-process, with a ``before_cursor_execute``
   listener).
3. Serves the site with gunicorn on a loopback port, in its own process group, as the
   Dockerfile and docker-compose.yml deploy it: 4 sync workers (one request at a time each,
   the connection closed after it). ``--worker-class gthread`` keeps connections alive
   instead: each client then stays with the worker that took its connection, and four
   clients on two workers split 2/2, 3/1 or 4/0 by chance, once per page.
4. A second process per page logs in (real log-in forms, CSRF included) and drives bounded
   load: for each page, ``--concurrency`` keep-alive clients, at most ``--requests`` requests and
   ``--seconds`` seconds; then downloads the gradebook CSV of all learners a few times.
5. Prints p50/p95 per page with each gunicorn worker's CPU during that page's load, the CSV
   times, the query counts, and how fast the machine ran before and after the load
   (``cpu_usage.speed_probe``); drops the database (``--keep`` keeps it; ``--reuse NAME``
   runs only the load against a kept one).

Goals: p95 < 50 ms for the map and a result page, the CSV of 1,000 learners < 2 s, the same
number of queries at both data sizes. The ``submission_results`` history is not seeded (no
measured page reads it).
"""

# Over 400 lines: a self-contained benchmark (seeding by COPY, a server, a load driver).

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
PASSWORD = "bench password 1"
COHORT = "Bench cohort"
INSTRUCTOR = "instructor@bench.example"
PENALTY_PER_DAY = 0.05
PAGES = ("map", "result", "gradebook")
START = datetime(2030, 1, 6, 9, 0, tzinfo=UTC)  # the course starts; module k is due k weeks on
SOURCE = '''import numpy as np


def solution(x, y):
    """Attempt {n}: a learner's code, about as long as a typical answer."""
    shifted = x - x.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(y)), y].mean())
'''


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


# --- the database ---------------------------------------------------------------------------


def admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(sql)


@contextmanager
def scratch_database(keep: bool):
    name = f"dlgrade_bench_{uuid.uuid4().hex[:8]}"
    admin(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        if not keep:
            admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            print(f"dropped database {name}")


def result_documents() -> dict[tuple[str, int], str]:
    """Result documents as the engine writes them, by (status, score out of 10), as JSON."""
    from grader.core.results import CaseResult, GradeResult

    documents = {}
    for score in range(0, 11, 2):
        cases = [
            CaseResult(
                "small batch",
                "a 3x4 batch",
                2.0 if score >= 2 else 0.0,
                2.0,
                score >= 2,
                False,
                "ok" if score >= 2 else "loss: expected 1.417, got nan",
            ),
            CaseResult(
                "gradient",
                "the gradient of a 4x5 batch",
                3.0 if score >= 6 else 0.0,
                3.0,
                score >= 6,
                False,
                "ok"
                if score >= 6
                else "gradient: values differ; worst at (2, 3): "
                "expected 0.0312, got 0.156 (error 0.125)",
                detail={"error_map": [[0.0, 0.01, 0.02], [0.0, 0.125, 0.0]]},
            ),
            CaseResult(
                "hidden batch",
                "a random batch",
                5.0 if score >= 10 else 0.0,
                5.0,
                score >= 10,
                True,
                "hidden",
            ),
        ]
        status = "passed" if score == 10 else "failed"
        document = GradeResult(
            exercise="bench",
            version="v1",
            status=status,
            score=float(score),
            max_score=10.0,
            seed=1234,
            cases=cases,
            output="epoch 1: loss 0.69\n",
            runner="cpu",
            device="cpu",
            grader_version="bench",
        ).to_dict()
        documents[(status, score)] = json.dumps(document)
    return documents


def prepare(url: str) -> list[tuple[str, str]]:
    """Migrate, sync the bank, and add the curriculum's missing exercises; return the
    published (id, module) in course order."""
    from types import SimpleNamespace

    from sqlalchemy import select

    from grader.core.bank import load_bank
    from grader.store import make_session_factory, session_scope, sync_exercises, upgrade
    from grader.store.models import ExerciseRow
    from webapp.content import load_served_bank

    sys.path.insert(0, str(REPO))
    from tests.curriculum import entries

    upgrade(url)
    sessions = make_session_factory(url)
    with session_scope(sessions) as session:
        sync_exercises(
            session, load_served_bank(), validate=lambda _: SimpleNamespace(ok=True, message="")
        )
        known = set(session.scalars(select(ExerciseRow.id)))
        for order, entry in enumerate(entries()):
            if entry.exercise not in known:  # not written yet: a row so the map has all 58
                session.add(
                    ExerciseRow(
                        id=entry.exercise,
                        title=entry.exercise.replace("-", " "),
                        module=entry.module,
                        order=100 + order,
                        version="bench",
                        validated=True,
                    )
                )
    with session_scope(sessions) as session:
        rows = session.execute(select(ExerciseRow.id, ExerciseRow.module, ExerciseRow.order)).all()
    sessions.kw["bind"].dispose()
    order = {m.slug: i for i, m in enumerate(load_bank().modules)}
    rows.sort(key=lambda r: (order.get(r.module, 99), r.order, r.id))
    return [(r.id, r.module) for r in rows]


# Over 60 lines: one COPY per table, in the order their keys need.
def seed(url: str, exercises, first: int, learners: int, submissions: int, password_hash: str):
    """Add learners ``first .. first+learners-1`` and ``submissions`` graded submissions."""
    import psycopg

    from grader.core.bank import load_bank

    rng = random.Random(first)
    documents = result_documents()
    slugs = [m.slug for m in load_bank().modules]
    due = {slug: START + timedelta(weeks=k + 1) for k, slug in enumerate(slugs)}
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection, connection.cursor() as cursor:
        cohort_id = cursor.execute("SELECT id FROM cohorts WHERE name = %s", (COHORT,)).fetchone()
        if cohort_id is None:
            cohort_id = cursor.execute(
                "INSERT INTO cohorts (name, enrolment_code, late_policy, penalty_per_day, "
                "max_attempts_per_hour, created_at) VALUES (%s, 'BENCH', 'per_day', %s, NULL, "
                "now()) RETURNING id",
                (COHORT, PENALTY_PER_DAY),
            ).fetchone()
            cursor.execute(
                "INSERT INTO users (email, password_hash, role, display_name, is_active, "
                "created_at) VALUES (%s, %s, 'instructor', 'Bench instructor', true, now())",
                (INSTRUCTOR, password_hash),
            )
            with cursor.copy("COPY deadlines (cohort_id, module, due_at) FROM STDIN") as copy:
                for slug, at in due.items():
                    copy.write_row((cohort_id[0], slug, at))
        cohort_id = cohort_id[0]
        with cursor.copy(
            "COPY users (email, password_hash, role, display_name, is_active, "
            "created_at) FROM STDIN"
        ) as copy:
            for i in range(first, first + learners):
                copy.write_row(
                    (
                        f"learner{i}@bench.example",
                        password_hash,
                        "learner",
                        f"Learner {i:04d}",
                        True,
                        START,
                    )
                )
        ids = [
            row[0]
            for row in cursor.execute(
                "SELECT id FROM users WHERE email LIKE 'learner%%@bench.example' ORDER BY id "
                "OFFSET %s",
                (first,),
            )
        ]
        with cursor.copy(
            "COPY cohort_members (cohort_id, user_id, role, joined_at) FROM STDIN"
        ) as copy:
            for user_id in ids:
                copy.write_row((cohort_id, user_id, "learner", START))
        per_learner = submissions // len(ids)
        columns = (
            "user_id, exercise_id, exercise_version, source, filename, status, score, "
            "max_score, result, created_at, finished_at, attempts, late_days, runner"
        )
        with cursor.copy(f"COPY submissions ({columns}) FROM STDIN") as copy:
            for user_id in ids:
                reach = rng.randint(8, len(exercises))  # how far into the course they got
                for n in range(per_learner):
                    exercise_id, module = exercises[rng.randrange(reach)]
                    score = rng.choice((0, 2, 4, 6, 8, 10, 10))
                    status = "passed" if score == 10 else "failed"
                    created = due[module] + timedelta(hours=rng.uniform(-200, 60))
                    late = max(0, -(-(created - due[module]) // timedelta(days=1)))
                    copy.write_row(
                        (
                            user_id,
                            exercise_id,
                            "v1",
                            SOURCE.format(n=n),
                            "submission.py",
                            "graded",
                            float(score),
                            10.0,
                            documents[(status, score)],
                            created,
                            created + timedelta(seconds=1),
                            1,
                            late,
                            "cpu",
                        )
                    )
        seed_grants(cursor, rng, cohort_id, ids, exercises)
        cursor.execute(
            """
            WITH best AS (
                SELECT DISTINCT ON (user_id, exercise_id) user_id, exercise_id, id, score,
                       max_score
                FROM submissions WHERE user_id = ANY(%(ids)s)
                ORDER BY user_id, exercise_id, score DESC, created_at
            ), totals AS (
                SELECT user_id, exercise_id, count(*) AS attempts,
                       min(created_at) FILTER (WHERE score >= max_score) AS first_passed_at,
                       max(created_at) AS last_submitted_at
                FROM submissions WHERE user_id = ANY(%(ids)s) GROUP BY user_id, exercise_id
            )
            INSERT INTO progress (user_id, exercise_id, best_score, max_score,
                                  best_submission_id, attempts, first_passed_at, last_submitted_at)
            SELECT t.user_id, t.exercise_id, b.score, b.max_score, b.id, t.attempts,
                   t.first_passed_at, t.last_submitted_at
            FROM totals t JOIN best b USING (user_id, exercise_id)
            """,
            {"ids": ids},
        )
        connection.commit()
    admin_database = dsn.rsplit("/", 1)[1]
    with psycopg.connect(
        PG_ADMIN.replace("dbname=postgres", f"dbname={admin_database}"), autocommit=True
    ) as connection:
        # VACUUM too: a bulk load of this size otherwise sets autovacuum off during the load
        # that follows, measuring the database's housekeeping rather than the site
        connection.execute("VACUUM ANALYZE")
    return cohort_id


def seed_grants(cursor, rng: random.Random, cohort_id: int, ids: list[int], exercises) -> None:
    """What instructors grant: a fifth of the learners have scores set by hand on one or two
    exercises (1 to 3 changes each, the last one sometimes removing it), a tenth an
    extension of one deadline, and one submission in fifty a comment."""
    instructor = cursor.execute("SELECT id FROM users WHERE email = %s", (INSTRUCTOR,)).fetchone()
    deadlines = cursor.execute(
        "SELECT id, due_at FROM deadlines WHERE cohort_id = %s ORDER BY id", (cohort_id,)
    ).fetchall()
    with cursor.copy(
        "COPY score_overrides (user_id, exercise_id, score, comment, created_by, created_at) "
        "FROM STDIN"
    ) as copy:
        for user_id in ids:
            if rng.random() >= 0.2:
                continue
            for exercise_id, _ in rng.sample(exercises, rng.randint(1, 2)):
                changes = rng.randint(1, 3)
                for k in range(changes):
                    removed = k == changes - 1 and rng.random() < 0.25
                    score = None if removed else float(rng.randint(0, 10))
                    at = START + timedelta(days=30 + k)
                    copy.write_row((user_id, exercise_id, score, "oral exam", instructor[0], at))
    with cursor.copy(
        "COPY deadline_extensions (deadline_id, user_id, due_at, reason, granted_by, "
        "created_at) FROM STDIN"
    ) as copy:
        for user_id in ids:
            if rng.random() < 0.1:
                deadline_id, due_at = rng.choice(deadlines)
                later = due_at + timedelta(days=3)
                copy.write_row((deadline_id, user_id, later, "ill", instructor[0], START))
    cursor.execute(
        "INSERT INTO submission_comments (submission_id, author_id, body, created_at) "
        "SELECT id, %s, 'Check the shape of the gradient before the update.', finished_at "
        "FROM submissions WHERE user_id = ANY(%s) AND id %% 50 = 0",
        (instructor[0], ids),
    )


# --- query counts, in process ------------------------------------------------------------------


def query_counts(url: str, instance: Path, cohort_id: int) -> dict[str, int]:
    from sqlalchemy import event, select

    from grader.settings import Settings
    from grader.store.models import Submission, User
    from webapp import create_app
    from webapp.config import Config
    from webapp.extensions import db

    env = {
        "DLGRADE_DATABASE_URL": url,
        "DLGRADE_INSTANCE": str(instance),
        "DLGRADE_LOG_LEVEL": "WARNING",
        "DLGRADE_SECRET_KEY": "bench",
    }
    app = create_app(Config(Settings.from_env(env), env=env))
    with app.app_context():
        learner = db.session.scalar(select(User).where(User.email == "learner0@bench.example"))
        instructor = db.session.scalar(select(User).where(User.email == INSTRUCTOR))
        submission = db.session.scalar(
            select(Submission.id).where(Submission.user_id == learner.id).limit(1)
        )
        engine = db.engine
    pages = {
        "map": (learner, "/curriculum"),
        "result": (learner, f"/submissions/{submission}"),
        "gradebook": (instructor, f"/instructor/cohorts/{cohort_id}/gradebook"),
        "gradebook.csv": (instructor, f"/instructor/cohorts/{cohort_id}/gradebook.csv"),
    }
    counts = {}
    for name, (user, path) in pages.items():
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        statements: list[str] = []

        def count(*args, statements=statements):
            statements.append(args[2])

        event.listen(engine, "before_cursor_execute", count)
        try:
            response = client.get(path)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(statements)
    engine.dispose()
    return counts


# --- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(url: str, instance: Path, workers: int, threads: int, worker_class: str = "gthread"):
    port = free_port()
    env = {
        **os.environ,
        "DLGRADE_DATABASE_URL": url,
        "DLGRADE_INSTANCE": str(instance),
        "DLGRADE_SECRET_KEY": "bench-secret",
        "DLGRADE_LOG_LEVEL": "WARNING",
        "DLGRADE_LOGIN_RATE_LIMIT": "10000 per minute",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        worker_class,
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
        "webapp:create_app()",
    ]
    process = subprocess.Popen(command, env=env, cwd=REPO, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("gunicorn exited") from None
                time.sleep(0.2)
        yield f"127.0.0.1:{port}", process.pid
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- the load driver (a second process) ------------------------------------------------------


class Client:
    """A keep-alive HTTP client with a cookie jar of one session."""

    def __init__(self, address: str) -> None:
        import http.client

        host, port = address.split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def log_in(self, email: str) -> None:
        import re
        from urllib.parse import urlencode

        _, page = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        form = urlencode({"csrf_token": token.decode(), "email": email, "password": PASSWORD})
        status, _ = self.request("POST", "/login", form)
        if status != 302:
            raise RuntimeError(f"log-in of {email} answered {status}")


def load(clients: list[tuple[Client, str]], requests: int, seconds: float) -> dict:
    """Every client requests its path in a loop, all at once, until ``requests`` requests
    were made in all or ``seconds`` passed; latencies in milliseconds."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    budget = [requests]
    stop_at = time.monotonic() + seconds

    def work(client: Client, path: str) -> None:
        while time.monotonic() < stop_at:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            started = time.perf_counter()
            status, _ = client.request("GET", path)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += status != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "n": len(latencies),
        "errors": errors[0],
        "wall_s": wall,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "max": max(latencies),
        "rps": len(latencies) / wall,
    }


def _handshake() -> None:
    """Tell the parent the load starts, and wait for its go (see ``_drive``)."""
    print("ready", flush=True)
    sys.stdin.readline()


def drive(config: dict) -> dict:
    address, plan = config["address"], config["plan"]
    results = {}
    for page, spec in plan.items():
        clients = []
        for email, path in spec["clients"]:
            client = Client(address)
            client.log_in(email)
            clients.append((client, path))
        for client, path in clients:  # warm: each worker's first request, connection pools
            for _ in range(3):
                client.request("GET", path)
        _handshake()  # logged in and warm: the parent reads the workers' CPU now
        results[page] = load(clients, spec["requests"], spec["seconds"])
    if not config["csv_runs"]:
        return results
    _handshake()
    csv_client = Client(address)
    csv_client.log_in(INSTRUCTOR)
    times, size, rows = [], 0, 0
    for _ in range(config["csv_runs"]):
        started = time.perf_counter()
        status, body = csv_client.request("GET", config["csv_path"])
        times.append(time.perf_counter() - started)
        assert status == 200, status
        size, rows = len(body), body.count(b"\r\n") - 1
    results["csv"] = {"times": times, "bytes": size, "learners": rows}
    return results


# --- main -------------------------------------------------------------------------------------


def plan_for(url: str, cohort_id: int, concurrency: int, requests: int, seconds: float) -> dict:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection:
        learners = connection.execute(
            "SELECT u.email, (SELECT s.id FROM submissions s WHERE s.user_id = u.id "
            "AND s.score < s.max_score ORDER BY s.id LIMIT 1) FROM users u "
            "WHERE u.role = 'learner' ORDER BY u.id LIMIT %s",
            (concurrency,),
        ).fetchall()
    gradebook = f"/instructor/cohorts/{cohort_id}/gradebook"
    spec = {"requests": requests, "seconds": seconds}
    return {
        "map": {**spec, "clients": [(email, "/curriculum") for email, _ in learners]},
        "result": {**spec, "clients": [(e, f"/submissions/{s}") for e, s in learners]},
        "gradebook": {
            **spec,
            "requests": max(40, requests // 4),
            "clients": [(INSTRUCTOR, gradebook)] * max(1, concurrency // 2),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--submissions", type=int, default=200_000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--requests", type=int, default=400, help="per page, at most")
    parser.add_argument("--seconds", type=float, default=30, help="per page, at most")
    # the defaults are what the Dockerfile and docker-compose.yml deploy: 4 sync workers
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=4, help="per gthread worker")
    parser.add_argument("--csv-runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", metavar="NAME", help="load a database kept by --keep")
    parser.add_argument("--drive", help=argparse.SUPPRESS)  # the load process's entry point
    args = parser.parse_args()
    if args.drive:
        print(json.dumps(drive(json.loads(args.drive))))
        return
    t0 = time.perf_counter()
    counts: tuple[dict, dict] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        instance = Path(tmp)
        if args.reuse:
            url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{args.reuse}"
            cohort_id = existing_cohort(url)
            results = serve_and_drive(args, url, instance, cohort_id)
        else:
            with scratch_database(args.keep) as name:
                url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
                cohort_id, counts = build(args, url, instance)
                print(
                    f"database {name}: seeded {args.learners} learners and "
                    f"{args.submissions} submissions in {time.perf_counter() - t0:.1f} s"
                )
                results = serve_and_drive(args, url, instance, cohort_id)
    report(args, results, counts)
    print(f"total {time.perf_counter() - t0:.0f} s")


def build(args, url: str, instance: Path) -> tuple[int, tuple[dict, dict]]:
    """Seed a tenth, count the queries, seed the rest, count again."""
    from grader.store import hash_password

    password_hash = hash_password(PASSWORD)
    exercises = prepare(url)
    small_learners, small_submissions = args.learners // 10, args.submissions // 10
    cohort_id = seed(url, exercises, 0, small_learners, small_submissions, password_hash)
    counts_small = query_counts(url, instance, cohort_id)
    rest = (args.learners - small_learners, args.submissions - small_submissions)
    seed(url, exercises, small_learners, *rest, password_hash)
    return cohort_id, (counts_small, query_counts(url, instance, cohort_id))


def existing_cohort(url: str) -> int:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection:
        return connection.execute("SELECT id FROM cohorts WHERE name = %s", (COHORT,)).fetchone()[0]


def serve_and_drive(args, url: str, instance: Path, cohort_id: int) -> dict:
    """Serve the site and drive each page's load from a process of its own; note how the
    CPU of each page's load fell on the gunicorn workers (with gthread, keep-alive clients
    stay with the worker that took their connection, so four clients may split 2/2 or 3/1)."""
    import cpu_usage  # beside this file (bench/ is on sys.path when it runs)

    plan = plan_for(url, cohort_id, args.concurrency, args.requests, args.seconds)
    speed_before = cpu_usage.speed_probe()
    results: dict = {}
    with gunicorn(url, instance, args.workers, args.threads, args.worker_class) as (
        address,
        master,
    ):
        workers = _gunicorn_workers(cpu_usage, master, args.workers)

        def worker_cpu() -> list[float]:
            return [cpu_usage.cpu_seconds(pid, "own") or 0.0 for pid in workers]

        for page, spec in plan.items():
            page_results, split = _drive(address, {"plan": {page: spec}}, worker_cpu)
            results[page] = {**page_results[page], "split": split}
        csv = {
            "csv_runs": args.csv_runs,
            "csv_path": f"/instructor/cohorts/{cohort_id}/gradebook.csv",
        }
        results.update(_drive(address, csv, worker_cpu)[0])
    results["speed"] = cpu_usage.speed_line(speed_before, cpu_usage.speed_probe())
    return results


def _drive(address: str, config: dict, worker_cpu) -> tuple[dict, list[float]]:
    """One driver process: a page's load (``config["plan"]``) or the CSV downloads
    (``csv_runs``, ``csv_path``); with the gunicorn workers' CPU during it, read once its
    clients are logged in and warm and again when it is over (``worker_cpu()``)."""
    config = {"address": address, "plan": {}, "csv_runs": 0, "csv_path": "", **config}
    driver = subprocess.Popen(
        [sys.executable, __file__, "--drive", json.dumps(config)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    ready = driver.stdout.readline().strip()
    before = worker_cpu()
    if ready == "ready":
        driver.stdin.write("go\n")
        driver.stdin.flush()
    out, err = driver.communicate(timeout=600)
    after = worker_cpu()
    if driver.returncode != 0 or ready != "ready":
        raise SystemExit(f"the load driver failed:\n{err}")
    split = sorted(b - a for a, b in zip(before, after, strict=True))
    return json.loads(out.strip().splitlines()[-1]), split


def _gunicorn_workers(cpu_usage, master: int, count: int) -> list[int]:
    """The pids of the master's ``count`` workers (it forks them after binding the port)."""
    deadline = time.monotonic() + 60
    while True:
        workers = [pid for pid in cpu_usage.descendants(master) if pid != master]
        if len(workers) >= count or time.monotonic() > deadline:
            return workers
        time.sleep(0.1)


def report(args, results: dict, counts: tuple[dict, dict] | None) -> None:
    print(
        f"\nload: gunicorn {args.workers} {args.worker_class} workers"
        f"{f' x {args.threads} threads' if args.worker_class == 'gthread' else ''}; "
        f"{args.concurrency} concurrent clients (gradebook {max(1, args.concurrency // 2)}), "
        f"at most {args.requests} requests / {args.seconds:g} s per page"
    )
    print(
        f"{'page':<12}{'n':>6}{'err':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'req/s':>8}"
        f"{'goal':>14}{'worker CPU s':>22}"
    )
    goals = {"map": "p95 < 50 ms", "result": "p95 < 50 ms", "gradebook": "-"}
    for page in PAGES:
        r = results[page]
        verdict = goals[page]
        if page != "gradebook":
            verdict += " ok" if r["p95"] < 50 and not r["errors"] else " MISSED"
        split = " / ".join(f"{seconds:.2f}" for seconds in r.get("split", []))
        print(
            f"{page:<12}{r['n']:>6}{r['errors']:>5}{r['p50']:>9.1f}{r['p95']:>9.1f}"
            f"{r['max']:>9.1f}{r['rps']:>8.0f}  {verdict:<20}{split}"
        )
    print(
        "worker CPU s: each gunicorn worker's CPU during the page's load, least first (with"
        "\ngthread, clients keep their connections: a worker holding more serves them on one core)"
    )
    csv = results["csv"]
    times = csv["times"]
    print(
        f"\ngradebook CSV, {csv['learners']} learners x 58 exercises ({csv['bytes']} bytes): "
        f"median {statistics.median(times):.2f} s, max {max(times):.2f} s over {len(times)} "
        f"downloads (goal < 2 s: {'ok' if max(times) < 2 else 'MISSED'})"
    )
    print(results["speed"])
    if counts is None:
        return
    counts_small, counts_large = counts
    print(
        f"\nSQL statements per page ({args.learners // 10} learners / "
        f"{args.submissions // 10} submissions -> {args.learners} / {args.submissions}):"
    )
    for page, small in counts_small.items():
        large = counts_large[page]
        print(f"  {page:<14}{small:>3} -> {large:<3} {'constant' if small == large else 'GREW'}")


if __name__ == "__main__":
    main()
