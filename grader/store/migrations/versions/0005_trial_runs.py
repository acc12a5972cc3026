"""trial runs: a learner's code run on the visible cases only

Revision ID: 0005
Revises: 0004
``trial_runs`` keeps a "Run visible cases" request (its code and the redacted result) for the
page that polls it; the sweeper prunes rows older than an hour. Not a submission: no attempt,
no score, no progress.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trial_runs",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=100), nullable=False),
        sa.Column("exercise_version", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'error')", name=op.f("ck_trial_runs_status")
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_trial_runs_exercise_id_exercises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_trial_runs_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trial_runs")),
    )
    op.create_index(
        op.f("ix_trial_runs_user_id_status"), "trial_runs", ["user_id", "status"], unique=False
    )
    op.create_index(op.f("ix_trial_runs_created_at"), "trial_runs", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_trial_runs_created_at"), table_name="trial_runs")
    op.drop_index(op.f("ix_trial_runs_user_id_status"), table_name="trial_runs")
    op.drop_table("trial_runs")
