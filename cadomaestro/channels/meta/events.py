"""What a Messenger or WhatsApp webhook delivery says, as a `Batch` of customers' messages (and,
for WhatsApp, of what became of the assistant's own messages).

Pure functions over the decoded JSON body (the route has already checked the signature, the size
and the depth). The shapes are Meta's documented ones; tests/meta_payloads.py builds them and
names the page each comes from:

- Messenger: `{"object": "page", "entry": [{"messaging": [event, …]}, …]}`; an event is a
  `message` (text, a quick reply's payload, attachments), a `postback` (a button's payload), or
  something the assistant does not act on (`delivery`, `read`, `reaction`, `optin`, echoes of the
  page's own messages…), which is skipped.
- WhatsApp: `{"object": "whatsapp_business_account", "entry": [{"changes": [{"field":
  "messages", "value": {"messages": […], "statuses": […]}}]}]}`.

Strict where a value is read, lenient elsewhere: Meta adds fields, event kinds and attachment
types over time, and those must pass; but an id that is not a string, a text that is not a
string, an event that is not an object… is `MalformedPayload` (answered 400), whose message names
where it is (`entry[0].messaging[1].sender.id: expected a non-empty string`) and never quotes a
value, so that no customer's words reach the logs.

Decisions, beyond the brief:
- Messenger: the text of a message wins over its attachments (a shared link arrives as text plus
  a `fallback` attachment); without text, each photo is one `Incoming` (several photos arrive as
  one message: the first keeps the `mid`, the others get `<mid>#2`, `<mid>#3`… so that message
  ids stay unique and stable across Meta's retries), and without photo the first other type
  is reported as unsupported. Stickers arrive as `image` attachments with a `sticker_id` (until
  August 2026 alongside a `sticker` attachment): both are an unsupported "sticker".
- Messenger: events from the chat plugin's guests (`sender.user_ref`, no PSID) are skipped, as
  are postbacks without payload; a postback without `mid` (older Graph versions) gets the id
  `postback:<psid>:<timestamp in ms>`.
- WhatsApp: `reaction`, `system` (« user changed number ») and `request_welcome` messages are
  skipped; a message without `from` but with `from_user_id` (a customer known only by a
  business-scoped user id, since WhatsApp usernames) is skipped too, until the channel can answer
  such ids.
"""

from __future__ import annotations

import math
import re
from typing import Any

from cadomaestro.channels.meta.model import (
    MESSENGER,
    WHATSAPP,
    Batch,
    Incoming,
    MalformedPayload,
    MediaRef,
    Status,
)

MESSENGER_OBJECT = "page"
WHATSAPP_OBJECT = "whatsapp_business_account"
WHATSAPP_IGNORED = frozenset({"reaction", "system", "request_welcome"})
WHATSAPP_REPLIES = ("button_reply", "list_reply")
_DIGITS = re.compile(r"[0-9]{1,15}")


# --- reading values, strictly -------------------------------------------------------------


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MalformedPayload(f"{path}: expected an object")
    return value


