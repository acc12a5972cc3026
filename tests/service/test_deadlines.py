"""A learner's due date: the latest over their cohorts, each cohort's deadline or the learner's
extension of it, whichever is later (``grader.store.deadlines``), on SQLite and PostgreSQL."""

from __future__ import annotations

from grader.store import due_date, due_dates, late_days
from grader.store.models import Cohort, CohortMember, Deadline, DeadlineExtension
from grader.store.submissions import create_submission
from tests.service.factories import add_exercise, add_user, utc

MODULE = "neural-networks"


def _cohort(session, code: str, due_at, *members) -> Deadline:
    cohort = Cohort(name=code, enrolment_code=code)
    session.add(cohort)
    session.flush()
    session.add_all(CohortMember(cohort_id=cohort.id, user_id=m.id) for m in members)
    deadline = Deadline(cohort_id=cohort.id, module=MODULE, due_at=due_at)
    session.add(deadline)
    session.flush()
    return deadline


def test_the_latest_of_cohort_deadlines_and_extensions_is_the_due_date(session):
    ada, bob, cy = (add_user(session, f"{n}@example.org") for n in ("ada", "bob", "cy"))
    strict = _cohort(session, "S", utc(2030, 1, 1), ada, bob)
    _cohort(session, "L", utc(2030, 1, 3), ada)
    session.add(DeadlineExtension(deadline_id=strict.id, user_id=bob.id, due_at=utc(2030, 1, 9)))
    # an "extension" before the deadline (the deadline moved later since) changes nothing
    session.add(DeadlineExtension(deadline_id=strict.id, user_id=ada.id, due_at=utc(2029, 12, 1)))
    session.commit()

    assert due_date(session, ada.id, MODULE) == utc(2030, 1, 3)  # the lenient cohort
    assert due_date(session, bob.id, MODULE) == utc(2030, 1, 9)  # bob's own extension
    assert due_date(session, cy.id, MODULE) is None  # in no cohort: nothing is due
    assert due_date(session, ada.id, "convolutions") is None
    rows = session.execute(due_dates([ada.id, bob.id, cy.id])).all()
    assert sorted((u, m, at) for u, m, at in rows) == [
        (ada.id, MODULE, utc(2030, 1, 3)),
        (bob.id, MODULE, utc(2030, 1, 9)),
    ]


def test_a_new_submission_counts_late_days_from_the_extension(session):
    learner = add_user(session)
    add_exercise(session)
    deadline = _cohort(session, "C", utc(2030, 1, 1), learner)
    session.add(
        DeadlineExtension(deadline_id=deadline.id, user_id=learner.id, due_at=utc(2030, 1, 5))
    )
    session.commit()
    submit = {"user_id": learner.id, "exercise_id": "softmax-cross-entropy", "source": "x = 1"}
    assert create_submission(session, now=utc(2030, 1, 4), **submit).late_days == 0
    assert create_submission(session, now=utc(2030, 1, 5, 0, 1), **submit).late_days == 1


def test_late_days_are_whole_days_rounded_up():
    assert late_days(utc(2030, 1, 1), None) == 0
    assert late_days(utc(2030, 1, 1), utc(2030, 1, 2)) == 0
    assert late_days(utc(2030, 1, 2, 0, 0, 1), utc(2030, 1, 2)) == 1
    assert late_days(utc(2030, 1, 4), utc(2030, 1, 2)) == 2
