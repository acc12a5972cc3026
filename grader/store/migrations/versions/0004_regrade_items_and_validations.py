"""regrade items and progress, validation verdicts per exercise version

Revision ID: 0004
Revises: 0003
A regrade is a batch of queued tasks (``regrade_items``) with live counts on its batch row;
validation verdicts are kept per exercise version (``exercise_validations``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("regrade_batches") as batch:
        batch.add_column(
            sa.Column("state", sa.String(length=16), server_default="running", nullable=False)
        )
        for name in ("total", "done", "changed", "failed"):
            batch.add_column(sa.Column(name, sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_check_constraint("state", "state IN ('running', 'done', 'cancelled')")
    # batches of the in-process regrades: finished ones are done
    op.execute("UPDATE regrade_batches SET state = 'done' WHERE finished_at IS NOT NULL")
    op.create_table(
        "regrade_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("old_score", sa.Float(), nullable=True),
        sa.Column("new_score", sa.Float(), nullable=True),
        sa.Column("max_score", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("queue", sa.String(length=16), nullable=True),
        sa.Column("worker", sa.String(length=255), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "state IN ('queued', 'running', 'done', 'failed', 'cancelled')",
            name=op.f("ck_regrade_items_state"),
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["regrade_batches.id"],
            name=op.f("fk_regrade_items_batch_id_regrade_batches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_regrade_items_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regrade_items")),
    )
    op.create_index(op.f("ix_regrade_items_batch_id_state"), "regrade_items", ["batch_id", "state"])
    op.create_index(
        op.f("ix_regrade_items_state_enqueued_at"), "regrade_items", ["state", "enqueued_at"]
    )
    op.create_table(
        "exercise_validations",
        sa.Column("exercise_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("validated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("exercise_id", "version", name=op.f("pk_exercise_validations")),
    )


def downgrade() -> None:
    op.drop_table("exercise_validations")
    op.drop_index(op.f("ix_regrade_items_state_enqueued_at"), table_name="regrade_items")
    op.drop_index(op.f("ix_regrade_items_batch_id_state"), table_name="regrade_items")
    op.drop_table("regrade_items")
    with op.batch_alter_table("regrade_batches") as batch:
        batch.drop_constraint("state", type_="check")
        for name in ("cancelled_at", "failed", "changed", "done", "total", "state"):
            batch.drop_column(name)