def _array(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise MalformedPayload(f"{path}: expected a list")
    return value


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise MalformedPayload(f"{path}: expected a string")
    return value


def _id(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise MalformedPayload(f"{path}: expected a non-empty string")
    return value


def _optional_string(parent: dict[str, Any], key: str, path: str) -> str | None:
    """The string at `key`, None if absent (present with any other type, null included, is
    malformed)."""
    return _string(parent[key], f"{path}.{key}") if key in parent else None


def _flag(parent: dict[str, Any], key: str, path: str) -> bool:
    if key not in parent:
        return False
    if not isinstance(parent[key], bool):
        raise MalformedPayload(f"{path}.{key}: expected a boolean")
    return parent[key]


def _count(value: Any, path: str) -> int:
    """A non-negative integer: a JSON number, or a string of digits (WhatsApp's timestamps)."""
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MalformedPayload(f"{path}: expected a timestamp")
    if not math.isfinite(value) or value < 0 or value != int(value):
        raise MalformedPayload(f"{path}: expected a timestamp")
    return int(value)


def _code(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedPayload(f"{path}: expected an integer")
    return value


def _entries(body: Any, expected_object: str) -> list[tuple[str, dict[str, Any]]]:
    root = _object(body, "body")
    if root.get("object") != expected_object:
        raise MalformedPayload(f'object: expected "{expected_object}"')
    entries = _array(root.get("entry"), "entry")
    return [(f"entry[{i}]", _object(entry, f"entry[{i}]")) for i, entry in enumerate(entries)]


# --- Messenger ----------------------------------------------------------------------------


def messenger_batch(body: Any) -> Batch:
    """Every customer message of a Messenger delivery, in Meta's order."""
    messages: list[Incoming] = []
    for at, entry in _entries(body, MESSENGER_OBJECT):
        if "messaging" not in entry:  # `standby` (handover protocol), `changes` (page feed)
            continue
        for j, event in enumerate(_array(entry["messaging"], f"{at}.messaging")):
            messages.extend(_messenger_event(event, f"{at}.messaging[{j}]"))
    return Batch(messages=messages)


def _messenger_event(value: Any, at: str) -> list[Incoming]:
    event = _object(value, at)
    if "message" in event:
        message = _object(event["message"], f"{at}.message")
        if _flag(message, "is_echo", f"{at}.message"):  # the page's own message
            return []
    elif "postback" in event:
        message = _object(event["postback"], f"{at}.postback")
    else:  # delivery, read, reaction, optin, referral, account linking, anything new
        return []
    sender = _object(event.get("sender"), f"{at}.sender")
    if "id" not in sender and isinstance(sender.get("user_ref"), str):
        return []  # a chat plugin's guest: no PSID to answer
    customer = _id(sender.get("id"), f"{at}.sender.id")
    milliseconds = _count(event.get("timestamp"), f"{at}.timestamp")
    if "message" in event:
        return _messenger_message(message, customer, milliseconds, f"{at}.message")
    return _messenger_postback(message, customer, milliseconds, f"{at}.postback")


def _messenger_message(
    message: dict[str, Any], customer: str, milliseconds: int, at: str
) -> list[Incoming]:
    mid = _id(message.get("mid"), f"{at}.mid")
    seconds = milliseconds / 1000
    text = _optional_string(message, "text", at) or None
    payload = None
    if "quick_reply" in message:
        quick_reply = _object(message["quick_reply"], f"{at}.quick_reply")
        payload = _string(quick_reply.get("payload"), f"{at}.quick_reply.payload")
    images: list[MediaRef] = []
    unsupported: list[str] = ["sticker"] if "sticker_id" in message else []
    attachments = (
        _array(message["attachments"], f"{at}.attachments") if "attachments" in message else []
    )
    for k, value in enumerate(attachments):
        path = f"{at}.attachments[{k}]"
        attachment = _object(value, path)
        kind = _id(attachment.get("type"), f"{path}.type")
        if kind not in ("image", "sticker"):
            unsupported.append(kind)  # audio, video, file, location, fallback, reel, …
            continue
        content = _object(attachment.get("payload"), f"{path}.payload")
        if kind == "sticker" or "sticker_id" in content:
            unsupported.append("sticker")
        else:
            images.append(MediaRef(url=_id(content.get("url"), f"{path}.payload.url")))
    if images:
        return [
            Incoming(MESSENGER, customer, mid if n == 1 else f"{mid}#{n}", seconds,
                     text=text if n == 1 else None, payload=payload if n == 1 else None,
                     image=image)
            for n, image in enumerate(images, start=1)
        ]  # fmt: skip
    if text is not None or payload is not None:
        return [Incoming(MESSENGER, customer, mid, seconds, text=text, payload=payload)]
    if unsupported:
        return [Incoming(MESSENGER, customer, mid, seconds, unsupported=unsupported[0])]
    return []  # nothing the assistant can read (a reply to nothing, a new kind of content)


def _messenger_postback(
    postback: dict[str, Any], customer: str, milliseconds: int, at: str
) -> list[Incoming]:
    if "payload" not in postback:
        return []  # only sent to the app that sent the button: not ours
    payload = _string(postback["payload"], f"{at}.payload")
    mid = _id(postback["mid"], f"{at}.mid") if "mid" in postback else None
    message_id = mid or f"postback:{customer}:{milliseconds}"
    return [Incoming(MESSENGER, customer, message_id, milliseconds / 1000, payload=payload)]


# --- WhatsApp -----------------------------------------------------------------------------


def whatsapp_batch(body: Any) -> Batch:
    """Every customer message and every status of a WhatsApp delivery, in Meta's order."""
    messages: list[Incoming] = []
    statuses: list[Status] = []
    for at, entry in _entries(body, WHATSAPP_OBJECT):
        for j, value in enumerate(_array(entry.get("changes"), f"{at}.changes")):
            path = f"{at}.changes[{j}]"
            change = _object(value, path)
            if _string(change.get("field"), f"{path}.field") != "messages":
                continue  # account updates, templates' quality, …
            content = _object(change.get("value"), f"{path}.value")
            if content.get("messaging_product") != "whatsapp":
                continue
            path = f"{path}.value"
            if "messages" in content:
                for k, item in enumerate(_array(content["messages"], f"{path}.messages")):
                    message = _whatsapp_message(item, f"{path}.messages[{k}]")
                    if message is not None:
                        messages.append(message)
            if "statuses" in content:
                for k, item in enumerate(_array(content["statuses"], f"{path}.statuses")):
                    statuses.append(_whatsapp_status(item, f"{path}.statuses[{k}]"))
    return Batch(messages=messages, statuses=statuses)


def _whatsapp_message(value: Any, at: str) -> Incoming | None:
    message = _object(value, at)
    kind = _id(message.get("type"), f"{at}.type")
    if kind in WHATSAPP_IGNORED:
        return None
    if "from" not in message and isinstance(message.get("from_user_id"), str):
        return None  # known only by a business-scoped user id (see the module's docstring)
    customer = _id(message.get("from"), f"{at}.from")
    mid = _id(message.get("id"), f"{at}.id")
    seconds = float(_count(message.get("timestamp"), f"{at}.timestamp"))
    if kind == "text":
        text = _object(message.get("text"), f"{at}.text")
        return Incoming(WHATSAPP, customer, mid, seconds,
                        text=_string(text.get("body"), f"{at}.text.body"))  # fmt: skip
    if kind == "interactive":
        interactive = _object(message.get("interactive"), f"{at}.interactive")
        reply_kind = _id(interactive.get("type"), f"{at}.interactive.type")
        if reply_kind not in WHATSAPP_REPLIES:  # nfm_reply (Flows), …: not offered by us
            return Incoming(WHATSAPP, customer, mid, seconds, unsupported=kind)
        path = f"{at}.interactive.{reply_kind}"
        reply = _object(interactive.get(reply_kind), path)
        return Incoming(WHATSAPP, customer, mid, seconds,
                        text=_optional_string(reply, "title", path),
                        payload=_id(reply.get("id"), f"{path}.id"))  # fmt: skip
    if kind == "button":  # a quick-reply button of a template message
        button = _object(message.get("button"), f"{at}.button")
        return Incoming(WHATSAPP, customer, mid, seconds,
                        text=_optional_string(button, "text", f"{at}.button"),
                        payload=_string(button.get("payload"), f"{at}.button.payload"))  # fmt: skip
    if kind == "image":
        image = _object(message.get("image"), f"{at}.image")
        media = MediaRef(media_id=_id(image.get("id"), f"{at}.image.id"),
                         mime_type=_optional_string(image, "mime_type", f"{at}.image"))  # fmt: skip
        caption = _optional_string(image, "caption", f"{at}.image") or None
        return Incoming(WHATSAPP, customer, mid, seconds, text=caption, image=media)
    # audio, video, sticker, location, contacts, document, order, unsupported, anything new
    return Incoming(WHATSAPP, customer, mid, seconds, unsupported=kind)


def _whatsapp_status(value: Any, at: str) -> Status:
    status = _object(value, at)
    state = _id(status.get("status"), f"{at}.status")
    error_code = None
    if state == "failed" and "errors" in status:
        errors = _array(status["errors"], f"{at}.errors")
        if errors:
            first = _object(errors[0], f"{at}.errors[0]")
            if "code" in first:
                error_code = _code(first["code"], f"{at}.errors[0].code")
    return Status(
        customer=_id(status.get("recipient_id"), f"{at}.recipient_id"),
        message_id=_id(status.get("id"), f"{at}.id"),
        status=state,
        timestamp=float(_count(status.get("timestamp"), f"{at}.timestamp")),
        error_code=error_code,
    )
