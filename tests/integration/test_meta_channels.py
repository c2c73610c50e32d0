"""Messenger and WhatsApp (cadomaestro/channels/meta/) against the real Rasa, action and order
servers on localhost and a fake Graph API server of the tests' own (tests/fake_graph.py), with
webhook payloads shaped like Meta's documented ones (tests/meta_payloads.py)."""

from __future__ import annotations

import io
import json
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

import pytest
from PIL import Image

from cadomaestro.channels.meta.channel import UNSUPPORTED
from cadomaestro.channels.meta.signature import expected_signature
from tests import meta_payloads as meta
from tests.conftest import META_SECRETS
from tests.faq_entries import faq_entries

ANSWERS = {e.full_intent: e.answer for e in faq_entries()}
PHONE_ID = META_SECRETS["WHATSAPP_PHONE_NUMBER_ID"]
SECRETS = {
    "messenger": META_SECRETS["MESSENGER_APP_SECRET"],
    "whatsapp": META_SECRETS["WHATSAPP_APP_SECRET"],
}
TIMEOUT_S = 60


def first_paragraph(topic: str) -> str:
    return ANSWERS[topic].split("\n\n")[0]


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (120, 60, 30)).save(out, "JPEG")
    return out.getvalue()


class Platform:
    """One platform's webhook on the running assistant, and what it sent to the fake Graph."""

    def __init__(self, assistant, graph, name: str) -> None:
        self.assistant, self.graph, self.name = assistant, graph, name
        self.url = f"{assistant.base_url}/webhooks/{name}/webhook"

    def post(
        self, body: Any, *, signature: str | None = "valid", raw: bytes | None = None
    ) -> tuple[int, str]:
        data = raw if raw is not None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if signature == "valid":
            signature = expected_signature(data, SECRETS[self.name])
        if signature is not None:
            headers["X-Hub-Signature-256"] = signature
        request = urllib.request.Request(self.url, data, headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def verify(self, **query: str) -> tuple[int, str]:
        url = f"{self.url}?{urllib.parse.urlencode(query)}"
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def sent_to(self, customer: str) -> list[dict[str, Any]]:
        """The messages (not the sender actions or read receipts) sent to `customer`."""
        bodies = [r.json for r in self.graph.requests if isinstance(r.json, dict)]
        if self.name == "messenger":
            return [b for b in bodies if b.get("recipient", {}).get("id") == customer
                    and "message" in b]  # fmt: skip
        return [b for b in bodies if b.get("to") == customer and b.get("type")]

    def texts(self, customer: str) -> list[str]:
        out = []
        for body in self.sent_to(customer):
            if self.name == "messenger":
                out.append(body["message"].get("text", ""))
            elif body["type"] == "text":
                out.append(body["text"]["body"])
            else:
                out.append(body["interactive"]["body"]["text"])
        return out

    def wait_for(self, customer: str, sent: Any) -> dict[str, Any]:
        """The first message sent to `customer` for which `sent(body)` holds (waits for it)."""
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            found = [body for body in self.sent_to(customer) if sent(body)]
            if found:
                return found[0]
            time.sleep(0.1)
        raise AssertionError(f"never sent to {customer}: {self.sent_to(customer)}")

    def wait_text(self, customer: str, fragment: str, count: int = 1) -> list[str]:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            texts = self.texts(customer)
            if sum(fragment in t for t in texts) >= count:
                return texts
            time.sleep(0.1)
        raise AssertionError(f"{fragment!r} never sent to {customer}: {self.texts(customer)}")


@pytest.fixture
def messenger(assistant, fake_graph) -> Platform:
    return Platform(assistant, fake_graph, "messenger")


@pytest.fixture
def whatsapp(assistant, fake_graph) -> Platform:
    return Platform(assistant, fake_graph, "whatsapp")


def psid() -> str:
    return str(uuid.uuid4().int)[:16]


def wa_id() -> str:
    return "33" + str(uuid.uuid4().int)[:9]


def wamid() -> str:
    return "wamid." + uuid.uuid4().hex


@pytest.mark.parametrize("name", ["messenger", "whatsapp"])
def test_meta_s_verification(assistant, fake_graph, name: str) -> None:
    platform = Platform(assistant, fake_graph, name)
    token = META_SECRETS[f"{name.upper()}_VERIFY_TOKEN"]
    ok = {"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "1158201444"}
    assert platform.verify(**ok) == (200, "1158201444")
    assert platform.verify(**{**ok, "hub.verify_token": "autre"})[0] == 403
    assert platform.verify(**{**ok, "hub.mode": "unsubscribe"})[0] == 403
    assert platform.verify()[0] == 403


def test_signatures_sizes_and_shapes_are_checked_and_the_server_goes_on(messenger) -> None:
    customer = psid()
    body = meta.messenger_body(meta.messenger_text(customer, f"m_{customer}", "bonjour"))
    data = json.dumps(body).encode()
    assert messenger.post(body, signature=None)[0] == 403
    assert messenger.post(body, signature="sha256=" + "0" * 64)[0] == 403
    tampered = data.replace(b"bonjour", b"bonsoir")
    signed = expected_signature(data, SECRETS["messenger"])
    assert messenger.post(None, raw=tampered, signature=signed)[0] == 403
    assert messenger.post(None, raw=b"x" * (1024 * 1024 + 1))[0] == 413
    assert messenger.post(None, raw=b"{pas du json")[0] == 400
    assert messenger.post(None, raw=b"[" * 10_000 + b"]" * 10_000)[0] == 400
    assert messenger.post({"object": "page", "entry": "liste"})[0] == 400
    wrong = {"sender": {"id": 42}, "recipient": {"id": "1"}, "timestamp": 1, "message": {}}
    assert messenger.post({"object": "page", "entry": [{"messaging": [wrong]}]})[0] == 400
    time.sleep(1)
    assert messenger.sent_to(customer) == []  # nothing processed
    # Unknown fields are Meta's right: the message is answered, and the server still serves.
    extra = meta.messenger_body(
        meta.messenger_text(customer, f"m2_{customer}", "vous livrez en Belgique ?")
    )
    extra["entry"][0]["nouveau_champ"] = {"x": 1}
    assert messenger.post(extra) == (200, "EVENT_RECEIVED")
    messenger.wait_text(customer, first_paragraph("faq/pays_livraison"))


def test_messenger_answers_marks_seen_and_types(messenger, fake_graph) -> None:
    customer = psid()
    messenger.post(
        meta.messenger_body(
            meta.messenger_text(customer, f"m_{customer}", "vs livrez en belgique ?")
        )
    )
    messenger.wait_text(customer, first_paragraph("faq/pays_livraison"))
    actions = [
        r.json.get("sender_action")
        for r in fake_graph.requests
        if isinstance(r.json, dict) and r.json.get("recipient", {}).get("id") == customer
    ]
    assert actions[:2] == ["mark_seen", "typing_on"]
    [answer] = messenger.sent_to(customer)
    assert answer["messaging_type"] == "RESPONSE"


def test_a_batch_of_entries_and_customers_each_answered_once_in_order(messenger) -> None:
    first, second = psid(), psid()
    body = meta.messenger_body(
        [meta.messenger_text(first, f"a1_{first}", "vous livrez en Belgique ?"),
         meta.messenger_text(second, f"b1_{second}", "quels sont les moyens de paiement ?")],
        meta.messenger_text(first, f"a2_{first}", "quels sont les frais de livraison ?"),
    )  # fmt: skip
    assert messenger.post(body)[0] == 200
    texts = messenger.wait_text(first, first_paragraph("faq/delais_frais_livraison"))
    belgium = next(i for i, t in enumerate(texts) if first_paragraph("faq/pays_livraison") in t)
    fees_answer = first_paragraph("faq/delais_frais_livraison")
    fees = next(i for i, t in enumerate(texts) if fees_answer in t)
    assert belgium < fees
    messenger.wait_text(second, first_paragraph("faq/modes_paiement"))
    # The same delivery again (Meta retries): nothing answered twice.
    assert messenger.post(body)[0] == 200
    time.sleep(2)
    assert len(messenger.sent_to(second)) == 1


def test_messenger_clarification_quick_replies_and_their_payload(messenger) -> None:
    customer = psid()
    messenger.post(
        meta.messenger_body(meta.messenger_text(customer, f"m1_{customer}", "livraison"))
    )
    deadline = time.monotonic() + TIMEOUT_S
    while not any("quick_replies" in b["message"] for b in messenger.sent_to(customer)):
        assert time.monotonic() < deadline, messenger.sent_to(customer)
        time.sleep(0.1)
    offer = next(b for b in messenger.sent_to(customer) if "quick_replies" in b["message"])
    reply = offer["message"]["quick_replies"][0]
    assert len(reply["title"]) <= 20
    event = meta.messenger_quick_reply(customer, f"m2_{customer}", reply["title"], reply["payload"])
    messenger.post(meta.messenger_body(event))
    count = len(messenger.sent_to(customer))
    deadline = time.monotonic() + TIMEOUT_S
    while len(messenger.sent_to(customer)) == count:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert "pas sûr" not in messenger.texts(customer)[-1]


def test_whatsapp_buttons_and_their_replies(whatsapp) -> None:
    customer = wa_id()
    whatsapp.post(meta.whatsapp_body(meta.whatsapp_text(customer, wamid(), "livraison")))
    offer = whatsapp.wait_for(customer, lambda body: body["type"] == "interactive")
    deadline = time.monotonic() + TIMEOUT_S
    interactive = offer["interactive"]
    if interactive["type"] == "button":
        first = interactive["action"]["buttons"][0]["reply"]
    else:
        first = interactive["action"]["sections"][0]["rows"][0]
    event = meta.whatsapp_button_reply(customer, wamid(), first["id"], first["title"])
    count = len(whatsapp.sent_to(customer))
    whatsapp.post(meta.whatsapp_body(event))
    while len(whatsapp.sent_to(customer)) == count:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert "pas sûr" not in whatsapp.texts(customer)[-1]


def rest(assistant, sender: str, message: str) -> list[dict]:
    body = json.dumps({"sender": sender, "message": message}).encode()
    with urllib.request.urlopen(urllib.request.Request(assistant.rest_url, body), timeout=60) as a:
        return json.loads(a.read())


def test_a_number_typed_back_picks_the_choice(whatsapp, assistant) -> None:
    # What the first choice answers, through the REST channel.
    offered = rest(assistant, "rest-" + wamid(), "livraison")[-1]["buttons"]
    expected = rest(assistant, "rest-" + wamid(), offered[0]["payload"])[0]["text"]
    customer = wa_id()
    whatsapp.post(meta.whatsapp_body(meta.whatsapp_text(customer, wamid(), "livraison")))
    whatsapp.wait_for(customer, lambda body: body["type"] == "interactive")
    whatsapp.post(meta.whatsapp_body(meta.whatsapp_text(customer, wamid(), "le 1")))
    whatsapp.wait_text(customer, expected.split("\n\n")[0])


def test_a_whole_order_conversation_with_a_photo_on_messenger(
    messenger, fake_graph, assistant
) -> None:
    customer = psid()

    def say(text: str, n: int) -> None:
        messenger.post(meta.messenger_body(meta.messenger_text(customer, f"m{n}_{customer}", text)))

    say("La bougie parfumée de ma commande est arrivée cassée en deux", 1)
    messenger.wait_text(customer, "référence")
    say("FGHJKLMNB", 2)
    messenger.wait_text(customer, "code postal")
    say("44000", 3)
    messenger.wait_text(customer, "Envoyez-moi maintenant une seule photo")
    url = fake_graph.add_cdn_file(f"bougie-{customer}.jpg", jpeg())
    messenger.post(meta.messenger_body(meta.messenger_image(customer, f"m4_{customer}", url)))
    messenger.wait_text(customer, "C’est transmis")
    [request] = assistant.orders.get(f"/v1/requests?conversation_id=messenger:{customer}")[
        "requests"
    ]
    assert request["kind"] == "sav" and request["attachments"][0].startswith(
        f"{assistant.base_url}/media/"
    )
    with urllib.request.urlopen(request["attachments"][0], timeout=10) as photo:
        assert Image.open(io.BytesIO(photo.read())).size == (400, 300)


def test_a_whole_order_conversation_with_a_photo_on_whatsapp(
    whatsapp, fake_graph, assistant
) -> None:
    customer = wa_id()

    def say(text: str) -> None:
        whatsapp.post(meta.whatsapp_body(meta.whatsapp_text(customer, wamid(), text)))

    say("La bougie parfumée de ma commande est arrivée cassée en deux")
    whatsapp.wait_text(customer, "référence")
    say("FGHJKLMNB")
    whatsapp.wait_text(customer, "code postal")
    say("44000")
    whatsapp.wait_text(customer, "Envoyez-moi maintenant une seule photo")
    media_id = str(uuid.uuid4().int)[:15]
    fake_graph.add_media(media_id, jpeg(), "image/jpeg")
    whatsapp.post(meta.whatsapp_body(meta.whatsapp_image(customer, wamid(), media_id, "voilà")))
    whatsapp.wait_text(customer, "C’est transmis")
    [request] = assistant.orders.get(f"/v1/requests?conversation_id=whatsapp:{customer}")[
        "requests"
    ]
    assert request["kind"] == "sav" and len(request["attachments"]) == 1
    read = [
        r.json
        for r in fake_graph.requests
        if isinstance(r.json, dict) and r.json.get("status") == "read"
    ]
    assert read and read[0]["typing_indicator"] == {"type": "text"}


def test_whatsapp_statuses_are_kept_and_other_kinds_answered(whatsapp, assistant) -> None:
    customer = wa_id()
    sent = wamid()
    body = meta.whatsapp_body([meta.whatsapp_status(customer, sent, "delivered"),
                               meta.whatsapp_status(customer, sent, "failed")])  # fmt: skip
    assert whatsapp.post(body)[0] == 200
    whatsapp.post(meta.whatsapp_body(meta.whatsapp_unsupported("audio", customer, wamid())))
    whatsapp.wait_text(customer, UNSUPPORTED)
    with sqlite3.connect(assistant.tracker_db) as db:
        rows = db.execute(
            "SELECT status, error_code FROM delivery_statuses WHERE conversation = ?",
            (f"whatsapp:{customer}",),
        ).fetchall()
    assert [r[0] for r in rows] == ["delivered", "failed"] and rows[1][1] is not None


def test_a_failing_graph_api_is_retried_and_the_conversation_goes_on(messenger, fake_graph) -> None:
    customer = psid()
    fake_graph.fail_next("/me/messages", 500, times=1)
    messenger.post(
        meta.messenger_body(
            meta.messenger_text(customer, f"m1_{customer}", "vous livrez en Belgique ?")
        )
    )
    messenger.wait_text(customer, first_paragraph("faq/pays_livraison"))
    # Refused (400): dropped, not retried; the conversation goes on with the next message.
    fake_graph.fail_next("/me/messages", 400, code=100, times=3)  # seen, typing, the answer
    second = "quels sont les moyens de paiement ?"
    messenger.post(meta.messenger_body(meta.messenger_text(customer, f"m2_{customer}", second)))
    fake_graph.wait_for(lambda r: r.status == 400, count=3, timeout=TIMEOUT_S)
    third = "vous livrez en Belgique ?"
    messenger.post(meta.messenger_body(meta.messenger_text(customer, f"m3_{customer}", third)))
    messenger.wait_text(customer, first_paragraph("faq/pays_livraison"), count=2)


def test_a_message_seen_before_a_restart_is_not_answered_again(messenger, assistant) -> None:
    customer = psid()
    body = meta.messenger_body(
        meta.messenger_text(customer, f"m_{customer}", "vous livrez en Belgique ?")
    )
    messenger.post(body)
    messenger.wait_text(customer, first_paragraph("faq/pays_livraison"))
    assistant.stack.rasa.stop()
    assistant.stack.rasa.start()
    assert messenger.post(body)[0] == 200
    time.sleep(3)
    assert len(messenger.sent_to(customer)) == 1


def test_handover_through_a_postback_on_messenger(messenger) -> None:
    customer = psid()
    event = meta.messenger_postback(
        customer, f"m_{customer}", "/parler_humain", "Parler à quelqu’un"
    )
    messenger.post(meta.messenger_body(event))
    messenger.wait_text(customer, "04 81 64 00 80")


def test_whatsapp_checks_signatures_and_takes_a_batch_of_changes(whatsapp) -> None:
    first, second = wa_id(), wa_id()
    body = meta.whatsapp_body(
        [meta.whatsapp_text(first, wamid(), "vous livrez en Belgique ?"),
         meta.whatsapp_text(second, wamid(), "je veux parler a un conseiller")],
        meta.whatsapp_text(first, wamid(), "quels sont les moyens de paiement ?"),
    )  # fmt: skip
    assert whatsapp.post(body, signature=None)[0] == 403
    assert whatsapp.post(body, signature="sha256=" + "a" * 64)[0] == 403
    assert (
        whatsapp.post({"object": "whatsapp_business_account", "entry": [{"changes": 3}]})[0] == 400
    )
    assert whatsapp.post(body) == (200, "EVENT_RECEIVED")
    texts = whatsapp.wait_text(first, first_paragraph("faq/modes_paiement"))
    belgium = next(i for i, t in enumerate(texts) if first_paragraph("faq/pays_livraison") in t)
    payment = next(i for i, t in enumerate(texts) if first_paragraph("faq/modes_paiement") in t)
    assert belgium < payment
    whatsapp.wait_text(second, "04 81 64 00 80")


def test_a_file_that_is_no_photo_gets_a_french_message(whatsapp, fake_graph, assistant) -> None:
    customer = wa_id()
    media_id = str(uuid.uuid4().int)[:15]
    fake_graph.add_media(media_id, b"%PDF-1.7 facture", "image/jpeg")
    whatsapp.post(meta.whatsapp_body(meta.whatsapp_image(customer, wamid(), media_id, "")))
    whatsapp.wait_text(customer, "n’est pas une photo que je peux lire")
    missing = str(uuid.uuid4().int)[:15]  # unknown to the media endpoint
    whatsapp.post(meta.whatsapp_body(meta.whatsapp_image(customer, wamid(), missing, "")))
    whatsapp.wait_text(customer, "Je n’ai pas pu récupérer votre photo")
