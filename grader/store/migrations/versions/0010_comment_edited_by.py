"""who last edited a comment on a submission

Revision ID: 0010
Revises: 0009
``submission_comments.edited_by``: the account that last changed the comment (its author or an
admin); the result page says "edited by ..." when that was not the author. NULL: never edited,
edited before this column existed, or that account was deleted.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("submission_comments") as batch:
        batch.add_column(sa.Column("edited_by", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_submission_comments_edited_by_users"),
            "users",
            ["edited_by"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("submission_comments") as batch:
        batch.drop_constraint(op.f("fk_submission_comments_edited_by_users"), type_="foreignkey")
        batch.drop_column("edited_by")
