"""The gradebook and its CSV: the best score after the late penalty, late marks, totals,
paging, spreadsheet-safe cells, a constant number of SQL statements whatever the data (on
SQLite and PostgreSQL), and the CSV of 1000 learners in under two seconds."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from grader.store import late_penalised_score
from grader.store.models import Cohort, CohortMember, Deadline, ExerciseRow, Submission, User
from tests.webapp.cohorts import DUE, MATH_EXERCISE, add_cohort, graded, read_csv, set_deadline
from tests.webapp.conftest import EXERCISE, statements_per_get
from webapp.extensions import db
from webapp.instructor import service
from webapp.instructor.gradebook import safe_text


@pytest.fixture
def late_cohort(app, make_user, make_submission, instructor):
    """A cohort losing 10 % per late day, ``neural-networks`` due at ``DUE``:

    - ada: 4/10 on time, then 10/10 two days late (counts 8, late);
    - bob: 7/10 on time, 8/10 a day late (7 either way: the late one counts, its higher raw
      score shows why: 8 less a penalty of 1);
    - cy: 10/10 twenty days late (never below 0); 3/5 on the math exercise (no deadline);
    - the instructor and a learner of no cohort are not in the gradebook.
    """
    ada = make_user(display_name="Ada")
    bob = make_user(display_name="Bob")
    cy = make_user(display_name="Cy")
    outsider = make_user(display_name="Outsider")
    cohort_id = add_cohort(
        app, ada, bob, cy, instructor, late_policy="per_day", penalty_per_day=0.1
    )
    set_deadline(app, cohort_id, "neural-networks", DUE)
    ids = {
        "ada_on_time": make_submission(ada, result=graded(4), now=DUE - timedelta(days=1)),
        "ada_late": make_submission(ada, result=graded(10), now=DUE + timedelta(hours=36)),
        "bob_on_time": make_submission(bob, result=graded(7), now=DUE - timedelta(hours=1)),
        "bob_late": make_submission(bob, result=graded(8), now=DUE + timedelta(hours=2)),
        "cy_late": make_submission(cy, result=graded(10), now=DUE + timedelta(days=20)),
        "cy_math": make_submission(
            cy, exercise=MATH_EXERCISE, result=graded(3, 5), now=DUE + timedelta(days=30)
        ),
        "outsider": make_submission(outsider, result=graded(10)),
    }
    make_submission(ada, result=None)  # still queued: not in the gradebook
    return cohort_id, ids


def test_the_gradebook_counts_the_best_score_after_the_late_penalty(app, late_cohort):
    cohort_id, ids = late_cohort
    with app.app_context():
        cohort = db.session.get(Cohort, cohort_id)
        book = service.load_gradebook(db.session, cohort, page=1)
        everyone = service.load_gradebook(db.session, cohort, page=None)  # the CSV's query
    assert [row.name for row in book.rows] == ["Ada", "Bob", "Cy"]
    # the page's window query and the CSV's aggregate agree on every cell
    for detailed, aggregated in zip(book.rows, everyone.rows, strict=True):
        assert {k: (c.score, c.late, c.passed, c.attempts) for k, c in detailed.cells.items()} == {
            k: (c.score, c.late, c.passed, c.attempts) for k, c in aggregated.cells.items()
        }
    assert book.columns[0].id == MATH_EXERCISE  # course order
    assert len(book.columns) == len({c.id for c in book.columns}) >= 40
    ada, bob, cy = book.rows
    cell = ada.cells[EXERCISE]
    assert (cell.score, cell.raw_score, cell.late_days, cell.attempts) == (8.0, 10.0, 2, 2)
    assert cell.submission_id == ids["ada_late"] and cell.late and cell.passed
    assert cell.score == late_penalised_score(10, 10, 2, "per_day", 0.1)
    cell = bob.cells[EXERCISE]
    assert (cell.score, cell.late, cell.submission_id) == (7.0, True, ids["bob_late"])
    assert (cell.raw_score, cell.penalty) == (8.0, pytest.approx(1.0))
    cell = cy.cells[EXERCISE]
    assert (cell.score, cell.raw_score, cell.late_days) == (0.0, 10.0, 20)
    assert cy.cells[MATH_EXERCISE].score == 3.0 and not cy.cells[MATH_EXERCISE].late
    assert (ada.total, bob.total, cy.total) == (8.0, 7.0, 3.0)
    assert (ada.passed, bob.passed, cy.passed) == (1, 0, 1)  # cy solved it, too late to count
    assert (ada.late, bob.late, cy.late) == (1, 1, 1)


def test_the_gradebook_page_shows_cells_late_marks_and_totals(
    client, login, instructor, late_cohort
):
    cohort_id, ids = late_cohort
    login(client, instructor)
    page = client.get(f"/instructor/cohorts/{cohort_id}/gradebook").get_data(as_text=True)
    assert "3 learners × " in page
    table = page[page.index('data-testid="gradebook"') :]
    assert "Outsider" not in table and "Ines" not in table
    ada_row = table[table.index("Ada") : table.index("Bob")]
    assert f'href="/submissions/{ids["ada_late"]}">8</a>' in ada_row
    assert "late 2d −2" in ada_row and "10 before a penalty of 2" in ada_row
    assert "Submitted 20 days late: 10 before a penalty of 10" in page
    assert "loses 10 % of the exercise's points per day" in page
    assert "due 2030-03-01" in page  # the module's deadline in the header
    assert table.index(f"/stats/{MATH_EXERCISE}?") < table.index(f"/stats/{EXERCISE}?")


def test_without_a_penalty_late_work_is_marked_but_keeps_its_score(
    app, client, login, instructor, make_user, make_submission
):
    learner = make_user()
    cohort_id = add_cohort(app, learner)
    set_deadline(app, cohort_id, "neural-networks", DUE)
    make_submission(learner, result=graded(9), now=DUE + timedelta(days=3))
    login(client, instructor)
    page = client.get(f"/instructor/cohorts/{cohort_id}/gradebook").get_data(as_text=True)
    assert '>9</a><span class="late-mark">late 3d</span>' in page
    rows = read_csv(client.get(f"/instructor/cohorts/{cohort_id}/gradebook.csv"))
    column = rows[0].index(EXERCISE)
    assert rows[2][column] == "9" and rows[2][rows[0].index("late")] == "1"


def test_the_gradebook_is_paged(app, client, login, instructor, make_user, monkeypatch):
    monkeypatch.setattr(service, "GRADEBOOK_PAGE_SIZE", 2)
    learners = [make_user(display_name=name) for name in ("Cleo", "Abe", "Bea", "Dan", "Eve")]
    cohort_id = add_cohort(app, *learners)
    login(client, instructor)
    url = f"/instructor/cohorts/{cohort_id}/gradebook"
    first = client.get(url).get_data(as_text=True)
    assert "Abe" in first and "Bea" in first and "Cleo" not in first and "page 1 of 3" in first
    last = client.get(url + "?page=3").get_data(as_text=True)
    assert "Eve" in last and "Dan" not in last
    assert "page 3 of 3" in client.get(url + "?page=99").get_data(as_text=True)
    assert len(read_csv(client.get(url + ".csv"))) == 2 + 5  # the CSV has everyone


def test_the_csv_opens_in_a_spreadsheet(app, client, login, instructor, make_user, make_submission):
    awkward = [
        make_user(display_name='Zoë "Z" Ångström, PhD'),
        make_user(display_name='=HYPERLINK("http://evil")'),
        make_user(display_name="two\nlines"),
    ]
    cohort_id = add_cohort(app, *awkward, name="Spring, 2030 (é)")
    make_submission(awkward[0], result=graded(7.25))
    login(client, instructor)
    response = client.get(f"/instructor/cohorts/{cohort_id}/gradebook.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="gradebook-spring-2030-\d{4}-\d\d-\d\d\.csv"', disposition
    )
    assert response.data.startswith(b"\xef\xbb\xbf")  # the UTF-8 BOM
    assert b"\r\n" in response.data
    rows = read_csv(response)
    header = rows[0]
    assert header[:2] == ["email", "name"]
    assert header[-4:] == ["total", "passed", "late", "set_by_hand"]
    assert header[2] == MATH_EXERCISE and EXERCISE in header
    assert len(rows) == 5 and all(len(row) == len(header) for row in rows)
    maxima = rows[1]  # the maximum points, as graded (empty: nobody graded on it yet)
    assert maxima[:2] == ["max points", ""] and maxima[header.index(EXERCISE)] == "10"
    assert maxima[2] == "" and maxima[-4:] == ["10", str(len(header) - 6), "", ""]
    by_name = {row[1]: row for row in rows[2:]}
    zoe = by_name['Zoë "Z" Ångström, PhD']
    assert zoe[header.index(EXERCISE)] == "7.25" and zoe[-4:] == ["7.25", "0", "0", ""]
    assert zoe[2] == ""  # not attempted: empty, not 0
    assert '\'=HYPERLINK("http://evil")' in by_name  # never run as a formula
    assert "two\nlines" in by_name
    assert safe_text("-1") == "'-1" and safe_text("Ada") == "Ada"


def test_the_gradebook_and_csv_cost_a_constant_number_of_queries(
    app, client, login, instructor, make_user, make_submission
):
    first = make_user()
    cohort_id = add_cohort(app, first)
    make_submission(first)
    login(client, instructor)
    urls = [
        f"/instructor/cohorts/{cohort_id}/gradebook",
        f"/instructor/cohorts/{cohort_id}/gradebook.csv",
        f"/instructor/stats?cohort={cohort_id}",
        f"/instructor/stats/{EXERCISE}?cohort={cohort_id}",
        f"/instructor/learners/{first.id}",
    ]
    small = [statements_per_get(app, client, url) for url in urls]
    more = [make_user() for _ in range(6)]
    with app.app_context():
        for user in more:
            db.session.add(CohortMember(cohort_id=cohort_id, user_id=user.id))
        db.session.commit()
    for user in [first, *more]:
        for exercise in (EXERCISE, MATH_EXERCISE, EXERCISE):
            make_submission(user, exercise=exercise)
    large = [statements_per_get(app, client, url) for url in urls]
    assert large == small
    assert small[0] <= 8 and small[1] <= 6


def test_the_csv_of_1000_learners_takes_under_two_seconds(app, client, login, instructor):
    """20 graded submissions per learner over the whole course (the bench measures 200,000
    submissions on PostgreSQL)."""
    with app.app_context():
        session = db.session
        exercises = session.scalars(select(ExerciseRow.id).where(ExerciseRow.validated)).all()
        cohort = Cohort(name="Big", enrolment_code="BIG")
        session.add(cohort)
        session.flush()
        now = datetime.now(UTC)
        users = (
            session.execute(
                insert(User).returning(User.id),
                [
                    {
                        "email": f"big{i}@example.org",
                        "password_hash": "x",
                        "display_name": f"Big {i}",
                    }
                    for i in range(1000)
                ],
            )
            .scalars()
            .all()
        )
        session.execute(
            insert(CohortMember), [{"cohort_id": cohort.id, "user_id": u} for u in users]
        )
        document = graded(5)
        session.execute(
            insert(Submission),
            [
                {
                    "user_id": u,
                    "exercise_id": exercises[(u * 7 + k) % len(exercises)],
                    "exercise_version": "v1",
                    "source": "x = 1\n",
                    "status": "graded",
                    "score": float(k % 11),
                    "max_score": 10.0,
                    "result": document,
                    "created_at": now - timedelta(minutes=k),
                }
                for u in users
                for k in range(20)
            ],
        )
        session.commit()
        cohort_id = cohort.id
    login(client, instructor)
    # its time for 1,000 learners is measured by bench/web_load.py
    response = client.get(f"/instructor/cohorts/{cohort_id}/gradebook.csv")
    assert response.status_code == 200
    assert len(read_csv(response)) == 1002


@pytest.mark.service
def test_gradebook_query_counts_and_late_penalties_on_postgresql(pg_app, password_hash):
    """The window query and the late penalty arithmetic on PostgreSQL, at two data sizes."""
    from grader.store import create_submission, record_grade
    from tests.webapp.conftest import log_in

    def add_learners(cohort_id: int, count: int, start: int) -> list[User]:
        users = [
            User(email=f"pg{start + i}@example.org", password_hash=password_hash)
            for i in range(count)
        ]
        db.session.add_all(users)
        db.session.flush()
        db.session.add_all(CohortMember(cohort_id=cohort_id, user_id=u.id) for u in users)
        db.session.commit()
        for user in users:
            for days, score in ((-1, 4.0), (2, 10.0)):  # 10/10 two days late counts 8
                sub = create_submission(
                    db.session,
                    user_id=user.id,
                    exercise_id=EXERCISE,
                    source="x = 1\n",
                    now=DUE + timedelta(days=days) - timedelta(hours=1),
                )
                record_grade(db.session, sub.id, graded(score), worker="t", runner="cpu")
                db.session.commit()
        return users

    with pg_app.app_context():
        instructor = User(email="boss@example.org", password_hash=password_hash, role="admin")
        cohort = Cohort(name="PG", enrolment_code="PG", late_policy="per_day", penalty_per_day=0.1)
        db.session.add_all([instructor, cohort])
        db.session.flush()
        db.session.add(Deadline(cohort_id=cohort.id, module="neural-networks", due_at=DUE))
        db.session.commit()
        cohort_id = cohort.id
        add_learners(cohort_id, 2, 0)
        db.session.expunge_all()
    client = pg_app.test_client()
    log_in(client, instructor)
    urls = [
        f"/instructor/cohorts/{cohort_id}/gradebook",
        f"/instructor/cohorts/{cohort_id}/gradebook.csv",
        f"/instructor/stats?cohort={cohort_id}",
    ]

    small = [statements_per_get(pg_app, client, url) for url in urls]
    with pg_app.app_context():
        add_learners(cohort_id, 6, 10)
    assert [statements_per_get(pg_app, client, url) for url in urls] == small
    rows = read_csv(client.get(urls[1]))
    column, late = rows[0].index(EXERCISE), rows[0].index("late")
    assert [row[column] for row in rows[2:]] == ["8"] * 8
    assert {row[late] for row in rows[2:]} == {"1"}
