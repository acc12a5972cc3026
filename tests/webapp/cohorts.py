"""Data builders for the instructors' tests: cohorts with members and deadlines, graded result
documents, the gradebook CSV as rows. Grades are written through the store (``record_grade``
with these documents), with submission times chosen around the deadlines.
"""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime

from grader.store.models import Cohort, CohortMember, Deadline
from tests.webapp.conftest import result_document
from webapp.extensions import db
from webapp.instructor.gradebook import BOM

MATH_EXERCISE = "numerical-derivative"  # the course's first exercise (module "math")
DUE = datetime(2030, 3, 1, 12, 0, tzinfo=UTC)


def graded(score: float, max_score: float = 10.0, status: str | None = None) -> dict:
    document = result_document(status or ("passed" if score >= max_score else "failed"))
    document.update(score=score, max_score=max_score)
    return document


def add_cohort(app, *members, **settings) -> int:
    with app.app_context():
        cohort = Cohort(
            name=settings.pop("name", "Spring"),
            enrolment_code=settings.pop("code", f"CODE-{time.monotonic_ns()}"),
            **settings,
        )
        db.session.add(cohort)
        db.session.flush()
        for user in members:
            role = "learner" if user.role == "learner" else "instructor"
            db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id, role=role))
        db.session.commit()
        return cohort.id


def set_deadline(app, cohort_id: int, module: str, due: datetime) -> None:
    with app.app_context():
        db.session.add(Deadline(cohort_id=cohort_id, module=module, due_at=due))
        db.session.commit()


def read_csv(response) -> list[list[str]]:
    text = response.data.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :], newline="")))
