"""the exercise's points beside a score set by hand

Revision ID: 0008
Revises: 0007
``score_overrides.max_score``: the exercise's points when the score was set (NULL: unknown),
so a learner's pages show a score set by hand on an exercise they never attempted as "7 / 10".
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("score_overrides") as batch:
        batch.add_column(sa.Column("max_score", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("score_overrides") as batch:
        batch.drop_column("max_score")
