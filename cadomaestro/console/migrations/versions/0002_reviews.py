"""What agents add to conversations: reviews, tags, notes, message flags, corrections.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _agent() -> sa.Column:
    return sa.Column(
        "agent_id", sa.Integer, sa.ForeignKey("agents.id", ondelete="SET NULL"), nullable=True
    )


def _conversation(primary_key: bool = False) -> sa.Column:
    if primary_key:
        return sa.Column("conversation_id", sa.String(255), primary_key=True)
    return sa.Column("conversation_id", sa.String(255), nullable=False, index=True)


def _at(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table("reviews", _conversation(primary_key=True), _agent(), _at("reviewed_at"))
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True),
        _conversation(),
        sa.Column("name", sa.String(40), nullable=False, index=True),
        _agent(),
        _at("created_at"),
        sa.UniqueConstraint("conversation_id", "name"),
    )
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True),
        _conversation(),
        sa.Column("text", sa.Text, nullable=False),
        _agent(),
        _at("created_at"),
    )
    op.create_table(
        "message_flags",
        sa.Column("id", sa.Integer, primary_key=True),
        _conversation(),
        sa.Column("message_index", sa.Integer, nullable=False),
        _agent(),
        _at("created_at"),
        sa.UniqueConstraint("conversation_id", "message_index"),
    )
    op.create_table(
        "annotations",
        sa.Column("id", sa.Integer, primary_key=True),
        _conversation(),
        sa.Column("message_index", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("predicted", sa.String(120), nullable=True),
        sa.Column("label", sa.String(120), nullable=True),
        sa.Column("proposed_topic", sa.String(200), nullable=True),
        _agent(),
        _at("created_at"),
        _at("updated_at"),
        sa.UniqueConstraint("conversation_id", "message_index"),
    )


def downgrade() -> None:
    for table in ("annotations", "message_flags", "notes", "tags", "reviews"):
        op.drop_table(table)
