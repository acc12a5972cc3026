"""The map and a result page cost a constant number of SQL statements, whatever the data.

Counted with a ``before_cursor_execute`` listener on the app's engine, for a learner with no
work and again after many learners made many submissions (on PostgreSQL too).
"""

from __future__ import annotations

import pytest

from grader.store.models import ExerciseRow
from tests.webapp.conftest import EXERCISE, log_in, statements_per_get
from webapp.extensions import db

#: user; published exercises joined with the progress rows; due dates and late policies (one
#: union); what counts (best score per days late and scores set by hand, one union)
MAP_QUERIES = 4
#: user, submission joined with its owner and exercise title, the owner's late policy, the
#: instructors' notes (comments, score set by hand)
RESULT_QUERIES = 4


def _add_exercises(app, count: int) -> None:
    """More published exercises (rows only: the map reads no exercise folder)."""
    with app.app_context():
        for i in range(count):
            db.session.add(
                ExerciseRow(
                    id=f"extra-{i}",
                    title=f"Extra {i}",
                    module="math",
                    order=100 + i,
                    version="v",
                    validated=True,
                )
            )
        db.session.commit()


def _grow(app, make_user, make_submission, learner, learners: int, per_learner: int) -> int:
    _add_exercises(app, 20)
    last = 0
    for _ in range(learners):
        someone = make_user()
        for _ in range(per_learner):
            make_submission(someone)
    for i in range(per_learner):
        last = make_submission(learner, exercise=f"extra-{i % 20}" if i % 2 else EXERCISE)
    return last


def test_the_map_and_a_result_page_cost_a_constant_number_of_queries(
    app, client, make_user, make_submission
):
    learner = make_user()
    log_in(client, learner)
    first = make_submission(learner)
    assert statements_per_get(app, client, "/curriculum") == MAP_QUERIES
    assert statements_per_get(app, client, f"/submissions/{first}") == RESULT_QUERIES
    last = _grow(app, make_user, make_submission, learner, learners=5, per_learner=12)
    assert statements_per_get(app, client, "/curriculum") == MAP_QUERIES
    assert statements_per_get(app, client, f"/submissions/{first}") == RESULT_QUERIES
    assert statements_per_get(app, client, f"/submissions/{last}") == RESULT_QUERIES
    # the poll leaves out the instructors' notes (shown under the result, not in it)
    assert statements_per_get(app, client, f"/submissions/{last}/status.json") == RESULT_QUERIES - 1


@pytest.mark.service
def test_query_counts_on_postgresql(pg_app, password_hash):
    from grader.store import create_submission, record_grade
    from grader.store.models import User
    from tests.webapp.conftest import result_document

    with pg_app.app_context():
        users = [User(email=f"pg{i}@example.org", password_hash=password_hash) for i in range(4)]
        db.session.add_all(users)
        db.session.commit()
        ids = []
        for user in users:
            for _ in range(5):
                sub = create_submission(
                    db.session, user_id=user.id, exercise_id=EXERCISE, source="x = 1\n"
                )
                record_grade(db.session, sub.id, result_document(), worker="t", runner="cpu")
                db.session.commit()
                ids.append(sub.id)
        learner = users[0]
        db.session.expunge_all()
    client = pg_app.test_client()
    log_in(client, learner)

    assert statements_per_get(pg_app, client, "/curriculum") == MAP_QUERIES
    assert statements_per_get(pg_app, client, f"/submissions/{ids[0]}") == RESULT_QUERIES
    assert statements_per_get(pg_app, client, f"/submissions/{ids[4]}") == RESULT_QUERIES
