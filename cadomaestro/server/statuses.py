"""What became of the messages the assistant sent on WhatsApp (sent, delivered, read, failed with
Meta's error code), kept beside the conversations (the conversation store's database, a table of
its own), so that the agent console can show delivery and a failed one is visible; deleted with
their conversation (cadomaestro.server.retention)."""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

import sqlalchemy as sa

from cadomaestro.channels.meta.model import Status

log = logging.getLogger(__name__)

_metadata = sa.MetaData()
delivery_statuses = sa.Table(
    "delivery_statuses",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("conversation", sa.String(255), nullable=False, index=True),
    sa.Column("message_id", sa.String(255), nullable=False),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("timestamp", sa.Float, nullable=False),
    sa.Column("error_code", sa.Integer, nullable=True),
)


class StatusStore:
    def __init__(self, engine: sa.engine.Engine) -> None:
        self.engine = engine
        _metadata.create_all(engine, checkfirst=True)

    def record(self, conversation: str, statuses: list[Status]) -> None:
        rows = [
            {"conversation": conversation, "message_id": s.message_id, "status": s.status,
             "timestamp": s.timestamp, "error_code": s.error_code}
            for s in statuses
        ]  # fmt: skip
        with self.engine.begin() as connection:
            connection.execute(sa.insert(delivery_statuses), rows)
        for status in statuses:
            if status.status == "failed":
                log.warning("a WhatsApp message was not delivered: error %s", status.error_code)

    def delete_conversations(self, conversations: Collection[str]) -> int:
        chosen = list(conversations)
        deleted = 0
        with self.engine.begin() as connection:
            for start in range(0, len(chosen), 500):
                query = sa.delete(delivery_statuses).where(
                    delivery_statuses.c.conversation.in_(chosen[start : start + 500])
                )
                deleted += connection.execute(query).rowcount or 0
        return deleted

    def of(self, conversation: str) -> list[dict[str, Any]]:
        """The conversation's statuses, oldest first."""
        query = (
            sa.select(delivery_statuses)
            .where(delivery_statuses.c.conversation == conversation)
            .order_by(delivery_statuses.c.timestamp, delivery_statuses.c.id)
        )
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]
