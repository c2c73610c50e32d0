"""The assistant's `Bubble`s shaped for Messenger and WhatsApp: the JSON bodies to POST to the
Graph API's messages endpoint, in order, and back from the customer's reply to the choice taken.

Pure functions. Meta's limits, in the platforms' own words:

- Messenger Send API (https://developers.facebook.com/docs/messenger-platform/reference/send-api/):
  `message.text` « must be UTF-8 and has a 2000 character limit ». Quick replies
  (https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/quick-replies):
  « a maximum of 13 quick replies », `title` « 20 character limit », `payload` « 1000 character
  limit ».
- WhatsApp Cloud API, text messages
  (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/text-messages):
  body « maximum 4096 characters ». Reply buttons
  (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages):
  up to 3 buttons, body « maximum 1024 characters », button id « maximum 256 characters », label
  « maximum 20 characters », labels « must be unique ». Lists
  (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages):
  « up to 10 rows for all sections combined », body « maximum 4096 characters », button
  « maximum 20 characters », row id « maximum 200 characters », row title « maximum 24
  characters », row description « maximum 72 characters », section title 24 characters.

Lengths are counted in UTF-16 code units (`units`), as JavaScript counts them: an emoji counts
for two, so a text within the limit is within it however Meta counts characters.

Decisions:
- Long texts are split at paragraphs, then lines, then sentences, then words (never between a
  word and the « : ? ! ; » that follows it), and a word longer than the limit is cut.
- A choice's id (a quick reply's payload, a WhatsApp button's or row's id) is its payload when
  that fits the platform's limit, is unique in the message, has no surrounding spaces and does
  not look like a key; otherwise it is a key `choice:<position>:<8 hex of the payload's
  SHA-256>` (`choice_id`). `payload_of` turns a reply's id back into the payload: an id that is
  not a key is the payload itself (no state needed); a key needs the choices offered, and its
  hash makes sure a tap on an older message's button never picks another choice.
- Messenger, more than 13 choices: the text lists them all, numbered, with « Répondez par le
  numéro de votre choix. », and the quick replies carry the first 12 and the handover choice
  (payload `/parler_humain`) when it is further down (the first 13 otherwise).
- WhatsApp: 1–3 choices are reply buttons (shortened labels that collide are numbered), 4–10 a
  list (« Choisir »; a row's description carries the full title when the title is cut), more
  than 10 a numbered text list. A text too long for the interactive body is sent before it, and
  the interactive message says « Votre choix : ».
- `chosen_payload` reads a customer's typed answer to offered choices: a number (« 2 », « 2. »,
  « n°2 », « le 2 », « le numéro 2 », « choix 2 ») or a title, whatever the case and accents.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from cadomaestro.channels.meta.model import Bubble, Choice
from cadomaestro.replies.topics import HANDOVER_BUTTON

MESSENGER_TEXT_MAX = 2000
MESSENGER_QUICK_REPLIES_MAX = 13
MESSENGER_QUICK_REPLY_TITLE_MAX = 20
MESSENGER_PAYLOAD_MAX = 1000

WHATSAPP_TEXT_MAX = 4096
WHATSAPP_BUTTONS_MAX = 3
WHATSAPP_BUTTON_BODY_MAX = 1024
WHATSAPP_BUTTON_TITLE_MAX = 20
WHATSAPP_BUTTON_ID_MAX = 256
WHATSAPP_ROWS_MAX = 10
WHATSAPP_LIST_BODY_MAX = 4096
WHATSAPP_LIST_BUTTON_MAX = 20
WHATSAPP_ROW_ID_MAX = 200
WHATSAPP_ROW_TITLE_MAX = 24
WHATSAPP_ROW_DESCRIPTION_MAX = 72
WHATSAPP_SECTION_TITLE_MAX = 24

HANDOVER_PAYLOAD = HANDOVER_BUTTON["payload"]
CHOICE_PROMPT = "Votre choix :"
NUMBER_PROMPT = "Répondez par le numéro de votre choix."
LIST_BUTTON = "Choisir"
LIST_SECTION = "Choix possibles"
ELLIPSIS = "…"
KEY_PREFIX = "choice:"

_KEY = re.compile(r"choice:([1-9][0-9]{0,3}):([0-9a-f]{8})")
# Where a text may be split, from the best place to the worst. Spaces before « : ; ! ? » » and
# after « « » are French typography's: never split there.
_SPLITS = (
    re.compile(r"[ \t]*\r?\n(?:[ \t]*\r?\n)+[ \t]*"),  # paragraphs
    re.compile(r"[ \t]*\r?\n[ \t]*"),  # lines
    re.compile(r"(?<=[.!?…])[ \t]+(?![ \t:;!?»])|(?<=[.!?…] »)[ \t]+"),  # sentences
    re.compile(r"(?<![«\s])[ \t\r\n]+(?![ \t\r\n:;!?»])"),  # words
)
_TRIM = " \t·,;:–—-(«'’/"  # what a shortened title must not end with before its « … »
_NUMBER = re.compile(
    r"(?:(?:le|la|choix|option|reponse)\s*)?(?:(?:numero|num|n[o°]|#)\s*\.?\s*)?([0-9]{1,3})\s*[.)]?"
)


def units(text: str) -> int:
    """The length of `text` as Meta's limits count it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# --- texts --------------------------------------------------------------------------------


