"""Order conversations: route a question, identify the order, answer from its state, pass a
request on to customer service.

Thin actions: they read the tracker, call the order backend (actions/orders_client.py) and phrase
the answer with cadomaestro.replies, where the rules are applied. Nothing about an order is said
before the proof of ownership succeeded.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.orders_client import (
    BackendUnavailable,
    OrderNotFound,
    OrdersClient,
    TooManyAttempts,
)
from actions.settings import ActionSettings
from cadomaestro.nlu.proofs import proof_in, reference_in
from cadomaestro.replies.estimates import ESTIMATE_TOPICS, delivery_estimates
from cadomaestro.replies.loyalty import loyalty_balance
from cadomaestro.replies.reply import FollowUp, Reply
from cadomaestro.replies.requests import request_confirmation
from cadomaestro.replies.topics import LOYALTY_TOPICS, answer_about_order, needs_order
from cadomaestro.rules.requests import RequestKind, request_kind_for

logger = logging.getLogger(__name__)

MAX_FAILED_PROOFS = 3
LATER = "à envoyer"  # the photo slot's value when the customer will send the photo later
_URL = re.compile(r"https?://\S+", re.IGNORECASE)

# Slots reset when a request is done or dropped.
FOLLOW_UP_SLOTS = ("suite", "type_demande", "question_suivi", "consigne_photo",
                   "details_demande", "photo")  # fmt: skip

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


def topic_of(message: dict[str, Any]) -> str | None:
    """The retrieval intent with its response key (`colis_perdu/livre_non_recu`)."""
    intent = (message.get("intent") or {}).get("name")
    selected = (message.get("response_selector") or {}).get(intent) or {}
    key = (selected.get("response") or {}).get("intent_response_key")
    return key or None


def entity_value(message: dict[str, Any], entity: str) -> str | None:
    for found in message.get("entities") or []:
        if found.get("entity") == entity:
            return str(found.get("value"))
    return None


def apologise_backend_down(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(response="utter_backend_indisponible")
    dispatcher.utter_message(response="utter_parler_humain")


def refuse_more_attempts(dispatcher: CollectingDispatcher, error: TooManyAttempts) -> None:
    """The backend's limit on failed proofs from this client (cadomaestro/backend/throttle.py)."""
    minutes = max(1, math.ceil(error.retry_after_s / 60))
    dispatcher.utter_message(response="utter_trop_de_tentatives", minutes=minutes)
    dispatcher.utter_message(response="utter_parler_humain")


def client_of(tracker: Tracker) -> str:
    """Whom the backend's limits on failed proofs count for: the channel's pseudonym of the
    customer's address (cadomaestro/channels/rest.py), else the conversation (channels that do
    not set it yet, such as socket.io), so that their customers never share one count."""
    client = (tracker.latest_message.get("metadata") or {}).get("client")
    return str(client) if client else f"conversation:{tracker.sender_id}"


def send(dispatcher: CollectingDispatcher, reply: Reply) -> list[EventType]:
    for message in reply.messages:
        dispatcher.utter_message(text=message)
    if reply.follow_up is FollowUp.CONFIRMATION:
        dispatcher.utter_message(
            text=reply.question,
            buttons=[{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}],
        )
    return [
        SlotSet("suite", reply.follow_up.value),
        SlotSet("type_demande", reply.kind.value if reply.kind else None),
        SlotSet("question_suivi", reply.question),
        SlotSet("consigne_photo", reply.photo),
    ]


class ActionRouteQuestion(Action):
    """Every question of the corpus: answer from the FAQ, or start an order conversation."""

    def name(self) -> str:
        return "action_route_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        message = tracker.latest_message
        topic = topic_of(message)
        if topic and needs_order(topic):
            return [SlotSet("probleme", topic), SlotSet("besoin_commande", True),
                    *[SlotSet(slot, None) for slot in FOLLOW_UP_SLOTS]]  # fmt: skip
        # Without a selected topic (never seen: the selectors always rank one), ask again.
        dispatcher.utter_message(response=f"utter_{topic}" if topic else "utter_ask_question")
        if topic in ESTIMATE_TOPICS:
            country = entity_value(message, "pays")
            carrier = entity_value(message, "transporteur")
            dispatcher.utter_message(text=delivery_estimates(now(), country, carrier))
        return [SlotSet("besoin_commande", False), SlotSet("suite", FollowUp.NONE.value)]


