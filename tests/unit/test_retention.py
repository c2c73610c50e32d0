"""Retention (cadomaestro/server/retention.py): what is older than RETENTION_DAYS goes, from
the real SQL conversation store and the media store; the welcome message tells customers."""

from __future__ import annotations

import asyncio
import io
import time

from PIL import Image
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from cadomaestro.channels.meta.model import Status
from cadomaestro.media.images import checked_photo
from cadomaestro.media.store import LocalMediaStore
from cadomaestro.server.retention import purge
from cadomaestro.server.statuses import StatusStore
from cadomaestro.server.tracker_store import SQLTrackerStore
from cadomaestro.widget.welcome import welcome

DAY = 86400


def _conversation(store: SQLTrackerStore, sender: str, *times: float) -> None:
    events = []
    for at in times:
        events += [
            ActionExecuted("action_listen", timestamp=at),
            UserUttered("bonjour", timestamp=at),
        ]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def test_conversations_past_retention_go_with_their_photos_and_statuses(tmp_path) -> None:
    now = time.time()
    store = SQLTrackerStore(Domain.empty(), db=str(tmp_path / "c.db"), dialect="sqlite",
                            cache_size=8)  # fmt: skip
    _conversation(store, "web:ancienne", now - 100 * DAY)
    # Begun long ago, but its customer wrote again 10 days ago: kept, whole.
    _conversation(store, "web:reprise", now - 200 * DAY, now - 10 * DAY)
    media = LocalMediaStore(tmp_path / "media")
    out = io.BytesIO()
    Image.new("RGB", (32, 32)).save(out, "PNG")
    photo = checked_photo(out.getvalue(), max_bytes=10**6)
    old, recent = media.put(photo, "web:ancienne"), media.put(photo, "web:reprise")

    statuses = StatusStore(store.engine)
    for conversation in ("web:ancienne", "web:reprise"):
        statuses.record(conversation, [Status("336", "wamid.X", "delivered", now - 100 * DAY)])

    assert purge(store, media, 90, now) == (1, 1)
    assert statuses.of("web:ancienne") == [] and len(statuses.of("web:reprise")) == 1
    assert asyncio.run(store.retrieve("web:ancienne")) is None
    kept = asyncio.run(store.retrieve("web:reprise"))
    assert kept is not None and len([e for e in kept.events if isinstance(e, UserUttered)]) == 2
    assert media.info(old.id) is None and media.info(recent.id) == recent
    assert purge(store, media, 90, now) == (0, 0)


def test_the_welcome_says_it_is_automatic_how_to_reach_a_person_and_what_is_kept() -> None:
    first, privacy = welcome(30)
    assert "assistant automatique" in first["text"]
    assert first["quick_replies"] == [{"title": "Parler à quelqu’un", "payload": "/parler_humain"}]
    assert "30 jours après votre dernier message" in privacy["text"] and "photos" in privacy["text"]
