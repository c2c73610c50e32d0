"""Rasa's SQL tracker store, made to fail loudly and to recover by itself.

Rasa wraps every tracker store in a FailSafeTrackerStore: when the database is down it answers
from a blank, in-memory conversation, so the customer would get answers that forget what was said
(an order half identified, say) and the turn would never reach the transcripts. Here a failed
read or write marks the turn as failed (cadomaestro.server.failures), and the channel answers
the apology with the contacts instead. The engine checks connections before use
(`pool_pre_ping`), so the first message after the database is back works, and hides SQL
parameters from error messages (they hold what customers wrote).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core import tracker_store
from rasa.shared.core.trackers import DialogueStateTracker

from cadomaestro.server.failures import mark_turn_failed


class SQLTrackerStore(tracker_store.SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, pool_pre_ping=True, hide_parameters=True,
            **tracker_store.create_engine_kwargs(url),
        )  # fmt: skip
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        try:
            return await super().retrieve(sender_id)
        except Exception:
            mark_turn_failed()
            raise

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        try:
            return await super().retrieve_full_tracker(sender_id)
        except Exception:
            mark_turn_failed()
            raise

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await super().save(tracker)
        except Exception:
            mark_turn_failed()
            raise
