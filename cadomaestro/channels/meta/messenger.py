"""Facebook Messenger (`/webhooks/messenger/webhook`): the page's messages through Meta's
webhooks, answers through the Send API (`me/messages`), quick replies for the assistant's
choices, `mark_seen` and `typing_on` while it works. See cadomaestro.channels.meta.channel."""

from __future__ import annotations

from typing import Any

from cadomaestro.channels.meta.channel import MetaChannel
from cadomaestro.channels.meta.events import messenger_batch
from cadomaestro.channels.meta.graph import GraphClient
from cadomaestro.channels.meta.model import MESSENGER, Batch, Bubble, Incoming
from cadomaestro.channels.meta.outbound import messenger_bodies
from cadomaestro.server.settings import MESSENGER_VARIABLES, MetaApp


class MessengerInput(MetaChannel):
    platform = MESSENGER
    variables = MESSENGER_VARIABLES

    def meta_app(self) -> MetaApp | None:
        return self.settings.messenger

    def parse(self, body: Any) -> Batch:
        return messenger_batch(body)

    def bodies(self, customer: str, bubble: Bubble) -> list[dict[str, Any]]:
        return messenger_bodies(customer, bubble)

    def messages_path(self) -> str:
        return "me/messages"

    async def acknowledge(self, graph: GraphClient, incoming: Incoming) -> None:
        for action in ("mark_seen", "typing_on"):
            body = {"recipient": {"id": incoming.customer}, "sender_action": action}
            await graph.post(self.messages_path(), body)

    async def image(self, graph: GraphClient, incoming: Incoming, max_bytes: int) -> bytes | None:
        url = incoming.image.url if incoming.image else None
        return await graph.download(url, max_bytes=max_bytes, authorized=False) if url else None
