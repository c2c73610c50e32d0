"""The one action that answers every message (`action_respond`): reads the conversation's state
from its slots and the message's understanding from the NLU's parse, lets the dialogue
(actions/conversation.py) decide and call the order backend, sends its messages and saves the
state back into the slots.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import Awaiting, Conversation, State, Topic, Understanding
from actions.orders_client import OrdersClient
from actions.settings import ActionSettings
from cadomaestro.channels.inbound import CUSTOMER_KEY
from cadomaestro.dialogue import signals, slots
from cadomaestro.dialogue.recall import Recall
from cadomaestro.faq.corpus import RETRIEVAL_INTENTS, FaqEntry, load_corpus
from cadomaestro.inputs import is_email
from cadomaestro.nlu.proofs import proof_in, reference_in
from cadomaestro.nlu.references import (
    REFERENCE_LENGTH,
    find_order_references,
    find_order_references_in_groups,
    has_consonant_run,
)
from cadomaestro.nlu.spoken import spoken_email, spoken_postcode
from cadomaestro.nlu.topics import SECOND_QUESTION_KEY, rank_topics, top_topic

# Slot of each field of State (domain.yml declares them).
SLOTS = {
    "problem": "probleme",
    "problem_text": "texte_probleme",
    "reference": "reference_commande",
    "proof": "preuve_commande",
    "verified": "commande_verifiee",
    "verified_proof": "preuve_verifiee",
    "failures": "echecs_identification",
    "awaiting": slots.AWAITING,
    "request_kind": "type_demande",
    "request_follow_up": "suite_demande",
    "request_question": "question_suivi",
    "photo_instruction": "consigne_photo",
    "details": "details_demande",
    "last_prompt": "dernier_message",
    "repeats": "repetitions",
    "misses": "incompris",
    "last_topic": "dernier_sujet",
    "country": "pays_mentionne",
}
_COUNTERS = ("failures", "repeats", "misses")
MAX_EMAIL = 320
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_ANNOUNCING = re.compile(r"(?i)\b(?:commande|cmd|ref|r[ée]f[ée]rence|num[ée]ro|n°)\s*:?\s*")


def _no_vocabulary(word: str) -> bool:
    """The action server has no vocabulary: no group of a reference is a known word."""
    return False


def grouped_reference(text: str, *, announced: bool) -> str | None:
    """A reference typed in groups (cadomaestro/nlu/references.py): the whole message (when
    the reference is asked for: « WXC VBN QSD »), or right after a word that announces it
    (`announced`: « la commande nbvcx wqsd est arrivée ? »)."""
    if not announced:
        found = find_order_references_in_groups(text.strip(), _no_vocabulary, lenient=True)
        whole = found and (found[0].start, found[0].end) == (0, len(text.strip()))
        return reference_in(found[0].value) if whole else None
    for announcing in _ANNOUNCING.finditer(text):
        after = text[announcing.end() :]
        if _ANNOUNCING.match(after):
            continue  # « commande cmd nbv cxw qsd »: the last announcing word counts
        found = find_order_references_in_groups(after, _no_vocabulary, lenient=True)
        if found and found[0].start == 0:
            return reference_in(found[0].value)
        short = _with_a_short_group(after)
        if short:
            return short
    return None


# Two or three groups right after the announcing word, one of them shorter than the groups
# references are read in (« ma cmd btrx qwm pl »).
_SHORT_GROUPS = re.compile(r"\s*([A-Za-z]{2,7})[ .-]+([A-Za-z]{2,7})(?:[ .-]+([A-Za-z]{2,7}))?\b")


def _with_a_short_group(after: str) -> str | None:
    found = _SHORT_GROUPS.match(after)
    if not found:
        return None
    groups = [group for group in found.groups() if group]
    for count in (3, 2):
        compact = "".join(groups[:count])
        if len(groups) >= count and len(compact) == REFERENCE_LENGTH and \
                any(has_consonant_run(group) for group in groups[:count]):  # fmt: skip
            return reference_in(compact)
    return None


_client: OrdersClient | None = None
_client_loop: asyncio.AbstractEventLoop | None = None


def orders_client() -> OrdersClient:
    """One client (one connection pool) per event loop, configured from the environment."""
    global _client, _client_loop
    loop = asyncio.get_running_loop()
    if _client is None or _client_loop is not loop:
        _client, _client_loop = OrdersClient.from_settings(ActionSettings.from_env()), loop
    return _client


def now() -> datetime:
    return datetime.now(timezone.utc)


@lru_cache(maxsize=1)
def _corpus() -> tuple[FaqEntry, ...]:
    return tuple(load_corpus())


@lru_cache(maxsize=1)
def corpus_recall() -> Recall:
    return Recall((entry.answer, entry.examples) for entry in _corpus())


@lru_cache(maxsize=1)
def corpus_topics() -> dict[str, Topic]:
    return {
        entry.full_intent: Topic(entry.title, entry.question, entry.category) for entry in _corpus()
    }


def state_of(tracker: Tracker) -> State:
    values: dict[str, Any] = {}
    for name, slot in SLOTS.items():
        value = tracker.get_slot(slot)
        if name in _COUNTERS:
            value = int(value or 0)
        elif name == "awaiting":
            value = Awaiting(value or "")
        values[name] = value
    return State(**values)


def slot_events(before: State, after: State) -> list[EventType]:
    events: list[EventType] = []
    for name, slot in SLOTS.items():
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            if isinstance(new, Awaiting):
                new = new.value
            elif name in _COUNTERS:
                new = float(new)
            events.append(SlotSet(slot, new))
    return events


def client_of(tracker: Tracker) -> str:
    """Whom the backend's limits on failed proofs count for: the channel's pseudonym of the
    customer's client, else the conversation (a channel that does not set it), so that
    customers never share one count."""
    client = (tracker.latest_message.get("metadata") or {}).get("client")
    return str(client) if client else f"conversation:{tracker.sender_id}"


def customer_of(tracker: Tracker) -> str | None:
    """The e-mail (lower case) of the customer logged in on the shop's site: the channel puts it
    in the message's metadata once it has verified the site's token, and drops any value a
    client sends under that key. None for anonymous visitors, and for anything that is not an
    e-mail address."""
    value = (tracker.latest_message.get("metadata") or {}).get(CUSTOMER_KEY)
    if not isinstance(value, str):
        return None
    email = value.strip().lower()
    return email if len(email) <= MAX_EMAIL and is_email(email) else None


def attachment_in(message: dict[str, Any]) -> str | None:
    """An image sent with the message: in its metadata (`attachments`, as the REST and socket.io
    channels pass them) or as the message's text (Messenger sends an image's URL as text)."""
    metadata = message.get("metadata") or {}
    for attachment in metadata.get("attachments") or []:
        if isinstance(attachment, dict) and attachment.get("url"):
            return str(attachment["url"])
    url = _URL.search(message.get("text") or "")
    return url.group() if url else None


def _entity(message: dict[str, Any], name: str) -> str | None:
    for found in message.get("entities") or []:
        if found.get("entity") == name and found.get("value"):
            return str(found["value"])
    return None


# A correction between two values of one kind typed in one message (« WXCVBNQDS... non pardon,
# WXCVBNQSD », « 44100... ah non pardon, c'est 44000 »): the last one is meant.
_CORRECTION = re.compile(
    r"\b(non|pardon|enfin|plutot|je veux dire|correction|oups|dsl|desole|erreur|trompee?|"
    r"inverse|l.autre|celle.?(la|ci)|celui.?(la|ci))\b"  # « 33000 c'est l'autre commande,
)  # pour celle la c'est 75015 »


def _corrected(message: dict[str, Any], name: str) -> str | None:
    """The value of `name` typed last, when the words before it correct an earlier one."""
    found = sorted(
        (e for e in message.get("entities") or []
         if e.get("entity") == name and e.get("value") and "start" in e and "end" in e),
        key=lambda e: int(e["start"]),
    )  # fmt: skip
    if len(found) < 2 or found[0]["value"] == found[-1]["value"]:
        return None
    between = str(message.get("text") or "")[int(found[0]["end"]) : int(found[-1]["start"])]
    return str(found[-1]["value"]) if _CORRECTION.search(signals.fold(between)) else None


def _one_word(text: str) -> bool:
    return len(re.findall(r"[A-Za-z]+", text)) == 1


def typed_text(tracker: Tracker) -> str:
    """The customer's message as typed (the parse data's text is the NLU's folded form)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return str(event.get("text") or "")
    return str(tracker.latest_message.get("text") or "")


