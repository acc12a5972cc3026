"""comments on submissions can be edited

Revision ID: 0007
Revises: 0006
``submission_comments.edited_at``: when the comment's author (or an admin) last changed it;
the result page shows "edited".
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("submission_comments") as batch:
        batch.add_column(sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("submission_comments") as batch:
        batch.drop_column("edited_at")
