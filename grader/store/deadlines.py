"""When work is due: the one rule for "the due date of this learner on this module".

A cohort sets a deadline per module (``deadlines``); an instructor may give one learner a
later date on one of them (``deadline_extensions``). A learner's due date on a module is, over
every cohort of theirs that has a deadline for it, the latest of that deadline and their
extension of it: the most lenient wins. No deadline in any cohort: nothing is due (``None``).

Everything that needs a due date reads it here: the late days stored on a submission when it
is created, their recomputation when a deadline or an extension changes, and the pages that
show a learner when work is due and what counts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import BindParameter, ColumnElement, Select, and_, bindparam, case, func, select
from sqlalchemy.orm import Session

from grader.store.models import CohortMember, Deadline, DeadlineExtension

SECONDS_PER_DAY = 86400


def due_dates(
    learners: Select | Sequence[int] | BindParameter, modules: Iterable[str] | None = None
) -> Select:
    """``(user_id, module, due_at)`` of each learner (a select of user ids, a list of ids, or an
    expanding bind parameter for one) with a due date, on ``modules`` (None: every module): the
    rule of this module's docstring, in one grouped query."""
    query = _due_dates(CohortMember.user_id.in_(learners))
    if modules is not None:
        query = query.where(Deadline.module.in_(sorted(set(modules))))
    return query


def _due_dates(learners: ColumnElement[bool]) -> Select:
    effective = case(
        (DeadlineExtension.due_at > Deadline.due_at, DeadlineExtension.due_at),
        else_=Deadline.due_at,
    )
    query = (
        select(CohortMember.user_id, Deadline.module, func.max(effective).label("due_at"))
        .join(Deadline, Deadline.cohort_id == CohortMember.cohort_id)
        .outerjoin(
            DeadlineExtension,
            and_(
                DeadlineExtension.deadline_id == Deadline.id,
                DeadlineExtension.user_id == CohortMember.user_id,
            ),
        )
        .where(learners)
        .group_by(CohortMember.user_id, Deadline.module)
    )
    return query


#: one learner on one module, built once: every new submission asks it, and building the
#: statement costs more than running it
_DUE_DATE = _due_dates(CohortMember.user_id == bindparam("b_user_id")).where(
    Deadline.module == bindparam("b_module")
)


def due_date(session: Session, user_id: int, module: str) -> datetime | None:
    """The learner's due date on ``module`` (extensions included), or None: nothing is due."""
    row = session.execute(_DUE_DATE, {"b_user_id": user_id, "b_module": module}).first()
    return None if row is None else row.due_at


def late_days(at: datetime, due: datetime | None) -> int:
    """Whole days (rounded up) from ``due`` to ``at``; 0 when on time or with no due date."""
    if due is None:
        return 0
    return max(0, math.ceil((at - due).total_seconds() / SECONDS_PER_DAY))


__all__ = ["due_date", "due_dates", "late_days"]