def split_text(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` units, split at the best places (see the module's
    docstring), without leading or trailing spaces; an empty text has no piece."""
    if limit < 1:
        raise ValueError("limit must be positive")
    text = text.strip()
    if not text:
        return []
    return [piece.strip() for piece in _split(text, limit, 0) if piece.strip()]


def _split(text: str, limit: int, level: int) -> list[str]:
    if units(text) <= limit:
        return [text]
    if level == len(_SPLITS):
        return _cut(text, limit)
    pieces: list[tuple[str, str]] = []
    start, separator = 0, ""
    for match in _SPLITS[level].finditer(text):
        pieces.append((separator, text[start : match.start()]))
        separator, start = match.group(), match.end()
    pieces.append((separator, text[start:]))
    chunks: list[str] = []
    current = ""
    for separator, piece in pieces:
        if not piece:
            continue
        if current and units(current + separator + piece) <= limit:
            current += separator + piece
            continue
        if current:
            chunks.append(current)
        if units(piece) <= limit:
            current = piece
        else:
            *done, current = _split(piece, limit, level + 1)
            chunks.extend(done)
    if current:
        chunks.append(current)
    return chunks


def _cut(text: str, limit: int) -> list[str]:
    """A text without any place to split (a long link), cut every `limit` units."""
    chunks: list[str] = []
    current, size = "", 0
    for char in text:
        width = units(char)
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
        current += char
        size += width
    return [*chunks, current] if current else chunks


def short_title(title: str, limit: int) -> str:
    """`title` in at most `limit` units: whole words and « … » when it must be cut (in the middle
    of a word only when whole words would keep less than half of it)."""
    title = " ".join(title.split())
    if units(title) <= limit:
        return title
    room = limit - units(ELLIPSIS)
    kept = ""
    for word in title.split(" "):
        candidate = f"{kept} {word}" if kept else word
        if units(candidate.rstrip(_TRIM)) > room:
            break
        kept = candidate
    kept = kept.rstrip(_TRIM)
    if units(kept) * 2 < room:
        kept = _cut(title, room)[0].rstrip(_TRIM)
    return kept + ELLIPSIS


def numbered_list(choices: Sequence[Choice]) -> str:
    """« 1. … », « 2. … », then how to answer (read back by `chosen_payload`)."""
    lines = [f"{n}. {' '.join(choice.title.split())}" for n, choice in enumerate(choices, 1)]
    return "\n".join(lines) + "\n\n" + NUMBER_PROMPT


def _with_list(text: str, choices: Sequence[Choice]) -> str:
    return f"{text}\n\n{numbered_list(choices)}" if text else numbered_list(choices)


# --- choices' ids -------------------------------------------------------------------------


def _digest(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def choice_id(position: int, choice: Choice, limit: int) -> str:
    """The id of the choice at `position` (1 for the first) for a platform whose ids hold
    `limit` units: its payload if it fits and could not be mistaken for a key, else a key."""
    payload = choice.payload
    fits = 0 < units(payload) <= limit and payload == payload.strip()
    if fits and not payload.startswith(KEY_PREFIX):
        return payload
    return f"{KEY_PREFIX}{position}:{_digest(payload)}"


def _ids(numbered: Sequence[tuple[int, Choice]], limit: int) -> list[str]:
    """The ids of the choices of one message: a payload offered twice gets keys (ids must be
    unique)."""
    ids: list[str] = []
    seen: set[str] = set()
    for position, choice in numbered:
        identifier = choice_id(position, choice, limit)
        if identifier in seen:
            identifier = f"{KEY_PREFIX}{position}:{_digest(choice.payload)}"
        seen.add(identifier)
        ids.append(identifier)
    return ids


def payload_of(reply_id: str, offered: Sequence[Choice]) -> str | None:
    """The payload of the choice whose id came back (a quick reply's payload, a WhatsApp
    button's or row's id): the id itself unless it is a key; a key's choice among `offered`
    (the choices of the bubble it was made for), None if it is not there any more."""
    key = _KEY.fullmatch(reply_id)
    if key is None:
        return reply_id
    position, digest = int(key.group(1)), key.group(2)
    if position <= len(offered) and _digest(offered[position - 1].payload) == digest:
        return offered[position - 1].payload
    matches = {choice.payload for choice in offered if _digest(choice.payload) == digest}
    return matches.pop() if len(matches) == 1 else None


def _normalized(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split()).strip(" .!?…«»\"'")


def chosen_payload(text: str, offered: Sequence[Choice]) -> str | None:
    """The payload of the choice a customer typed back after offered choices (buttons or a
    numbered list): its number or its exact title, whatever the case and accents; else None."""
    answer = _normalized(text)
    if not answer or not offered:
        return None
    number = _NUMBER.fullmatch(answer)
    if number is not None:
        position = int(number.group(1))
        return offered[position - 1].payload if 1 <= position <= len(offered) else None
    matches = {choice.payload for choice in offered if _normalized(choice.title) == answer}
    return matches.pop() if len(matches) == 1 else None


# --- Messenger ----------------------------------------------------------------------------


def _quick_replies(choices: Sequence[Choice]) -> list[tuple[int, Choice]]:
    numbered = list(enumerate(choices, 1))
    if len(numbered) <= MESSENGER_QUICK_REPLIES_MAX:
        return numbered
    head = numbered[: MESSENGER_QUICK_REPLIES_MAX - 1]
    rest = numbered[MESSENGER_QUICK_REPLIES_MAX - 1 :]
    handover = [item for item in rest if item[1].payload == HANDOVER_PAYLOAD][:1]
    return head + (handover or rest[:1])


def messenger_bodies(psid: str, bubble: Bubble) -> list[dict[str, Any]]:
    """The Send API bodies of one bubble: its text (in pieces of at most 2000 characters), the
    choices as quick replies on the last piece."""
    text, choices = bubble.text.strip(), bubble.choices
    if len(choices) > MESSENGER_QUICK_REPLIES_MAX:
        text = _with_list(text, choices)
    pieces = split_text(text, MESSENGER_TEXT_MAX) or ([CHOICE_PROMPT] if choices else [])
    bodies: list[dict[str, Any]] = [
        {"recipient": {"id": psid}, "messaging_type": "RESPONSE", "message": {"text": piece}}
        for piece in pieces
    ]
    if choices:
        numbered = _quick_replies(choices)
        ids = _ids(numbered, MESSENGER_PAYLOAD_MAX)
        bodies[-1]["message"]["quick_replies"] = [
            {"content_type": "text",
             "title": short_title(choice.title, MESSENGER_QUICK_REPLY_TITLE_MAX) or str(position),
             "payload": identifier}
            for (position, choice), identifier in zip(numbered, ids, strict=True)
        ]  # fmt: skip
    return bodies


# --- WhatsApp -----------------------------------------------------------------------------


def _whatsapp(wa_id: str, kind: str, content: dict[str, Any]) -> dict[str, Any]:
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": wa_id,
            "type": kind, kind: content}  # fmt: skip


def _texts(wa_id: str, text: str) -> list[dict[str, Any]]:
    return [_whatsapp(wa_id, "text", {"body": piece, "preview_url": False})
            for piece in split_text(text, WHATSAPP_TEXT_MAX)]  # fmt: skip


def _button_titles(choices: Sequence[Choice]) -> list[str]:
    titles = [short_title(c.title, WHATSAPP_BUTTON_TITLE_MAX) or str(n)
              for n, c in enumerate(choices, 1)]  # fmt: skip
    if len({title.casefold() for title in titles}) < len(titles):  # labels must be unique
        titles = [short_title(f"{n}. {c.title}", WHATSAPP_BUTTON_TITLE_MAX)
                  for n, c in enumerate(choices, 1)]  # fmt: skip
    return titles


def _buttons(choices: Sequence[Choice]) -> dict[str, Any]:
    numbered = list(enumerate(choices, 1))
    pairs = zip(_ids(numbered, WHATSAPP_BUTTON_ID_MAX), _button_titles(choices), strict=True)
    return {"buttons": [{"type": "reply", "reply": {"id": identifier, "title": title}}
                        for identifier, title in pairs]}  # fmt: skip


def _rows(choices: Sequence[Choice]) -> dict[str, Any]:
    numbered = list(enumerate(choices, 1))
    rows = []
    ids = _ids(numbered, WHATSAPP_ROW_ID_MAX)
    for (position, choice), identifier in zip(numbered, ids, strict=True):
        full = " ".join(choice.title.split())
        row = {
            "id": identifier,
            "title": short_title(full, WHATSAPP_ROW_TITLE_MAX) or str(position),
        }
        if row["title"] != full and full:
            row["description"] = short_title(full, WHATSAPP_ROW_DESCRIPTION_MAX)
        rows.append(row)
    return {"button": LIST_BUTTON, "sections": [{"title": LIST_SECTION, "rows": rows}]}


def whatsapp_bodies(wa_id: str, bubble: Bubble) -> list[dict[str, Any]]:
    """The Cloud API bodies of one bubble: its text (in pieces of at most 4096 characters), then
    its choices as reply buttons (1–3), a list (4–10) or a numbered text list (more)."""
    text, choices = bubble.text.strip(), bubble.choices
    if not choices:
        return _texts(wa_id, text)
    if len(choices) > WHATSAPP_ROWS_MAX:
        return _texts(wa_id, _with_list(text, choices))
    if len(choices) <= WHATSAPP_BUTTONS_MAX:
        kind, body_max, action = "button", WHATSAPP_BUTTON_BODY_MAX, _buttons(choices)
    else:
        kind, body_max, action = "list", WHATSAPP_LIST_BODY_MAX, _rows(choices)
    fits = bool(text) and units(text) <= body_max
    before = [] if fits or not text else _texts(wa_id, text)
    interactive = {
        "type": kind,
        "body": {"text": text if fits else CHOICE_PROMPT},
        "action": action,
    }
    return [*before, _whatsapp(wa_id, "interactive", interactive)]