class ValidateOrderIdentificationForm(FormValidationAction):
    """Reference, then the order's email or delivery postcode; checked with the backend."""

    def name(self) -> str:
        return "validate_order_identification_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot("identification_interrompue"):
            return []
        if (tracker.get_slot("echecs_identification") or 0) >= MAX_FAILED_PROOFS:
            return []
        return domain_slots

    def validate_reference_commande(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        reference = reference_in(str(value or ""))
        if reference is None:
            dispatcher.utter_message(response="utter_reference_invalide")
            return {"reference_commande": None}
        if reference != tracker.get_slot("commande_verifiee"):
            return {"reference_commande": reference, "commande_verifiee": None}
        return {"reference_commande": reference}

    def validate_preuve_commande(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        proof = proof_in(str(value or ""))
        if proof is None:
            dispatcher.utter_message(response="utter_preuve_invalide")
        return {"preuve_commande": proof, "commande_verifiee": None}

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events = await super().get_validation_events(dispatcher, tracker, domain)
        tracker.add_slots(events)
        reference = tracker.get_slot("reference_commande")
        proof = tracker.get_slot("preuve_commande")
        if not reference or not proof or tracker.get_slot("commande_verifiee") == reference:
            return events
        failures = int(tracker.get_slot("echecs_identification") or 0)
        try:
            await orders_client().find_order(reference, proof, client_of(tracker))
        except BackendUnavailable:
            apologise_backend_down(dispatcher)
            return [*events, SlotSet("identification_interrompue", True)]
        except TooManyAttempts as error:
            refuse_more_attempts(dispatcher, error)
            return [*events, SlotSet("identification_interrompue", True)]
        except OrderNotFound:
            failures += 1
            if failures < MAX_FAILED_PROOFS:  # else the form ends and action_answer_order says so
                dispatcher.utter_message(response="utter_commande_introuvable")
            reset = [SlotSet("reference_commande", None), SlotSet("preuve_commande", None)]
            tracker.add_slots(reset)
            return [*events, *reset, SlotSet("echecs_identification", float(failures))]
        dispatcher.utter_message(response="utter_commande_retrouvee", reference=reference)
        return [*events, SlotSet("commande_verifiee", reference)]


class ActionAnswerOrder(Action):
    """After the identification form: the answer to the problem from the order's state."""

    def name(self) -> str:
        return "action_answer_order"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        done = [SlotSet("besoin_commande", False), SlotSet("identification_interrompue", None)]
        reference = tracker.get_slot("commande_verifiee")
        proof = tracker.get_slot("preuve_commande")
        topic = tracker.get_slot("probleme")
        if not reference or not proof:
            # The form ended without a proof: too many failed proofs, or the backend down (the
            # validation has already apologised with the contacts).
            if not tracker.get_slot("identification_interrompue"):
                dispatcher.utter_message(response="utter_identification_abandonnee")
                dispatcher.utter_message(response="utter_parler_humain")
            return [*done, SlotSet("suite", FollowUp.NONE.value)]
        if not topic or not needs_order(topic):
            dispatcher.utter_message(response="utter_que_faire_commande")
            return [*done, SlotSet("suite", FollowUp.NONE.value)]
        try:
            client = client_of(tracker)
            if topic in LOYALTY_TOPICS:
                reply = loyalty_balance(await orders_client().loyalty(reference, proof, client))
            else:
                order = await orders_client().find_order(reference, proof, client)
                reply = answer_about_order(topic, order, now())
        except (BackendUnavailable, OrderNotFound):
            apologise_backend_down(dispatcher)
            return [*done, SlotSet("suite", FollowUp.NONE.value)]
        except TooManyAttempts as error:
            refuse_more_attempts(dispatcher, error)
            return [*done, SlotSet("suite", FollowUp.NONE.value)]
        return [*done, SlotSet("probleme", None), *send(dispatcher, reply)]


def attachment_in(message: dict[str, Any]) -> str | None:
    """An image sent with the message: in its metadata (`attachments`, as the REST and socket.io
    channels pass them) or as the message's text (Messenger sends an image's URL as text)."""
    metadata = message.get("metadata") or {}
    for attachment in metadata.get("attachments") or []:
        if isinstance(attachment, dict) and attachment.get("url"):
            return str(attachment["url"])
    url = _URL.search(message.get("text") or "")
    return url.group() if url else None


class ValidateDetailsForm(FormValidationAction):
    """What the customer wants changed or what happened; then the photo when the FAQ needs one."""

    def name(self) -> str:
        return "validate_details_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot("consigne_photo"):
            return ["details_demande", "photo"]
        return ["details_demande"]

    def validate_details_demande(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        if len(text) < 3:
            dispatcher.utter_message(response="utter_details_trop_courts")
            return {"details_demande": None}
        return {"details_demande": text[:4000]}

    def validate_photo(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"photo": attachment_in(tracker.latest_message) or LATER}


class ActionSubmitRequest(Action):
    """Record the request with customer service and confirm it to the customer."""

    def name(self) -> str:
        return "action_submit_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        reset = [SlotSet(slot, None) for slot in FOLLOW_UP_SLOTS]
        reference = tracker.get_slot("commande_verifiee")
        proof = tracker.get_slot("preuve_commande")
        kind_value = tracker.get_slot("type_demande")
        if not reference or not proof or not kind_value:
            dispatcher.utter_message(response="utter_ask_question")
            return reset
        details = tracker.get_slot("details_demande") or ""
        photo = tracker.get_slot("photo")
        attachments = [photo] if photo and photo != LATER else []
        kind = request_kind_for(RequestKind(kind_value), details)
        try:
            created = await orders_client().create_request(
                reference,
                proof,
                kind=kind.value,
                conversation_id=tracker.sender_id,
                details=details or tracker.get_slot("question_suivi") or kind.value,
                attachments=attachments,
                client=client_of(tracker),
            )
        except (BackendUnavailable, OrderNotFound):
            apologise_backend_down(dispatcher)
            return reset
        except TooManyAttempts as error:
            refuse_more_attempts(dispatcher, error)
            return reset
        confirmation = request_confirmation(
            kind,
            int(created["id"]),
            reference,
            photo_required=tracker.get_slot("consigne_photo") is not None,
            photo_sent=bool(attachments),
        )
        dispatcher.utter_message(text=confirmation)
        return reset


class ActionDropRequest(Action):
    """ "Stop", or "no" to an offer: nothing is passed on, the conversation goes on."""

    def name(self) -> str:
        return "action_drop_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_rien_transmis")
        return [
            *[SlotSet(slot, None) for slot in FOLLOW_UP_SLOTS],
            SlotSet("probleme", None),
            SlotSet("besoin_commande", False),
            SlotSet("requested_slot", None),
        ]
