"""WhatsApp Cloud API (`/webhooks/whatsapp/webhook`): the business number's messages through
Meta's webhooks, answers through `<phone number id>/messages` (reply buttons, lists or numbered
choices), the read receipt with the typing indicator in one call, photos fetched by their media
id, and the delivery statuses kept (cadomaestro.channels.meta.statuses).

Outside the 24-hour customer service window (no message from the customer for 24 hours) Meta
refuses free-form messages: `send_text` then sends nothing and says so (`OutsideWindow`), for the
agent console. See cadomaestro.channels.meta.channel for the rest.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from rasa.shared.core.events import Event, UserUttered
from sanic import Sanic

from cadomaestro.channels.meta.channel import MetaChannel
from cadomaestro.channels.meta.events import whatsapp_batch
from cadomaestro.channels.meta.graph import GraphClient, SendResult
from cadomaestro.channels.meta.model import WHATSAPP, Batch, Bubble, Incoming
from cadomaestro.channels.meta.outbound import whatsapp_bodies
from cadomaestro.server.settings import WHATSAPP_VARIABLES, MetaApp
from cadomaestro.server.statuses import StatusStore
from cadomaestro.server.tracker_store import sql_store

log = logging.getLogger(__name__)

WINDOW_S = 24 * 3600


class OutsideWindow(Exception):
    """The customer has not written for 24 hours: WhatsApp takes only templates."""


def window_open(events: list[Event], now: float) -> bool:
    said = [event.timestamp for event in events if isinstance(event, UserUttered)]
    return bool(said) and now - said[-1] < WINDOW_S


class WhatsAppInput(MetaChannel):
    platform = WHATSAPP
    variables = WHATSAPP_VARIABLES
    _statuses: StatusStore | None = None

    def meta_app(self) -> MetaApp | None:
        return self.settings.whatsapp

    def parse(self, body: Any) -> Batch:
        return whatsapp_batch(body)

    def bodies(self, customer: str, bubble: Bubble) -> list[dict[str, Any]]:
        return whatsapp_bodies(customer, bubble)

    def messages_path(self) -> str:
        whatsapp = self.settings.whatsapp
        return f"{whatsapp.phone_number_id if whatsapp else ''}/messages"

    async def acknowledge(self, graph: GraphClient, incoming: Incoming) -> None:
        body = {
            "messaging_product": "whatsapp",
            "status": "read",
            "message_id": incoming.message_id,
            "typing_indicator": {"type": "text"},
        }
        await graph.post(self.messages_path(), body)

    async def image(self, graph: GraphClient, incoming: Incoming, max_bytes: int) -> bytes | None:
        media_id = incoming.image.media_id if incoming.image else None
        found = await graph.media_url(media_id) if media_id else None
        if found is None:
            return None
        return await graph.download(found[0], max_bytes=max_bytes, authorized=True)

    async def delivery(self, app: Sanic, batch: Batch) -> None:
        try:
            if self._statuses is None:
                store = sql_store(app.ctx.agent.tracker_store)
                if store is None:
                    return
                self._statuses = await asyncio.to_thread(StatusStore, store.engine)
            by_customer: dict[str, list] = {}
            for status in batch.statuses:
                by_customer.setdefault(f"{WHATSAPP}:{status.customer}", []).append(status)
            for conversation, statuses in by_customer.items():
                await asyncio.to_thread(self._statuses.record, conversation, statuses)
        except Exception as error:  # statuses are for the console: never a failed webhook
            log.error("WhatsApp statuses not kept: %s", type(error).__name__)

    async def send_text(
        self, app: Sanic, graph: GraphClient, customer: str, text: str
    ) -> SendResult:
        """A free-form message from customer service; OutsideWindow when WhatsApp would refuse
        it (the caller then needs a template)."""
        tracker = await app.ctx.agent.tracker_store.retrieve(f"{WHATSAPP}:{customer}")
        if not window_open(list(tracker.events) if tracker else [], time.time()):
            raise OutsideWindow(customer)
        result = SendResult(ok=True, status=None)
        for body in self.bodies(customer, Bubble(text)):
            result = await graph.post(self.messages_path(), body)
            if result.outside_window:
                raise OutsideWindow(customer)
        return result
