"""How long conversations and their photos are kept: deleted RETENTION_DAYS after the
conversation's last event (the widget's privacy notice tells customers so), when the server has
started and then every day. Logs say how many were deleted, nothing of their content."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from sanic import Sanic

from cadomaestro.media.store import MediaStore
from cadomaestro.server.statuses import StatusStore
from cadomaestro.server.tracker_store import sql_store

log = logging.getLogger(__name__)

EVERY_S = 24 * 3600


def purge(tracker_store: Any, media: MediaStore, days: int, now: float) -> tuple[int, int]:
    """Delete the conversations whose last event is older than `days`, and their photos;
    (conversations, photos) deleted. A conversation store that cannot delete (not the project's
    SQL store) is left as it is."""
    cutoff = now - days * 24 * 3600
    store = sql_store(tracker_store)
    conversations = set(store.delete_before(cutoff)) if store else set()
    if not conversations:
        return 0, 0
    if store:  # what WhatsApp said of the messages sent in them
        StatusStore(store.engine).delete_conversations(conversations)
    return len(conversations), media.delete_conversations(conversations)


def start(app: Sanic, media: MediaStore, days: int) -> None:
    """Purge now and every day, in the background, once per server (every channel asks)."""
    if getattr(app.ctx, "retention_started", False):
        return
    app.ctx.retention_started = True

    async def every_day() -> None:
        while True:
            try:
                agent = app.ctx.agent
                if agent is not None and agent.tracker_store is not None:
                    conversations, photos = await asyncio.to_thread(
                        purge, agent.tracker_store, media, days, time.time()
                    )
                    log.info(
                        "retention (%d days): %d conversations and %d photos deleted",
                        days, conversations, photos,
                    )  # fmt: skip
            except Exception as error:  # the store is down: tried again tomorrow
                log.error("retention not applied: %s", type(error).__name__)
            await asyncio.sleep(EVERY_S)

    app.add_task(every_day())
