"""The regrade task's work, run by a worker: claim an item, grade it with its seed, land it.

``dlgrade.regrade_submission(item_id, seed)`` (registered in ``grader.service.tasks``):

1. claim the item (``grader.store.regrade_items.claim_item``), or stop when it already
   landed, another worker grades it, or its batch was cancelled;
2. grade the submission's stored source against the exercise's current version with the
   message's seed (the submission's original hidden cases);
3. land it: the submission's new result, its history row, the learner's progress and the
   batch's counts, in one transaction.
"""

from __future__ import annotations

import logging

from grader.service.context import WorkerContext
from grader.store.db import session_scope
from grader.store.regrade_items import apply_item_grade, claim_item

log = logging.getLogger(__name__)


def regrade_item(
    context: WorkerContext,
    item_id: int,
    seed: int | None,
    *,
    runner: str,
    worker: str,
    steal: bool = False,
) -> str:
    """Claim, grade and land one regrade item; return what happened (``regraded``,
    ``duplicate`` or the claim's reason to stop). Raises the infrastructure errors of
    ``grader.service.tasks`` when the machinery fails."""
    with session_scope(context.sessions) as session:
        claim = claim_item(
            session,
            item_id,
            worker=worker,
            max_attempts=context.settings.max_attempts,
            steal=steal,
        )
    if claim.action != "grade":
        log.info("regrade item %s: %s, nothing to grade", item_id, claim.action)
        return claim.action
    exercise = context.exercise(claim.exercise_id, claim.exercise_version)
    result = context.engine(runner).grade(
        exercise, claim.source, claim.filename, seed=seed if seed is not None else claim.seed
    )
    document = result.to_dict()
    document.setdefault("worker", worker)
    document.setdefault("runner", runner)
    with session_scope(context.sessions) as session:
        landed = apply_item_grade(session, item_id, document)
    return "regraded" if landed else "duplicate"


__all__ = ["regrade_item"]
