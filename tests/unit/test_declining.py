"""What counts as an out-of-scope message answered with a topic, once through the dialogue
(cadomaestro/evaluation/declining.py): the replies as the REST channel sends them, with the
domain's real texts."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp import web

from cadomaestro.domain import responses
from cadomaestro.evaluation.declining import DecliningResult, answers_a_topic, replay_messages

RESPONSES = responses()


def sent(name: str, **slots: str) -> list[dict[str, Any]]:
    """A response as the REST channel sends it: one message per paragraph."""
    text = RESPONSES[name][0]["text"].format(**slots)
    return [{"recipient_id": "x", "text": part} for part in text.split("\n\n")]


FAQ_ANSWER = [{"text": "CadoMaestro livre essentiellement sur le continent Européen."}]
CLARIFY = [{"text": RESPONSES["utter_clarify"][0]["text"],
            "buttons": [{"title": "Pays de livraison", "payload": "/faq"}]}]  # fmt: skip


@pytest.mark.parametrize(
    ("replies", "topic"),
    [
        (sent("utter_out_of_scope"), False),
        (sent("utter_anglais"), False),
        # an insult read as « are you a bot? »: the calm answer, then the contacts (two
        # paragraphs, two messages)
        (sent("utter_insulte") + sent("utter_parler_humain"), False),
        ([{"text": "Bonsoir !"}, *sent("utter_out_of_scope")], False),
        (sent("utter_greet", salutation="Bonsoir"), False),
        (sent("utter_comprendre_agacement") + CLARIFY, False),
        (sent("utter_iamabot"), False),
        # a text with buttons comes whole, its paragraphs together
        (
            [{"text": RESPONSES["utter_parler_humain"][0]["text"], "buttons": [{"title": "x"}]}],
            False,
        ),
        ([], False),
        ([{"recipient_id": "x", "text": ""}], False),
        (FAQ_ANSWER, True),
        ([{"text": "Bonjour !"}, *FAQ_ANSWER], True),
        (sent("utter_ask_reference_commande"), True),  # an order's problem: its identification
        ([{"text": "Super !"}], True),  # a word and « ! », but no greeting mirrored
        ([{"recipient_id": "x", "image": "https://example.org/a.png"}], True),
        (sent("utter_out_of_scope") + FAQ_ANSWER, True),
        # a declining response's paragraph with more after it is another text
        ([{"text": RESPONSES["utter_out_of_scope"][0]["text"] + " Mais voici nos délais."}], True),
    ],
)
def test_a_topic_is_any_reply_but_declining_small_talk_and_the_contacts(
    replies: list[dict[str, Any]], topic: bool
) -> None:
    assert answers_a_topic(replies) is topic


def test_a_message_without_a_reply_is_counted_apart() -> None:
    """A real HTTP server on localhost: « panne » gets a 500, « ciao » the out-of-scope reply,
    « livraison ? » an answer; the 500 is neither answered nor declined."""
    out_of_scope = RESPONSES["utter_out_of_scope"][0]["text"]

    async def webhook(request: web.Request) -> web.Response:
        message = (await request.json())["message"]
        if message == "panne":
            return web.Response(status=500)
        text = out_of_scope if message == "ciao" else "Nous livrons en 48 h."
        return web.json_response([{"recipient_id": "x", "text": text}])

    async def run() -> DecliningResult:
        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        try:
            url = f"http://127.0.0.1:{port}/webhook"
            return await replay_messages(url, ["panne", "ciao", "livraison ?", "ciao"])
        finally:
            await runner.cleanup()

    assert asyncio.run(run()) == DecliningResult(messages=4, answered=1, failed=1)
