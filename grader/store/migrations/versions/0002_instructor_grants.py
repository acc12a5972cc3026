"""deadline extensions, score overrides and submission comments

Revision ID: 0002
Revises: 0001
What an instructor grants one learner: a later due date on a cohort deadline, a score set by
hand (a history: the latest row of a learner and exercise is in force), and comments on a
submission that its learner reads on the result page.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _user_fk(table: str, column: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "deadline_extensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("granted_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["deadline_id"],
            ["deadlines.id"],
            name=op.f("fk_deadline_extensions_deadline_id_deadlines"),
            ondelete="CASCADE",
        ),
        _user_fk("deadline_extensions", "granted_by", "SET NULL"),
        _user_fk("deadline_extensions", "user_id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_extensions")),
        sa.UniqueConstraint(
            "deadline_id", "user_id", name=op.f("uq_deadline_extensions_deadline_id_user_id")
        ),
    )
    op.create_index(
        op.f("ix_deadline_extensions_user_id"), "deadline_extensions", ["user_id"], unique=False
    )

    op.create_table(
        "score_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=100), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("score IS NULL OR score >= 0", name=op.f("ck_score_overrides_score")),
        _user_fk("score_overrides", "created_by", "SET NULL"),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_score_overrides_exercise_id_exercises"),
        ),
        _user_fk("score_overrides", "user_id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_overrides")),
    )
    op.create_index(
        op.f("ix_score_overrides_user_id_exercise_id_id"),
        "score_overrides",
        ["user_id", "exercise_id", "id"],
        unique=False,
    )

    op.create_table(
        "submission_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _user_fk("submission_comments", "author_id", "SET NULL"),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_submission_comments_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_comments")),
    )
    op.create_index(
        op.f("ix_submission_comments_submission_id"),
        "submission_comments",
        ["submission_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_submission_comments_submission_id"), table_name="submission_comments")
    op.drop_table("submission_comments")
    op.drop_index(op.f("ix_score_overrides_user_id_exercise_id_id"), table_name="score_overrides")
    op.drop_table("score_overrides")
    op.drop_index(op.f("ix_deadline_extensions_user_id"), table_name="deadline_extensions")
    op.drop_table("deadline_extensions")
