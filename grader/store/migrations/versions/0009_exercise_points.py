"""an exercise's points, known before anyone is graded

Revision ID: 0009
Revises: 0008
``exercises.points``: the points of all the exercise's cases, written by the sync, so a score
set by hand on an exercise nobody has been graded on yet still shows as "7 / 10" and counts
against the right total (NULL until the next sync, or when ``cases.py`` does not load).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("exercises") as batch:
        batch.add_column(sa.Column("points", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("exercises") as batch:
        batch.drop_column("points")
