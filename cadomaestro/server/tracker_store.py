"""Rasa's SQL tracker store, made to fail loudly, to recover by itself, and to read only what
changed.

Failing loudly: Rasa wraps every tracker store in a FailSafeTrackerStore; when the database is
down it answers from a blank, in-memory conversation, so the customer would get answers that
forget what was said (an order half identified, say) and the turn would never reach the
transcripts. Here a failed read or write marks the turn as failed (cadomaestro.server.failures),
and the channel answers the apology with the contacts instead. The engine checks connections
before use (`pool_pre_ping`), so the first message after the database is back works, and hides
SQL parameters from error messages (they hold what customers wrote).

Reading only what changed: Rasa reads every event row of the conversation's session on every
turn, and counts them again before each save to know which events are new. Here the rows'
stored text of the last `cache_size` conversations is kept in memory with the conversation's
signature in the store (its number of rows and its last row id), and a turn's read is one query
for that signature: the same as kept, the kept rows are used; different (another instance
wrote, a row was deleted), the rows are read again. The tracker is rebuilt from the rows as
Rasa does (fresh objects every time, nothing shared between turns), and a save inserts the
events after those the tracker was built from, without counting. A save that starts a new
session drops the conversation from memory (the next read takes the new session's rows from the
store, as Rasa's query does).
"""

from __future__ import annotations

import json
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from rasa.core import tracker_store
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from cadomaestro.server.failures import mark_turn_failed
from cadomaestro.server.settings import ServerSettings


def sql_store(wrapped: Any) -> SQLTrackerStore | None:
    """The project's SQL store inside Rasa's wrappers (fail-safe, awaitable), or None."""
    store = wrapped
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store if isinstance(store, SQLTrackerStore) else None


Signature = tuple[int, int]  # (rows of the conversation in the store, its last row id)


@dataclass
class _Kept:
    signature: Signature
    rows: list[str]  # the `data` column of the session's rows, in order
    # The tracker last built from `rows`: a save of that tracker inserts its events after them.
    tracker: weakref.ReferenceType[DialogueStateTracker] | None = field(default=None)


class SQLTrackerStore(tracker_store.SQLTrackerStore):
    def __init__(self, *args: Any, cache_size: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, pool_pre_ping=True, hide_parameters=True,
            **tracker_store.create_engine_kwargs(url),
        )  # fmt: skip
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        if cache_size is None:
            cache_size = ServerSettings.from_env().tracker_cache_size
        self.cache_size = cache_size
        self._kept: OrderedDict[str, _Kept] = OrderedDict()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        try:
            if not self.cache_size:
                return await super().retrieve(sender_id)
            return self._retrieve_kept(sender_id)
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
            if not self.cache_size:
                await super().save(tracker)
                return
            kept = self._kept.get(tracker.sender_id)
            built_here = kept is not None and kept.tracker is not None and kept.tracker() is tracker
            await self.stream_events(tracker)  # with an event broker, reads the conversation
            self._save_kept(tracker, kept if built_here else None)
        except Exception:
            mark_turn_failed()
            raise

    def delete_before(self, cutoff: float) -> list[str]:
        """Delete the conversations whose last event is older than `cutoff` (a Unix time);
        their ids (cadomaestro.server.retention)."""
        event = self.SQLEvent
        old = (
            sa.select(event.sender_id)
            .group_by(event.sender_id)
            .having(sa.func.max(event.timestamp) < cutoff)
        )
        with self.session_scope() as session:
            senders = list(session.execute(old).scalars())
            for start in range(0, len(senders), 500):
                chunk = senders[start : start + 500]
                session.execute(sa.delete(event).where(event.sender_id.in_(chunk)))
            session.commit()
        for sender_id in senders:
            self._kept.pop(sender_id, None)
        return senders

    def _signature(self, session: sa.orm.Session, sender_id: str) -> Signature:
        event = self.SQLEvent
        rows, last = session.execute(
            sa.select(sa.func.count(event.id), sa.func.max(event.id)).where(
                event.sender_id == sender_id
            )
        ).one()
        return int(rows), int(last or 0)

    def _retrieve_kept(self, sender_id: str) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            signature = self._signature(session, sender_id)
            kept = self._kept.get(sender_id)
            if kept is None or kept.signature != signature:
                query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
                kept = _Kept(signature, [row.data for row in query.all()])
        if not kept.rows:  # no conversation: nothing worth keeping (unknown ids fill no room)
            self._kept.pop(sender_id, None)
            return None
        self._keep(sender_id, kept)
        if not self.domain:
            return None
        events = [json.loads(data) for data in kept.rows]
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        kept.tracker = weakref.ref(tracker)
        return tracker

    def _save_kept(self, tracker: DialogueStateTracker, kept: _Kept | None) -> None:
        """Insert the events of `tracker` after those of `kept`, the rows it was built from
        (None: a tracker built elsewhere, whose stored events are counted as Rasa does)."""
        sender_id = tracker.sender_id
        with self.session_scope() as session:
            if kept is not None:
                stored, signature = len(kept.rows), kept.signature
            else:
                stored = self._event_query(session, sender_id, False).count()
                kept, signature = None, self._signature(session, sender_id)
            events = list(tracker.events)[stored:]
            rows = [self._row(sender_id, event) for event in events]
            texts = [row.data for row in rows]  # read before the commit expires the rows
            session.add_all(rows)
            session.flush()
            last = rows[-1].id if rows else signature[1]
            session.commit()
        new_session = any(event.type_name == SessionStarted.type_name for event in events)
        if kept is None or new_session or self._kept.get(sender_id) is not kept:
            self._kept.pop(sender_id, None)  # read from the store next time
            return
        kept.rows += texts
        kept.signature = (signature[0] + len(rows), last)
        kept.tracker = weakref.ref(tracker)
        self._keep(sender_id, kept)

    def _row(self, sender_id: str, event: Event) -> Any:
        """The event's row, as Rasa's save writes it."""
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    def _keep(self, sender_id: str, kept: _Kept) -> None:
        self._kept[sender_id] = kept
        self._kept.move_to_end(sender_id)
        while len(self._kept) > self.cache_size:
            self._kept.popitem(last=False)
