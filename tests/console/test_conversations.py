"""The console's reading of stored events: summaries for the list, transcripts, built over event
lists shaped like those Rasa's tracker store keeps (the JSON of each row of `events`)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from cadomaestro.console.conversations import (
    ACTION,
    ASSISTANT,
    CUSTOMER,
    SLOT,
    Candidate,
    channel_of,
    reading,
    summarize,
    transcript,
)

T0 = 1_796_338_488.0
CLARIFY_BUTTONS = [
    {"title": "Facture dans le colis ?",
     "payload": "Est-ce que la facture est insérée dans le colis ?"},
    {"title": "Parler à quelqu’un", "payload": "/parler_humain"},
]  # fmt: skip


def selector(keys: list[tuple[str, float]]) -> dict[str, Any]:
    ranking = [{"id": None, "confidence": c, "intent_response_key": k} for k, c in keys]
    first = {"responses": None, "confidence": keys[0][1], "intent_response_key": keys[0][0],
             "utter_action": f"utter_{keys[0][0]}"}  # fmt: skip
    return {"response": first, "ranking": ranking}


def user(
    text: str,
    intent: str,
    confidence: float,
    ranking: list[tuple[str, float]] | None = None,
    topics: dict[str, list[tuple[str, float]]] | None = None,
    entities: list[tuple[str, str]] = (),
    at: float = T0,
) -> dict[str, Any]:
    ranking = ranking or [(intent, confidence)]
    intent_data: dict[str, Any] = {"name": intent, "confidence": confidence}
    selectors: dict[str, Any] = {"all_retrieval_intents": list(topics or {})}
    for name, keys in (topics or {}).items():
        selectors[name] = selector(keys)
        if name == intent:
            intent_data["full_retrieval_intent_name"] = keys[0][0]
    return {
        "event": "user", "timestamp": at, "metadata": {"client": "c"}, "text": text,
        "input_channel": "rest",
        "parse_data": {
            "intent": intent_data, "text": text.lower(),
            "entities": [{"entity": e, "value": v, "start": 0, "end": 1} for e, v in entities],
            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
            "response_selector": selectors,
        },
    }  # fmt: skip


def bot(text: str, response: str | None = None, buttons: list | None = None, at: float = T0):
    metadata = {"utter_action": response, "template": response} if response else {}
    data = {"elements": None, "quick_replies": None, "buttons": buttons, "attachment": None,
            "image": None, "custom": None}  # fmt: skip
    return {"event": "bot", "timestamp": at, "metadata": metadata, "text": text, "data": data}


def action(name: str, at: float = T0) -> dict[str, Any]:
    return {"event": "action", "timestamp": at, "name": name, "policy": None, "confidence": 1.0}


def slot(name: str, value: Any, at: float = T0) -> dict[str, Any]:
    return {"event": "slot", "timestamp": at, "name": name, "value": value}


def start(at: float = T0) -> list[dict[str, Any]]:
    return [
        slot("session_started_metadata", {"client": "c"}, at),
        action("action_session_start", at),
        {"event": "session_started", "timestamp": at},
        action("action_listen", at),
    ]


def turn(message: dict[str, Any], *answers: dict[str, Any]) -> list[dict[str, Any]]:
    at = message["timestamp"]
    featurization = {"event": "user_featurization", "timestamp": at}
    return [message, featurization, action("action_respond", at), *answers,
            action("action_listen", at)]  # fmt: skip


FAQ = turn(
    user("vous livrez en Belgique ?", "faq", 0.9999, [("faq", 0.9999), ("colis_perdu", 1e-5),
         ("out_of_scope", 9e-6)], {"faq": [("faq/pays_livraison", 0.97),
         ("faq/delais_frais_livraison", 0.02), ("faq/modes_livraison", 0.005)]},
         [("pays", "BE")], at=T0 + 1),
    bot("CadoMaestro livre essentiellement sur le continent européen.", "utter_faq/pays_livraison",
        at=T0 + 1),
    slot("dernier_sujet", "faq/pays_livraison", T0 + 1),
)  # fmt: skip
CLARIFY = turn(
    user("mon truc est bizarre avec le colis", "nlu_fallback", 0.4,
         [("nlu_fallback", 0.4), ("faq", 0.43), ("produit_defectueux", 0.26), ("colis_perdu", 0.1)],
         {"faq": [("faq/facture_dans_colis", 0.5), ("faq/message_commande", 0.15)],
          "produit_defectueux": [("produit_defectueux/produit_defectueux", 0.9)]}, at=T0 + 2),
    bot("Je ne suis pas sûr d’avoir bien compris.", "utter_clarify", CLARIFY_BUTTONS, at=T0 + 2),
    slot("incompris", 1.0, T0 + 2),
)  # fmt: skip
CLICK = turn(
    user("Est-ce que la facture est insérée dans le colis ?", "faq", 0.99,
         topics={"faq": [("faq/facture_dans_colis", 0.99)]}, at=T0 + 3),
    bot("Oui, la facture est dans le colis.", "utter_faq/facture_dans_colis", at=T0 + 3),
)  # fmt: skip
HANDOVER = turn(
    user("je veux parler à un humain", "parler_humain", 0.9999, at=T0 + 4),
    bot("Notre service client vous répond au 04 81 64 00 80.", "utter_parler_humain", at=T0 + 4),
)
ORDER = [
    *turn(
        user("Comment modifier ou annuler ma commande ?", "modifier_commande", 0.9998,
             topics={"modifier_commande": [("modifier_commande/modifier_annuler_commande", 0.9)]},
             at=T0 + 10),
        bot("Quelle est la référence de votre commande ?", "utter_ask_reference_commande",
            at=T0 + 10),
        slot("probleme", "modifier_commande/modifier_annuler_commande", T0 + 10),
    ),
    *turn(
        user("KQZPTRBWE", "donner_infos", 0.99, entities=[("reference_commande", "KQZPTRBWE")],
             at=T0 + 11),
        bot("Merci. Pour vérifier…", "utter_ask_preuve_commande", at=T0 + 11),
    ),
    *turn(
        user("44100", "donner_infos", 0.998, entities=[("code_postal", "44100")], at=T0 + 12),
        bot("Je ne trouve aucune commande…", "utter_commande_introuvable", at=T0 + 12),
        slot("echecs_identification", 1.0, T0 + 12),
    ),
    *turn(
        user("claire.martin@example.fr", "donner_infos", 0.993, at=T0 + 13),
        bot("Merci, j’ai bien retrouvé votre commande KQZPTRBWE.", "utter_commande_retrouvee",
            at=T0 + 13),
        bot("Que souhaitez-vous modifier ?", at=T0 + 13),
        slot("commande_verifiee", "KQZPTRBWE", T0 + 13),
        slot("type_demande", "modification", T0 + 13),
    ),
    *turn(
        user("livrer plutôt au 12 rue des Lilas, 69003 Lyon", "donner_infos", 0.73, at=T0 + 14),
        bot("C’est transmis : votre demande n° 17 pour la commande KQZPTRBWE est enregistrée.",
            at=T0 + 14),
        slot("type_demande", None, T0 + 14),
    ),
]  # fmt: skip
HOSTILE = "<script>alert('x')</script> <img src=x onerror=alert(1)> '; DROP TABLE events; --"


@pytest.mark.parametrize(
    ("sender_id", "channel"),
    [("web:3f2a9c", "widget"), ("messenger:2411", "messenger"), ("whatsapp:33612", "whatsapp"),
     ("orders-1", "rest"), ("webhook", "rest"), ("", "rest")],
)  # fmt: skip
def test_channel_of(sender_id: str, channel: str) -> None:
    assert channel_of(sender_id) == channel


def at(offset: float) -> datetime:
    return datetime.fromtimestamp(T0 + offset, tz=timezone.utc)


SUMMARIES = [
    # events, expected fields
    (start() + FAQ, {
        "customer_messages": 1, "lowest_confidence": 0.9999, "topics": ("faq/pays_livraison",),
        "clarified": False, "fallback": False, "handover": False, "requests": (),
        "identified": False, "identification_failed": False,
        "first_text": "vous livrez en Belgique ?", "started_at": at(0), "last_at": at(1)}),
    (start() + CLARIFY + CLICK, {
        "customer_messages": 2, "lowest_confidence": 0.43,
        "topics": ("nlu_fallback", "faq/facture_dans_colis"), "clarified": True,
        "fallback": True, "handover": False, "handover_asked": False}),
    (start() + FAQ + HANDOVER, {
        "handover": True, "handover_asked": True, "fallback": False,
        "topics": ("faq/pays_livraison", "parler_humain")}),
    (start() + [bot("Je suis désolé…", "utter_handover"), bot("Notre…", "utter_parler_humain")], {
        "handover": True, "handover_asked": False, "customer_messages": 0,
        "lowest_confidence": None, "first_text": ""}),
    (start() + [bot("Pourriez-vous reformuler ?", "utter_clarify_reformuler")], {
        "fallback": True, "clarified": False}),
    (start() + ORDER, {
        "customer_messages": 5, "lowest_confidence": 0.73, "identified": True,
        "identification_failed": True, "requests": (17,), "request_kinds": ("modification",),
        "topics": ("modifier_commande/modifier_annuler_commande", "donner_infos"),
        "last_at": at(14)}),
    (start() + ORDER[:17], {"identified": False, "identification_failed": True, "requests": ()}),
    ([slot("commande_verifiee", None)], {"identified": False}),
    ([slot("echecs_identification", 0.0)], {"identification_failed": False}),
    ([], {"started_at": None, "last_at": None, "customer_messages": 0, "topics": ()}),
]  # fmt: skip


@pytest.mark.parametrize(("events", "expected"), SUMMARIES)
def test_summarize(events: list[dict], expected: dict) -> None:
    summary = summarize("web:abc", events)
    assert summary.sender_id == "web:abc" and summary.channel == "widget"
    assert {name: getattr(summary, name) for name in expected} == expected


def test_a_request_number_given_twice_counts_once() -> None:
    events = [bot("votre demande n° 5 est enregistrée"), bot("en rappelant la demande n° 5")]
    assert summarize("x", events).requests == (5,)


def test_customer_text_is_kept_exactly_as_typed() -> None:
    answer = bot("Désolé…", "utter_out_of_scope")
    events = start() + turn(user(HOSTILE, "out_of_scope", 0.45), answer)
    [line] = [t for t in transcript(events) if t.kind == CUSTOMER]
    assert line.text == HOSTILE and line.clicked is None
    assert summarize("x", events).first_text == HOSTILE


def test_transcript_of_a_clarification_then_a_click() -> None:
    turns = transcript(start() + CLARIFY + CLICK)
    assert [t.kind for t in turns] == [
        ACTION,
        CUSTOMER,
        ACTION,
        ASSISTANT,
        CUSTOMER,
        ACTION,
        ASSISTANT,
    ]  # action_session_start, no action_listen, no bookkeeping slot
    assert turns[0].name == "action_session_start" and turns[2].name == "action_respond"
    fallback, offered, click = turns[1], turns[3], turns[4]
    assert fallback.at == at(2) and fallback.clicked is None
    assert fallback.reading.fallback
    assert fallback.reading.intent == Candidate("faq", 0.43)
    assert fallback.reading.intents == (
        Candidate("produit_defectueux", 0.26),
        Candidate("colis_perdu", 0.1),
    )
    # a fallback's topics: the closest over every selector (intent × selector confidence)
    assert fallback.reading.topic.name == "produit_defectueux/produit_defectueux"
    assert fallback.reading.topic.confidence == pytest.approx(0.26 * 0.9)
    assert [c.name for c in fallback.reading.topics] == [
        "faq/facture_dans_colis",
        "faq/message_commande",
    ]
    assert offered.response == "utter_clarify"
    assert offered.buttons == ("Facture dans le colis ?", "Parler à quelqu’un")
    assert click.text == "Est-ce que la facture est insérée dans le colis ?"
    assert click.clicked == "Facture dans le colis ?"
    assert click.reading.topic == Candidate("faq/facture_dans_colis", 0.99)


def test_transcript_of_an_faq_answer() -> None:
    [message, answer] = [t for t in transcript(FAQ) if t.kind in (CUSTOMER, ASSISTANT)]
    read = message.reading
    assert read.intent == Candidate("faq", 0.9999) and not read.fallback
    assert read.intents == (Candidate("colis_perdu", 1e-5), Candidate("out_of_scope", 9e-6))
    assert read.topic == Candidate("faq/pays_livraison", 0.97)
    assert read.topics == (
        Candidate("faq/delais_frais_livraison", 0.02),
        Candidate("faq/modes_livraison", 0.005),
    )
    assert read.entities == (("pays", "BE"),)
    assert answer.response == "utter_faq/pays_livraison" and answer.buttons == ()


def test_transcript_of_an_order_shows_the_verification_and_the_request() -> None:
    turns = transcript(ORDER)
    slots = [(t.name, t.value) for t in turns if t.kind == SLOT]
    assert slots == [
        ("echecs_identification", 1.0),
        ("commande_verifiee", "KQZPTRBWE"),
        ("type_demande", "modification"),
    ]
    [confirmation] = [t for t in turns if t.requests]
    assert confirmation.kind == ASSISTANT and confirmation.requests == (17,)
    reference = [t for t in turns if t.kind == CUSTOMER][1]
    assert reference.reading.entities == (("reference_commande", "KQZPTRBWE"),)


def test_a_text_like_an_old_payload_is_not_a_click() -> None:
    """Only the buttons just offered: an answer without buttons forgets them."""
    events = (
        CLARIFY
        + turn(user("/parler_humain", "parler_humain", 1.0), bot("…"))
        + turn(user("/parler_humain", "parler_humain", 1.0), bot("…"))
    )
    clicks = [t.clicked for t in transcript(events) if t.kind == CUSTOMER]
    assert clicks == [None, "Parler à quelqu’un", None]


@pytest.mark.parametrize(
    "parse_data",
    [None, {}, {"intent": None, "intent_ranking": None, "entities": None},
     {"intent": {"name": "faq"}, "response_selector": {"faq": {}}}],
)  # fmt: skip
def test_reading_tolerates_missing_parts(parse_data: Any) -> None:
    read = reading(parse_data)
    assert read.entities == () and read.intents == ()
