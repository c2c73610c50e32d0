"""Messenger and WhatsApp webhook bodies read into batches (cadomaestro/channels/meta/events.py),
from Meta's documented shapes (tests/meta_payloads.py) and hostile variations of them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cadomaestro.channels.meta.events import messenger_batch, whatsapp_batch
from cadomaestro.channels.meta.model import (
    MESSENGER,
    WHATSAPP,
    Batch,
    Incoming,
    MalformedPayload,
    MediaRef,
    Status,
)
from tests.meta_payloads import (
    IMAGE_URL,
    MEDIA_ID,
    PSID,
    STICKER_ID,
    TS,
    TS_MS,
    WA_ID,
    WAMID,
    messenger_attachment,
    messenger_attachments,
    messenger_body,
    messenger_delivery,
    messenger_echo,
    messenger_image,
    messenger_postback,
    messenger_quick_reply,
    messenger_reaction,
    messenger_read,
    messenger_sticker,
    messenger_text,
    whatsapp_body,
    whatsapp_button,
    whatsapp_button_reply,
    whatsapp_image,
    whatsapp_list_reply,
    whatsapp_status,
    whatsapp_text,
    whatsapp_unsupported,
)

DELETE = object()
SECONDS = TS_MS / 1000


def changed(body: dict[str, Any], *edits: tuple[str, Any]) -> dict[str, Any]:
    """A copy of `body` with values replaced (or deleted with DELETE) at dotted paths, list
    indexes included: `("entry.0.messaging.0.sender.id", None)`."""
    body = copy.deepcopy(body)
    for path, value in edits:
        *parents, last = path.split(".")
        node: Any = body
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        key_: Any = int(last) if isinstance(node, list) else last
        if value is DELETE:
            del node[key_]
        else:
            node[key_] = value
    return body


def mine(**fields: Any) -> Incoming:
    base: dict[str, Any] = {"platform": MESSENGER, "customer": PSID, "message_id": "m_1",
                            "timestamp": SECONDS}  # fmt: skip
    return Incoming(**{**base, **fields})


def wa(**fields: Any) -> Incoming:
    base: dict[str, Any] = {"platform": WHATSAPP, "customer": WA_ID, "message_id": WAMID,
                            "timestamp": float(TS)}  # fmt: skip
    return Incoming(**{**base, **fields})


# --- Messenger ----------------------------------------------------------------------------

MESSENGER_READ = [
    ("text", messenger_text(text="vous livrez en Belgique ?"),
     [mine(text="vous livrez en Belgique ?")]),
    ("quick reply: payload and title", messenger_quick_reply(text="Oui", payload="/affirm"),
     [mine(text="Oui", payload="/affirm")]),
    ("postback: payload, title ignored", messenger_postback(payload="/parler_humain"),
     [mine(payload="/parler_humain")]),
    ("postback without mid (older Graph versions)",
     changed(messenger_postback(), ("postback.mid", DELETE)),
     [mine(message_id=f"postback:{PSID}:{TS_MS}", payload="/parler_humain")]),
    ("postback without payload", changed(messenger_postback(), ("postback.payload", DELETE)), []),
    ("photo", messenger_image(url=IMAGE_URL), [mine(image=MediaRef(url=IMAGE_URL))]),
    ("two photos in one message",
     messenger_attachments(PSID, "m_1", [{"type": "image", "payload": {"url": "https://a/1"}},
                                         {"type": "image", "payload": {"url": "https://a/2"}}]),
     [mine(image=MediaRef(url="https://a/1")),
      mine(message_id="m_1#2", image=MediaRef(url="https://a/2"))]),
    ("sticker (image with sticker_id)", messenger_sticker(), [mine(unsupported="sticker")]),
    ("sticker during the 2026 transition", messenger_sticker(transition=True),
     [mine(unsupported="sticker")]),
    ("sticker id on the message (old format)",
     changed(messenger_text(), ("message.text", DELETE), ("message.sticker_id", STICKER_ID)),
     [mine(unsupported="sticker")]),
    ("audio", messenger_attachment("audio"), [mine(unsupported="audio")]),
    ("video", messenger_attachment("video"), [mine(unsupported="video")]),
    ("file", messenger_attachment("file"), [mine(unsupported="file")]),
    ("location", messenger_attachment("location"), [mine(unsupported="location")]),
    ("fallback without payload", messenger_attachment("fallback"),
     [mine(unsupported="fallback")]),
    ("a type Meta adds later", messenger_attachment("ig_reel"), [mine(unsupported="ig_reel")]),
    ("a shared link: text and fallback",
     changed(messenger_attachment("fallback"), ("message.text", "https://www.cadomaestro.fr/x")),
     [mine(text="https://www.cadomaestro.fr/x")]),
    ("photo and other attachment: the photo",
     messenger_attachments(PSID, "m_1", [{"type": "video", "payload": {"url": "https://v"}},
                                         {"type": "image", "payload": {"url": "https://a/1"}}]),
     [mine(image=MediaRef(url="https://a/1"))]),
    ("echo of the page's message", messenger_echo(), []),
    ("delivery", messenger_delivery(), []),
    ("read", messenger_read(), []),
    ("reaction", messenger_reaction(), []),
    ("optin", {"sender": {"id": PSID}, "recipient": {"id": "1"}, "timestamp": TS_MS,
               "optin": {"ref": "x"}}, []),
    ("an event Meta adds later", {"sender": {"id": PSID}, "message_edit": {"mid": "m_1"}}, []),
    ("chat plugin guest", changed(messenger_text(), ("sender", {"user_ref": "abc"})), []),
    ("empty message", changed(messenger_text(), ("message.text", DELETE)), []),
    ("empty text", messenger_text(text=""), []),
    ("unknown fields everywhere",
     changed(messenger_text(text="ok"), ("message.nlp", {"entities": {}}), ("extra", [1]),
             ("sender.name", "x"), ("message.reply_to", {"mid": "m_0", "is_self_reply": False})),
     [mine(text="ok")]),
    ("string timestamp", changed(messenger_text(text="ok"), ("timestamp", str(TS_MS))),
     [mine(text="ok")]),
    ("milliseconds to seconds", messenger_text(text="ok", ts_ms=1458692752478),
     [mine(text="ok", timestamp=1458692752.478)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("event", "expected"), [c[1:] for c in MESSENGER_READ], ids=[c[0] for c in MESSENGER_READ]
)
def test_messenger_event(event: dict[str, Any], expected: list[Incoming]) -> None:
    assert messenger_batch(messenger_body(event)) == Batch(messages=expected)


def test_messenger_batch_keeps_meta_order_across_entries_and_customers() -> None:
    body = messenger_body(
        [messenger_text("111", "m_a", "bonjour", TS_MS), messenger_read("111"),
         messenger_text("222", "m_b", "salut", TS_MS + 1)],
        messenger_echo("111"),
        [messenger_postback("222", "m_c", "/affirm", "Oui", TS_MS + 2),
         messenger_text("111", "m_d", "ma commande", TS_MS + 3)],
    )  # fmt: skip
    batch = messenger_batch(body)
    assert [(m.customer, m.message_id) for m in batch.messages] == [
        ("111", "m_a"), ("222", "m_b"), ("222", "m_c"), ("111", "m_d")]  # fmt: skip
    assert batch.statuses == []


def test_messenger_entries_without_messaging_are_skipped() -> None:
    body = messenger_body(messenger_text(text="ok"))
    body["entry"].insert(0, {"id": "1", "time": TS_MS, "standby": [messenger_text(text="no")]})
    body["entry"].append({"id": "1", "time": TS_MS, "changes": [{"field": "feed"}]})
    assert messenger_batch(body).messages == [mine(text="ok")]


M = "entry.0.messaging.0"
MESSENGER_MALFORMED = [
    ("body a list", [messenger_text()], "body"),
    ("body null", None, "body"),
    ("wrong object", {"object": "instagram", "entry": []}, "object"),
    ("whatsapp body", whatsapp_body(whatsapp_text()), "object"),
    ("no entry", {"object": "page"}, "entry"),
    ("entry an object", {"object": "page", "entry": {}}, "entry"),
    ("entry null", {"object": "page", "entry": None}, "entry"),
    ("entry item a list", {"object": "page", "entry": [[]]}, "entry[0]"),
    ("messaging an object", changed(messenger_body(messenger_text()), ("entry.0.messaging", {})),
     "entry[0].messaging"),
    ("event a list", messenger_body([messenger_text(), ["x"]]), "entry[0].messaging[1]"),
    ("event a string", messenger_body([messenger_text(), "x"]), "entry[0].messaging[1]"),
    ("no sender", changed(messenger_body(messenger_text()), (f"{M}.sender", DELETE)),
     "entry[0].messaging[0].sender"),
    ("sender a string", changed(messenger_body(messenger_text()), (f"{M}.sender", PSID)),
     "entry[0].messaging[0].sender"),
    ("null sender id", changed(messenger_body(messenger_text()), (f"{M}.sender.id", None)),
     "entry[0].messaging[0].sender.id"),
    ("number sender id", changed(messenger_body(messenger_text()), (f"{M}.sender.id", 123)),
     "entry[0].messaging[0].sender.id"),
    ("empty sender id", changed(messenger_body(messenger_text()), (f"{M}.sender.id", "")),
     "entry[0].messaging[0].sender.id"),
    ("message a list", changed(messenger_body(messenger_text()), (f"{M}.message", [])),
     "entry[0].messaging[0].message"),
    ("no mid", changed(messenger_body(messenger_text()), (f"{M}.message.mid", DELETE)),
     "entry[0].messaging[0].message.mid"),
    ("text a number", changed(messenger_body(messenger_text()), (f"{M}.message.text", 12)),
     "entry[0].messaging[0].message.text"),
    ("text null", changed(messenger_body(messenger_text()), (f"{M}.message.text", None)),
     "entry[0].messaging[0].message.text"),
    ("text a list", changed(messenger_body(messenger_text()), (f"{M}.message.text", ["a"])),
     "entry[0].messaging[0].message.text"),
    ("is_echo a string", changed(messenger_body(messenger_echo()), (f"{M}.message.is_echo", "1")),
     "entry[0].messaging[0].message.is_echo"),
    ("no timestamp", changed(messenger_body(messenger_text()), (f"{M}.timestamp", DELETE)),
     "entry[0].messaging[0].timestamp"),
    ("timestamp a word", changed(messenger_body(messenger_text()), (f"{M}.timestamp", "hier")),
     "entry[0].messaging[0].timestamp"),
    ("timestamp a boolean", changed(messenger_body(messenger_text()), (f"{M}.timestamp", True)),
     "entry[0].messaging[0].timestamp"),
    ("negative timestamp", changed(messenger_body(messenger_text()), (f"{M}.timestamp", -1)),
     "entry[0].messaging[0].timestamp"),
    ("infinite timestamp", changed(messenger_body(messenger_text()),
                                   (f"{M}.timestamp", float("inf"))),
     "entry[0].messaging[0].timestamp"),
    ("quick reply a string",
     changed(messenger_body(messenger_quick_reply()), (f"{M}.message.quick_reply", "/affirm")),
     "entry[0].messaging[0].message.quick_reply"),
    ("quick reply payload a number",
     changed(messenger_body(messenger_quick_reply()), (f"{M}.message.quick_reply.payload", 1)),
     "entry[0].messaging[0].message.quick_reply.payload"),
    ("attachments an object",
     changed(messenger_body(messenger_image()), (f"{M}.message.attachments", {"type": "image"})),
     "entry[0].messaging[0].message.attachments"),
    ("attachment a string",
     changed(messenger_body(messenger_image()), (f"{M}.message.attachments.0", "image")),
     "entry[0].messaging[0].message.attachments[0]"),
    ("attachment without type",
     changed(messenger_body(messenger_image()), (f"{M}.message.attachments.0.type", DELETE)),
     "entry[0].messaging[0].message.attachments[0].type"),
    ("image without payload",
     changed(messenger_body(messenger_image()), (f"{M}.message.attachments.0.payload", DELETE)),
     "entry[0].messaging[0].message.attachments[0].payload"),
    ("image url null",
     changed(messenger_body(messenger_image()),
             (f"{M}.message.attachments.0.payload.url", None)),
     "entry[0].messaging[0].message.attachments[0].payload.url"),
    ("postback a string", changed(messenger_body(messenger_postback()), (f"{M}.postback", "x")),
     "entry[0].messaging[0].postback"),
    ("postback payload a number",
     changed(messenger_body(messenger_postback()), (f"{M}.postback.payload", 3)),
     "entry[0].messaging[0].postback.payload"),
    ("postback mid null",
     changed(messenger_body(messenger_postback()), (f"{M}.postback.mid", None)),
     "entry[0].messaging[0].postback.mid"),
    ("second entry broken", messenger_body(messenger_text(), [messenger_text(), {"message": 1}]),
     "entry[1].messaging[1].message"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "where"), [c[1:] for c in MESSENGER_MALFORMED], ids=[c[0] for c in MESSENGER_MALFORMED]
)
def test_messenger_malformed(body: Any, where: str) -> None:
    with pytest.raises(MalformedPayload) as refused:
        messenger_batch(body)
    assert str(refused.value).startswith(f"{where}: ")


# --- WhatsApp -----------------------------------------------------------------------------

WHATSAPP_READ = [
    ("text", whatsapp_text(text="ma commande n'est pas arrivée"),
     [wa(text="ma commande n'est pas arrivée")]),
    ("reply button: id as payload, title as text",
     whatsapp_button_reply(reply_id="/affirm", title="Oui"), [wa(text="Oui", payload="/affirm")]),
    ("list row", whatsapp_list_reply(reply_id="choice:4:0a1b2c3d", title="Retours",
                                     description="Retourner un article"),
     [wa(text="Retours", payload="choice:4:0a1b2c3d")]),
    ("list row without title", changed(whatsapp_list_reply(),
                                       ("messages.0.interactive.list_reply.title", DELETE)),
     [wa(payload="/affirm")]),
    ("template quick-reply button", whatsapp_button(payload="STOP", text="Se désabonner"),
     [wa(text="Se désabonner", payload="STOP")]),
    ("photo with caption", whatsapp_image(media_id="42", caption="le colis abîmé"),
     [wa(text="le colis abîmé", image=MediaRef(media_id="42", mime_type="image/jpeg"))]),
    ("photo without caption", whatsapp_image(media_id="42"),
     [wa(image=MediaRef(media_id="42", mime_type="image/jpeg"))]),
    ("photo without mime type", changed(whatsapp_image(), ("messages.0.image.mime_type", DELETE)),
     [wa(image=MediaRef(media_id=MEDIA_ID))]),
    ("audio", whatsapp_unsupported("audio"), [wa(unsupported="audio")]),
    ("video", whatsapp_unsupported("video"), [wa(unsupported="video")]),
    ("document", whatsapp_unsupported("document"), [wa(unsupported="document")]),
    ("sticker", whatsapp_unsupported("sticker"), [wa(unsupported="sticker")]),
    ("location", whatsapp_unsupported("location"), [wa(unsupported="location")]),
    ("contacts", whatsapp_unsupported("contacts"), [wa(unsupported="contacts")]),
    ("unsupported (Cloud API's unknown type)", whatsapp_unsupported(),
     [wa(unsupported="unsupported")]),
    ("a type Meta adds later", changed(whatsapp_text(), ("messages.0.type", "poll")),
     [wa(unsupported="poll")]),
    ("interactive Flow reply",
     changed(whatsapp_button_reply(),
             ("messages.0.interactive", {"type": "nfm_reply", "nfm_reply": {"body": "Sent"}})),
     [wa(unsupported="interactive")]),
    ("reaction", whatsapp_unsupported("reaction"), []),
    ("system: number changed", whatsapp_unsupported("system"), []),
    ("request_welcome", changed(whatsapp_text(), ("messages.0.type", "request_welcome"),
                                ("messages.0.text", DELETE)), []),
    ("known only by a business-scoped id",
     changed(whatsapp_text(), ("messages.0.from", DELETE), ("messages.0.from_user_id", "US.13491")),
     []),
    ("business-scoped id besides the phone number",
     changed(whatsapp_text(text="ok"), ("messages.0.from_user_id", "US.13491"),
             ("contacts.0.user_id", "US.13491")),
     [wa(text="ok")]),
    ("integer timestamp", changed(whatsapp_text(text="ok"), ("messages.0.timestamp", TS)),
     [wa(text="ok")]),
    ("unknown fields everywhere",
     changed(whatsapp_text(text="ok"), ("messages.0.context", {"forwarded": True}),
             ("messages.0.referral", {"source_type": "ad"}), ("messages.0.identity", {}),
             ("extra", None), ("contacts.0.identity_key_hash", "DF2lS5v2W6x=")),
     [wa(text="ok")]),
    ("no contacts", changed(whatsapp_text(text="ok"), ("contacts", DELETE)), [wa(text="ok")]),
    ("no messages", changed(whatsapp_text(), ("messages", DELETE)), []),
    ("empty messages", changed(whatsapp_text(), ("messages", [])), []),
    ("another product", changed(whatsapp_text(), ("messaging_product", "instagram")), []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "expected"), [c[1:] for c in WHATSAPP_READ], ids=[c[0] for c in WHATSAPP_READ]
)
def test_whatsapp_message(value: dict[str, Any], expected: list[Incoming]) -> None:
    assert whatsapp_batch(whatsapp_body(value)) == Batch(messages=expected)


STATUSES = [
    ("sent", whatsapp_status(status="sent"), Status(WA_ID, WAMID, "sent", float(TS))),
    ("delivered", whatsapp_status(status="delivered"), Status(WA_ID, WAMID, "delivered", TS)),
    ("read", whatsapp_status(status="read"), Status(WA_ID, WAMID, "read", float(TS))),
    ("failed: Meta's error code", whatsapp_status(status="failed", error_code=131047),
     Status(WA_ID, WAMID, "failed", float(TS), error_code=131047)),
    ("failed without errors", changed(whatsapp_status(status="failed"),
                                      ("statuses.0.errors", DELETE)),
     Status(WA_ID, WAMID, "failed", float(TS))),
    ("failed with empty errors", changed(whatsapp_status(status="failed"),
                                         ("statuses.0.errors", [])),
     Status(WA_ID, WAMID, "failed", float(TS))),
    ("failed error without code", changed(whatsapp_status(status="failed"),
                                          ("statuses.0.errors.0.code", DELETE)),
     Status(WA_ID, WAMID, "failed", float(TS))),
    ("errors of other statuses are not read",
     changed(whatsapp_status(status="delivered"), ("statuses.0.errors", "?")),
     Status(WA_ID, WAMID, "delivered", float(TS))),
    ("a status Meta adds later", whatsapp_status(status="deleted"),
     Status(WA_ID, WAMID, "deleted", float(TS))),
]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "status"), [c[1:] for c in STATUSES], ids=[c[0] for c in STATUSES]
)
def test_whatsapp_status(value: dict[str, Any], status: Status) -> None:
    assert whatsapp_batch(whatsapp_body(value)) == Batch(statuses=[status])


def test_whatsapp_batch_keeps_meta_order_across_entries_changes_and_customers() -> None:
    value = whatsapp_text("111", "wamid.b", "deux", TS + 1)
    value["messages"].append(whatsapp_text("111", "wamid.c", "trois", TS + 2)["messages"][0])
    value["statuses"] = whatsapp_status("111", "wamid.s1", "read")["statuses"]
    body = whatsapp_body(
        [whatsapp_text("222", "wamid.a", "un", TS), whatsapp_status("222", "wamid.s0", "sent")],
        value,
        [whatsapp_image("333", "wamid.d", "9"), whatsapp_unsupported("reaction", "222"),
         whatsapp_status("333", "wamid.s2", "failed")],
    )  # fmt: skip
    body["entry"][0]["changes"].insert(1, {"field": "account_update", "value": {"x": 1}})
    batch = whatsapp_batch(body)
    assert [(m.customer, m.message_id) for m in batch.messages] == [
        ("222", "wamid.a"), ("111", "wamid.b"), ("111", "wamid.c"), ("333", "wamid.d")]  # fmt: skip
    assert [(s.customer, s.message_id, s.status) for s in batch.statuses] == [
        ("222", "wamid.s0", "sent"), ("111", "wamid.s1", "read"),
        ("333", "wamid.s2", "failed")]  # fmt: skip


def test_whatsapp_other_fields_are_skipped_whatever_their_value() -> None:
    body = whatsapp_body(whatsapp_text(text="ok"))
    body["entry"][0]["changes"][:0] = [{"field": "message_template_status_update", "value": []},
                                       {"field": "account_alerts"}]  # fmt: skip
    assert whatsapp_batch(body).messages == [wa(text="ok")]


C = "entry.0.changes.0"
V = f"{C}.value"
W = "entry[0].changes[0].value"
WHATSAPP_MALFORMED = [
    ("body a string", "{}", "body"),
    ("wrong object", {"object": "page", "entry": []}, "object"),
    ("messenger body", messenger_body(messenger_text()), "object"),
    ("entry a string", {"object": "whatsapp_business_account", "entry": "x"}, "entry"),
    ("no changes", changed(whatsapp_body(whatsapp_text()), ("entry.0.changes", DELETE)),
     "entry[0].changes"),
    ("change a list", changed(whatsapp_body(whatsapp_text()), (C, [])), "entry[0].changes[0]"),
    ("no field", changed(whatsapp_body(whatsapp_text()), (f"{C}.field", DELETE)),
     "entry[0].changes[0].field"),
    ("field a number", changed(whatsapp_body(whatsapp_text()), (f"{C}.field", 1)),
     "entry[0].changes[0].field"),
    ("no value", changed(whatsapp_body(whatsapp_text()), (V, DELETE)), W),
    ("value a list", changed(whatsapp_body(whatsapp_text()), (V, [])), W),
    ("messages an object", changed(whatsapp_body(whatsapp_text()), (f"{V}.messages", {})),
     f"{W}.messages"),
    ("message null", changed(whatsapp_body(whatsapp_text()), (f"{V}.messages.0", None)),
     f"{W}.messages[0]"),
    ("no type", changed(whatsapp_body(whatsapp_text()), (f"{V}.messages.0.type", DELETE)),
     f"{W}.messages[0].type"),
    ("type a number", changed(whatsapp_body(whatsapp_text()), (f"{V}.messages.0.type", 1)),
     f"{W}.messages[0].type"),
    ("no from", changed(whatsapp_body(whatsapp_text()), (f"{V}.messages.0.from", DELETE)),
     f"{W}.messages[0].from"),
    ("from null", changed(whatsapp_body(whatsapp_text()), (f"{V}.messages.0.from", None)),
     f"{W}.messages[0].from"),
    ("from a number", changed(whatsapp_body(whatsapp_text()), (f"{V}.messages.0.from", 3361)),
     f"{W}.messages[0].from"),
    ("id a number", changed(whatsapp_body(whatsapp_text()), (f"{V}.messages.0.id", 1)),
     f"{W}.messages[0].id"),
    ("no timestamp", changed(whatsapp_body(whatsapp_text()),
                             (f"{V}.messages.0.timestamp", DELETE)),
     f"{W}.messages[0].timestamp"),
    ("timestamp a word", changed(whatsapp_body(whatsapp_text()),
                                 (f"{V}.messages.0.timestamp", "hier")),
     f"{W}.messages[0].timestamp"),
    ("negative timestamp", changed(whatsapp_body(whatsapp_text()),
                                   (f"{V}.messages.0.timestamp", "-1")),
     f"{W}.messages[0].timestamp"),
    ("fractional timestamp", changed(whatsapp_body(whatsapp_text()),
                                     (f"{V}.messages.0.timestamp", 1.5)),
     f"{W}.messages[0].timestamp"),
    ("no text", changed(whatsapp_body(whatsapp_text()), (f"{V}.messages.0.text", DELETE)),
     f"{W}.messages[0].text"),
    ("text a string", changed(whatsapp_body(whatsapp_text()), (f"{V}.messages.0.text", "oui")),
     f"{W}.messages[0].text"),
    ("text body a number", changed(whatsapp_body(whatsapp_text()),
                                   (f"{V}.messages.0.text.body", 2)),
     f"{W}.messages[0].text.body"),
    ("text body null", changed(whatsapp_body(whatsapp_text()),
                               (f"{V}.messages.0.text.body", None)),
     f"{W}.messages[0].text.body"),
    ("interactive a list", changed(whatsapp_body(whatsapp_button_reply()),
                                   (f"{V}.messages.0.interactive", [])),
     f"{W}.messages[0].interactive"),
    ("interactive without type", changed(whatsapp_body(whatsapp_button_reply()),
                                         (f"{V}.messages.0.interactive.type", DELETE)),
     f"{W}.messages[0].interactive.type"),
    ("button_reply missing", changed(whatsapp_body(whatsapp_button_reply()),
                                     (f"{V}.messages.0.interactive.button_reply", DELETE)),
     f"{W}.messages[0].interactive.button_reply"),
    ("button_reply id null", changed(whatsapp_body(whatsapp_button_reply()),
                                     (f"{V}.messages.0.interactive.button_reply.id", None)),
     f"{W}.messages[0].interactive.button_reply.id"),
    ("list_reply title a number", changed(whatsapp_body(whatsapp_list_reply()),
                                          (f"{V}.messages.0.interactive.list_reply.title", 4)),
     f"{W}.messages[0].interactive.list_reply.title"),
    ("button payload missing", changed(whatsapp_body(whatsapp_button()),
                                       (f"{V}.messages.0.button.payload", DELETE)),
     f"{W}.messages[0].button.payload"),
    ("image id missing", changed(whatsapp_body(whatsapp_image()),
                                 (f"{V}.messages.0.image.id", DELETE)),
     f"{W}.messages[0].image.id"),
    ("image caption a list", changed(whatsapp_body(whatsapp_image()),
                                     (f"{V}.messages.0.image.caption", ["x"])),
     f"{W}.messages[0].image.caption"),
    ("statuses an object", changed(whatsapp_body(whatsapp_status()), (f"{V}.statuses", {})),
     f"{W}.statuses"),
    ("status a string", changed(whatsapp_body(whatsapp_status()), (f"{V}.statuses.0", "read")),
     f"{W}.statuses[0]"),
    ("status without recipient", changed(whatsapp_body(whatsapp_status()),
                                         (f"{V}.statuses.0.recipient_id", DELETE)),
     f"{W}.statuses[0].recipient_id"),
    ("status id null", changed(whatsapp_body(whatsapp_status()), (f"{V}.statuses.0.id", None)),
     f"{W}.statuses[0].id"),
    ("status without state", changed(whatsapp_body(whatsapp_status()),
                                     (f"{V}.statuses.0.status", DELETE)),
     f"{W}.statuses[0].status"),
    ("status without timestamp", changed(whatsapp_body(whatsapp_status()),
                                         (f"{V}.statuses.0.timestamp", DELETE)),
     f"{W}.statuses[0].timestamp"),
    ("failed errors an object", changed(whatsapp_body(whatsapp_status(status="failed")),
                                        (f"{V}.statuses.0.errors", {"code": 1})),
     f"{W}.statuses[0].errors"),
    ("failed error a number", changed(whatsapp_body(whatsapp_status(status="failed")),
                                      (f"{V}.statuses.0.errors.0", 131047)),
     f"{W}.statuses[0].errors[0]"),
    ("failed error code a string", changed(whatsapp_body(whatsapp_status(status="failed")),
                                           (f"{V}.statuses.0.errors.0.code", "131047")),
     f"{W}.statuses[0].errors[0].code"),
    ("failed error code a boolean", changed(whatsapp_body(whatsapp_status(status="failed")),
                                            (f"{V}.statuses.0.errors.0.code", True)),
     f"{W}.statuses[0].errors[0].code"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "where"), [c[1:] for c in WHATSAPP_MALFORMED], ids=[c[0] for c in WHATSAPP_MALFORMED]
)
def test_whatsapp_malformed(body: Any, where: str) -> None:
    with pytest.raises(MalformedPayload) as refused:
        whatsapp_batch(body)
    assert str(refused.value).startswith(f"{where}: ")


SECRET = "mon code client est 4417 et j'habite 3 rue des Lilas"


@pytest.mark.parametrize(
    ("parse", "body"),
    [(messenger_batch, messenger_body([messenger_text(text=SECRET),
                                       {"sender": {"id": [SECRET]}, "message": {"text": SECRET}}])),
     (messenger_batch, changed(messenger_body(messenger_text()), (f"{M}.message.text", [SECRET]))),
     (whatsapp_batch, changed(whatsapp_body(whatsapp_text(text=SECRET)),
                              (f"{V}.messages.0.id", {"x": SECRET}))),
     (whatsapp_batch, changed(whatsapp_body(whatsapp_text()), (f"{V}.messages.0.text", SECRET)))],
    ids=["messenger: another event", "messenger: the text itself", "whatsapp: the same message",
         "whatsapp: the text itself"],
)  # fmt: skip
def test_malformed_never_quotes_the_customer(parse: Any, body: Any) -> None:
    with pytest.raises(MalformedPayload) as refused:
        parse(body)
    assert "4417" not in str(refused.value) and "Lilas" not in str(refused.value)


def test_parsers_do_not_change_the_body() -> None:
    bodies = [(messenger_batch, messenger_body(messenger_image(), messenger_postback())),
              (whatsapp_batch, whatsapp_body(whatsapp_image(), whatsapp_status()))]  # fmt: skip
    for parse, body in bodies:
        before = copy.deepcopy(body)
        parse(body)
        assert body == before
