"""Webhook bodies as Meta sends them, for the Messenger and WhatsApp tests (unit and integration).

Each builder follows the example of the Meta documentation page named in its docstring, field
for field (the values are Meta's example values where they are not parameters). Messenger
builders return one `messaging` event; `messenger_body(*entries)` wraps events into one delivery.
WhatsApp builders return one change `value`; `whatsapp_body(*entries)` wraps values into one
delivery. Both wrappers make one entry per argument, an argument being one event / value or a
list of them, so a delivery can carry several entries and several events for several customers:

    messenger_body([messenger_text(A, "m_1", "bonjour"), messenger_read(A)],
                   messenger_postback(B, "m_2", "/parler_humain"))
    whatsapp_body(whatsapp_text(A, "wamid.1", "bonjour"), [whatsapp_status(A, "wamid.0", "read")])

To sign a body as Meta does: `cadomaestro.channels.meta.signature.expected_signature(raw, secret)`
for the `X-Hub-Signature-256` header of the raw JSON bytes.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

# --- Messenger ----------------------------------------------------------------------------
# Common format: https://developers.facebook.com/docs/messenger-platform/reference/webhook-events
PAGE_ID = "682498302938465"  # the page id of Meta's examples
PSID = "6543210987654321"
TS_MS = 1_764_061_200_000  # 2025-11-25 09:00 UTC, in milliseconds as Messenger counts
IMAGE_URL = "https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg"
STICKER_ID = 369239263222822  # Messenger's « like » sticker


def _messenger_event(psid: str, ts_ms: int, **content: Any) -> Json:
    return {"sender": {"id": psid}, "recipient": {"id": PAGE_ID}, "timestamp": ts_ms, **content}


def messenger_text(psid: str = PSID, mid: str = "m_1", text: str = "bonjour",
                   ts_ms: int = TS_MS) -> Json:  # fmt: skip
    """A text message.
    https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages"""
    return _messenger_event(psid, ts_ms, message={"mid": mid, "text": text})


def messenger_quick_reply(psid: str = PSID, mid: str = "m_1", text: str = "Oui",
                          payload: str = "/affirm", ts_ms: int = TS_MS) -> Json:  # fmt: skip
    """A tapped quick reply: its title as text, its payload under `quick_reply`.
    https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
    and https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies"""
    message = {"mid": mid, "text": text, "quick_reply": {"payload": payload}}
    return _messenger_event(psid, ts_ms, message=message)


def messenger_postback(psid: str = PSID, mid: str = "m_1", payload: str = "/parler_humain",
                       title: str = "Parler à un conseiller",
                       ts_ms: int = TS_MS) -> Json:  # fmt: skip
    """A tapped postback button (or Get Started, or a persistent menu item).
    https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messaging_postbacks"""
    return _messenger_event(psid, ts_ms, postback={"mid": mid, "title": title, "payload": payload})


def messenger_attachments(psid: str, mid: str, attachments: list[Json], ts_ms: int = TS_MS) -> Json:
    """A message made of attachments (`{"type": …, "payload": {…}}`).
    https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages"""
    return _messenger_event(psid, ts_ms, message={"mid": mid, "attachments": attachments})


def messenger_image(psid: str = PSID, mid: str = "m_1", url: str = IMAGE_URL,
                    ts_ms: int = TS_MS) -> Json:  # fmt: skip
    """A photo: an `image` attachment with its URL. Same page as `messenger_attachments`."""
    return messenger_attachments(psid, mid, [{"type": "image", "payload": {"url": url}}], ts_ms)


def messenger_attachment(kind: str, psid: str = PSID, mid: str = "m_1",
                         ts_ms: int = TS_MS) -> Json:  # fmt: skip
    """One attachment of another type (audio, video, file, location, fallback…); a `fallback`
    may come without payload (« for unsupported shares … a fallback with no payload »)."""
    attachment: Json = {"type": kind}
    if kind != "fallback":
        attachment["payload"] = {"url": f"https://cdn.fbsbx.com/v/t59.3654-21/{kind}.bin"}
    return messenger_attachments(psid, mid, [attachment], ts_ms)


def messenger_sticker(psid: str = PSID, mid: str = "m_1", ts_ms: int = TS_MS,
                      transition: bool = False) -> Json:  # fmt: skip
    """A sticker: an `image` attachment with a `sticker_id` (Graph v6.0+), and during the
    transition Meta announced until August 30, 2026, also a `sticker` attachment.
    https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/messages"""
    payload = {"url": "https://scontent.xx.fbcdn.net/v/t39.1997-6/sticker.png",
               "sticker_id": STICKER_ID}  # fmt: skip
    attachments = [{"type": "image", "payload": payload}]
    if transition:
        attachments.insert(0, {"type": "sticker", "payload": dict(payload)})
    return messenger_attachments(psid, mid, attachments, ts_ms)


def messenger_echo(psid: str = PSID, mid: str = "m_echo", text: str = "Bonjour !",
                   ts_ms: int = TS_MS) -> Json:  # fmt: skip
    """The echo of a message the page sent (sender and recipient swapped, `is_echo`).
    https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-echoes"""
    message = {"is_echo": True, "app_id": 1517776481860111, "metadata": "cadomaestro",
               "mid": mid, "text": text}  # fmt: skip
    return {"sender": {"id": PAGE_ID}, "recipient": {"id": psid}, "timestamp": ts_ms,
            "message": message}  # fmt: skip


def messenger_delivery(psid: str = PSID, mids: list[str] | None = None,
                       watermark: int = TS_MS) -> Json:  # fmt: skip
    """Messages of the page delivered (no `timestamp` in Meta's example).
    https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-deliveries"""
    delivery = {"mids": mids if mids is not None else ["m_echo"], "watermark": watermark}
    return {"sender": {"id": psid}, "recipient": {"id": PAGE_ID}, "delivery": delivery}


def messenger_read(psid: str = PSID, watermark: int = TS_MS, ts_ms: int = TS_MS + 1000) -> Json:
    """Messages of the page read.
    https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-reads"""
    return _messenger_event(psid, ts_ms, read={"watermark": watermark})


def messenger_reaction(psid: str = PSID, mid: str = "m_echo", ts_ms: int = TS_MS) -> Json:
    """A reaction to one of the page's messages.
    https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-reactions"""
    reaction = {"reaction": "love", "emoji": "\u2764\ufe0f", "action": "react", "mid": mid}
    return _messenger_event(psid, ts_ms, reaction=reaction)


def messenger_body(*entries: Json | list[Json]) -> Json:
    """One delivery: an entry per argument, each with its event(s) under `messaging`."""
    return {
        "object": "page",
        "entry": [
            {"id": PAGE_ID, "time": TS_MS + 500 + n,
             "messaging": events if isinstance(events, list) else [events]}
            for n, events in enumerate(entries)
        ],
    }  # fmt: skip


# --- WhatsApp -----------------------------------------------------------------------------
# Meta's example values: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/text
WABA_ID = "102290129340398"
DISPLAY_PHONE_NUMBER = "15550783881"
PHONE_NUMBER_ID = "106540352242922"
WA_ID = "16505551234"
WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA="
TS = 1_764_061_200  # seconds, as WhatsApp counts (sent as a string)
MEDIA_ID = "1003383421387256"
SHA256 = "McYnQEjCpmUvtgzMBSe0CWY0P+VN2fgRtZC+g8mgMF8="


def _whatsapp_value(wa_id: str, message: Json, name: str = "Sheena Nelson") -> Json:
    return {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": DISPLAY_PHONE_NUMBER,
                     "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
        "messages": [message],
    }  # fmt: skip


def _whatsapp_message(wa_id: str, wamid: str, ts: int, kind: str, **content: Any) -> Json:
    return {"from": wa_id, "id": wamid, "timestamp": str(ts), "type": kind, **content}


def whatsapp_text(wa_id: str = WA_ID, wamid: str = WAMID, text: str = "bonjour",
                  ts: int = TS) -> Json:  # fmt: skip
    """A text message.
    https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/text"""
    return _whatsapp_value(wa_id, _whatsapp_message(wa_id, wamid, ts, "text", text={"body": text}))


def _context() -> Json:
    """The message that carried the tapped button."""
    return {"from": DISPLAY_PHONE_NUMBER,
            "id": "wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA="}  # fmt: skip


def whatsapp_button_reply(wa_id: str = WA_ID, wamid: str = WAMID, reply_id: str = "/affirm",
                          title: str = "Oui", ts: int = TS) -> Json:  # fmt: skip
    """A tapped reply button of an interactive message.
    https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/interactive"""
    interactive = {"type": "button_reply", "button_reply": {"id": reply_id, "title": title}}
    message = _whatsapp_message(wa_id, wamid, ts, "interactive", interactive=interactive)
    return _whatsapp_value(wa_id, {"context": _context(), **message})


def whatsapp_list_reply(wa_id: str = WA_ID, wamid: str = WAMID, reply_id: str = "/affirm",
                        title: str = "Oui", description: str | None = None,
                        ts: int = TS) -> Json:  # fmt: skip
    """A tapped row of an interactive list. Same page as `whatsapp_button_reply`."""
    row = {"id": reply_id, "title": title}
    if description is not None:
        row["description"] = description
    interactive = {"type": "list_reply", "list_reply": row}
    message = _whatsapp_message(wa_id, wamid, ts, "interactive", interactive=interactive)
    return _whatsapp_value(wa_id, {"context": _context(), **message})


def whatsapp_button(wa_id: str = WA_ID, wamid: str = WAMID, payload: str = "Unsubscribe",
                    text: str = "Unsubscribe", ts: int = TS) -> Json:  # fmt: skip
    """A tapped quick-reply button of a template message.
    https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/button"""
    message = _whatsapp_message(wa_id, wamid, ts, "button",
                                button={"payload": payload, "text": text})  # fmt: skip
    return _whatsapp_value(wa_id, {"context": _context(), **message})


def whatsapp_image(wa_id: str = WA_ID, wamid: str = WAMID, media_id: str = MEDIA_ID,
                   caption: str | None = None, ts: int = TS) -> Json:  # fmt: skip
    """A photo, with its caption if any.
    https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/image"""
    url = f"https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid={media_id}"
    image: Json = {"mime_type": "image/jpeg", "sha256": SHA256, "id": media_id, "url": url}
    if caption is not None:
        image = {"caption": caption, **image}
    return _whatsapp_value(wa_id, _whatsapp_message(wa_id, wamid, ts, "image", image=image))


# What each other type carries, from its page under
# https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/
_CONTENTS: dict[str, Any] = {
    "audio": {"mime_type": "audio/ogg; codecs=opus", "sha256": SHA256, "id": MEDIA_ID,
              "voice": True},
    "video": {"mime_type": "video/mp4", "sha256": SHA256, "id": MEDIA_ID},
    "document": {"caption": "facture", "filename": "facture.pdf",
                 "mime_type": "application/pdf", "sha256": SHA256, "id": MEDIA_ID},
    "sticker": {"mime_type": "image/webp", "sha256": SHA256, "id": MEDIA_ID, "animated": False},
    "location": {"address": "1 Hacker Way, Menlo Park, CA 94025", "latitude": 37.483307,
                 "longitude": -122.148981, "name": "Main Street Beach",
                 "url": "https://foursquare.com/v/4d7031d35b5df7744"},
    "contacts": [{"name": {"formatted_name": "Barbara J. Johnson", "first_name": "Barbara",
                           "last_name": "Johnson"},
                  "phones": [{"phone": "+16505559999", "type": "MOBILE", "wa_id": "16505559999"}]}],
    "reaction": {"message_id": WAMID, "emoji": "\U0001f600"},
    "system": {"body": f"User Sheena Nelson changed from {WA_ID} to 12195555358",
               "wa_id": "12195555358", "type": "user_changed_number"},
}  # fmt: skip


def whatsapp_unsupported(kind: str = "unsupported", wa_id: str = WA_ID, wamid: str = WAMID,
                         ts: int = TS) -> Json:  # fmt: skip
    """A message of a type the assistant does not read: audio, video, document, sticker,
    location, contacts, reaction, system, or `unsupported` (Cloud API's own « message type
    unknown », https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/unsupported)."""
    if kind == "unsupported":
        message = _whatsapp_message(wa_id, wamid, ts, "unsupported", errors=[{
            "code": 131051, "title": "Message type unknown", "message": "Message type unknown",
            "error_data": {"details": "Message type is currently not supported."}}],
            unsupported={"type": "poll_creation"})  # fmt: skip
    else:
        message = _whatsapp_message(wa_id, wamid, ts, kind, **{kind: _CONTENTS[kind]})
    return _whatsapp_value(wa_id, message)


def whatsapp_status(wa_id: str = WA_ID, wamid: str = WAMID, status: str = "delivered",
                    ts: int = TS, error_code: int = 131047) -> Json:  # fmt: skip
    """What became of a message the business sent: sent, delivered, read, or failed (with
    Meta's `errors`; 131047: more than 24 hours since the customer last wrote).
    https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status"""
    item: Json = {"id": wamid, "status": status, "timestamp": str(ts), "recipient_id": wa_id}
    if status == "failed":
        item["errors"] = [{
            "code": error_code, "title": "Re-engagement message",
            "message": "Re-engagement message",
            "error_data": {"details": "Message failed to send because more than 24 hours have "
                                      "passed since the customer last replied to this number."},
            "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
        }]  # fmt: skip
    else:
        item["pricing"] = {"billable": False, "pricing_model": "PMP",
                           "type": "free_customer_service", "category": "service"}  # fmt: skip
    return {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": DISPLAY_PHONE_NUMBER,
                     "phone_number_id": PHONE_NUMBER_ID},
        "statuses": [item],
    }  # fmt: skip


def whatsapp_body(*entries: Json | list[Json]) -> Json:
    """One delivery: an entry per argument, each with its value(s) as `messages` changes."""
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {"id": WABA_ID,
             "changes": [{"value": value, "field": "messages"}
                         for value in (values if isinstance(values, list) else [values])]}
            for values in entries
        ],
    }  # fmt: skip