def last_reply(tracker: Tracker, back: int = 1) -> str:
    """What the assistant said between the customer's previous message and this one; `back` 2:
    between the two messages before this one."""
    texts: list[str] = []
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users > back:
                break
        elif event.get("event") == "bot" and users == back and event.get("text"):
            texts.append(str(event["text"]))
    return "\n".join(reversed(texts))


def previous_message(tracker: Tracker) -> str:
    """The customer's message before this one, as typed ("" if none)."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    return str(users[-2].get("text") or "") if len(users) >= 2 else ""


def earlier_proof(tracker: Tracker) -> str | None:
    """The last e-mail or postcode the customer gave before this message (the NLU's entities):
    the proof of a check that failed, for the reference corrected after it."""
    users = [event for event in tracker.events if event.get("event") == "user"][:-1]
    for event in reversed(users):
        parse = event.get("parse_data") or {}
        proof = _entity(parse, "email") or _entity(parse, "code_postal")
        if proof:
            return proof.strip().lower()
    return None


# A reference spelled out letter by letter (« F G H J K L M N B sophie.petit@… »).
_SPELLED = re.compile(r"(?<![\w@.])[A-Za-z](?:[ .-][A-Za-z]){8}(?![\w@])")


def spelled_reference(text: str) -> str | None:
    found = _SPELLED.search(text)
    return reference_in(re.sub(r"[ .-]", "", found.group())) if found else None


def other_reference(text: str, first: str | None) -> str | None:
    """A second order's reference in the same message, typed in capitals (« jai 2 cmd ZXCVBNMLK
    et LMPQRTSVX »)."""
    typed = [m.value for m in find_order_references(text, _no_vocabulary)
             if text[m.start : m.end].isupper()]  # fmt: skip
    return next((value for value in typed if first and value != first), None)


def understanding_of(tracker: Tracker, state: State) -> Understanding:
    message = tracker.latest_message
    text = typed_text(tracker)
    intent = (message.get("intent") or {}).get("name")
    topic = top_topic(message) or None
    corrected = _corrected(message, "reference_commande")
    reference = corrected or _entity(message, "reference_commande")
    proof = _corrected(message, "email") or _entity(message, "email") or \
        _corrected(message, "code_postal") or _entity(message, "code_postal")  # fmt: skip
    if reference is None and state.awaiting is Awaiting.REFERENCE:
        # Only the whole message: « transport » or « je cherche » are no references.
        reference = reference_in(text) if _one_word(text) else None
        reference = reference or grouped_reference(text, announced=False)
    if reference is None:
        reference = grouped_reference(text, announced=True) or spelled_reference(text)
    if proof is None and state.awaiting in (Awaiting.PROOF, Awaiting.EMAIL):
        proof = proof_in(text)
        if proof and "@" not in proof and len(text.split()) > 4:
            proof = None  # a year or a phone number in a sentence, not the postcode
    # Said as dictated (« sophie point petit arobase example point fr », « treize zero zero
    # un »): an e-mail anywhere, a postcode when one is asked for or beside a reference.
    proof = proof or spoken_email(text)
    asked = state.awaiting in (Awaiting.PROOF, Awaiting.EMAIL)
    if proof is None and (asked or reference or state.locked or signals.names_postcode(text)):
        proof = spoken_postcode(text)
    if proof is None and signals.names_postcode(text):
        proof = proof_in(text)  # « code postal 75 015 », typed in two groups
    if proof and "@" in proof:
        proof = proof.strip().lower()
    ranked = tuple(rank_topics(message, RETRIEVAL_INTENTS))
    personalised = signals.names_personalisation(text) or signals.describes_a_personalised_item(
        text
    )
    if reference and signals.names_a_missed_letter(text) and not personalised:
        # « pardon DFGTRHYJK, il manquait le J »: the reference corrected, no item missing.
        intent, topic, ranked = "donner_infos", None, ()
    second = (message.get(SECOND_QUESTION_KEY) or {}).get("name")
    return Understanding(
        text=text, intent=intent, topic=topic, ranked_topics=ranked, second_topic=second,
        reference=reference.upper() if reference else None, proof=proof,
        other_reference=None if corrected else other_reference(
            text, reference.upper() if reference else None
        ),
        attachment=attachment_in(message), country=_entity(message, "pays"),
        carrier=_entity(message, "transporteur"), client=client_of(tracker),
        conversation_id=tracker.sender_id, last_reply=last_reply(tracker),
        earlier_reply=last_reply(tracker, back=2),
        previous_text=previous_message(tracker), earlier_proof=earlier_proof(tracker),
        customer_email=customer_of(tracker),
    )  # fmt: skip


class ActionRespond(Action):
    def name(self) -> str:
        return "action_respond"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        before = state_of(tracker)
        state = state_of(tracker)
        conversation = Conversation(orders_client(), now, corpus_topics(), corpus_recall())
        messages = await conversation.respond(state, understanding_of(tracker, before))
        for message in messages:
            dispatcher.utter_message(
                response=message.response, text=message.text, buttons=message.buttons or [],
                **message.values,
            )  # fmt: skip
        return slot_events(before, state)


# Built when the action server imports this module, before it serves: the first customer after a
# start does not wait for them (several seconds, measured 2026-12-07).
corpus_recall()
corpus_topics()
