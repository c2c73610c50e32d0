"""The action's adapter between Rasa and the dialogue (actions/respond.py): the state read from
and written back to the slots, and what it reads of a message."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

from actions.conversation import Awaiting, State
from actions.respond import (
    SLOTS,
    client_of,
    customer_of,
    grouped_reference,
    other_reference,
    slot_events,
    spelled_reference,
    state_of,
    understanding_of,
)
from cadomaestro.channels.inbound import CUSTOMER_KEY
from cadomaestro.nlu.topics import SECOND_QUESTION_KEY


def tracker(
    slots: dict[str, Any] | None = None,
    typed: str = "KQZPTRBWE",
    parsed: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
) -> Tracker:
    message = {"text": typed.lower(), "intent": {"name": "donner_infos"}, "entities": [],
               "metadata": metadata or {}, **(parsed or {})}  # fmt: skip
    events = [{"event": "user", "text": typed, "parse_data": message}]
    return Tracker("conv-1", slots or {}, message, events, False, None, {}, "action_listen")


def test_the_state_survives_a_round_trip_through_the_slots() -> None:
    state = State(problem="colis_perdu/colis_perdu", problem_text="où est mon colis",
                  reference="KQZPTRBWE", failures=2, awaiting=Awaiting.PROOF, repeats=1,
                  last_topic="faq/pays_livraison")  # fmt: skip
    slots = {event["name"]: event["value"] for event in slot_events(State(), state)}
    assert slots["attente"] == "preuve" and slots["echecs_identification"] == 2.0
    assert state_of(tracker(slots)) == state
    assert slot_events(state, state) == []
    assert set(SLOTS) == set(State.__dataclass_fields__)


def test_the_customers_words_are_read_as_typed() -> None:
    u = understanding_of(tracker(typed="Mon colis est arrivé cassé"), State())
    assert u.text == "Mon colis est arrivé cassé"


@pytest.mark.parametrize(
    ("typed", "awaiting", "reference", "proof"),
    [("WXC VBN QSD", Awaiting.REFERENCE, "WXCVBNQSD", None),
     ("wxcvbnqsd", Awaiting.REFERENCE, "WXCVBNQSD", None),
     ("69 003", Awaiting.PROOF, None, "69003"),
     ("Claire.Martin@Example.fr", Awaiting.PROOF, None, "claire.martin@example.fr"),
     ("WXC VBN QSD", Awaiting.NOTHING, None, None),  # the NLU's (a vocabulary) when unasked
     ("kae ptr bwe", Awaiting.REFERENCE, "KAEPTRBWE", None),  # asked: vowels not counted
     ("je sais pas", Awaiting.REFERENCE, None, None),
     ("Je cherche", Awaiting.REFERENCE, None, None), ("un instant", Awaiting.REFERENCE, None, None),
     ("le transport est en retard", Awaiting.REFERENCE, None, None),
     ("je l ai passée le 3 décembre 2025, je n ai plus le mail", Awaiting.PROOF, None, None),
     ("c'est le 69003", Awaiting.PROOF, None, "69003")],
)  # fmt: skip
def test_identifiers_are_read_more_leniently_when_asked_for(typed, awaiting, reference, proof):
    u = understanding_of(tracker(typed=typed), State(awaiting=awaiting))
    assert (u.reference, u.proof) == (reference, proof)


def test_entities_found_by_the_nlu_are_used() -> None:
    entities = [
        {"entity": "reference_commande", "value": "KQZPTRBWE"},
        {"entity": "email", "value": "A@B.FR"},
        {"entity": "pays", "value": "BE"},
    ]
    u = understanding_of(tracker(parsed={"entities": entities}), State())
    assert (u.reference, u.proof, u.country) == ("KQZPTRBWE", "a@b.fr", "BE")


def test_the_second_question_s_topic_is_read_beside_the_first() -> None:
    faq = {"intent": {"name": "faq"}, "response_selector": {
        "faq": {"response": {"intent_response_key": "faq/modes_paiement"}}}}  # fmt: skip
    second = {SECOND_QUESTION_KEY: {"name": "faq/carte_cadeau", "confidence": 0.97}}
    u = understanding_of(
        tracker(typed="3 fois ? carte cadeau ?", parsed={**faq, **second}), State()
    )
    assert (u.topic, u.second_topic) == ("faq/modes_paiement", "faq/carte_cadeau")
    alone = understanding_of(tracker(typed="3 fois ?", parsed=faq), State())
    assert alone.second_topic is None


@pytest.mark.parametrize(
    ("metadata", "client"),
    [({"client": "a1b2"}, "a1b2"), ({}, "conversation:conv-1"),
     ({"client": ""}, "conversation:conv-1")],
)  # fmt: skip
def test_client_of(metadata: dict, client: str) -> None:
    assert client_of(tracker(metadata=metadata)) == client


@pytest.mark.parametrize(
    ("text", "reference"),
    [("la commande nbvcx wqsd est bien arrivée ?", "NBVCXWQSD"), ("ref: WXC VBN QSD", "WXCVBNQSD"),
     ("la commande de mon frere", None), ("la commande pour maman est arrivée", None),
     ("ma commande est en retard svp", None), ("numero de suivi svp", None),
     ("si je commande vendredi a 18h ca part qd ?", None),
     ("je voudrais savoir si ma commande est partie", None), ("commande kqz ptr bwe", "KQZPTRBWE"),
     ("ma commande cmd nbv cxw qsd", "NBVCXWQSD"),  # « cmd » announces it, is no group of it
     ("ref : KQZ - PTR - BWE", "KQZPTRBWE"),
     ("commande KAE PTR BWE", "KAEPTRBWE"),  # expected there: vowels not counted
     ("yo elle en est ou ma cmd btrx qwm pl", "BTRXQWMPL"),  # a short group
     ("ma commande du mois dernier", None), ("commande pour mon fils", None),
     ("ma cmd de la maison", None)],
)  # fmt: skip
def test_a_reference_typed_in_groups_after_the_word_commande(text: str, reference) -> None:
    assert grouped_reference(text, announced=True) == reference


@pytest.mark.parametrize(
    ("value", "email"),
    [("claire.martin@example.fr", "claire.martin@example.fr"),
     (" Claire.Martin@Example.FR ", "claire.martin@example.fr"),
     ("prenom.nom+cado@sous.domaine.fr", "prenom.nom+cado@sous.domaine.fr"),
     ("o'brien@example.fr", "o'brien@example.fr"),
     (None, None), ("", None), (42, None), (["claire.martin@example.fr"], None),
     ({"email": "claire.martin@example.fr"}, None), ("claire.martin", None),
     ("claire@localhost", None), ("claire.martin@example.fr julien@example.fr", None),
     ("<claire.martin@example.fr>", None), ("a" * 320 + "@example.fr", None)],
)  # fmt: skip
def test_the_logged_in_customer_is_an_email_the_channel_put_in_the_metadata(value, email):
    metadata = {"client": "a1b2"} if value is None else {"client": "a1b2", CUSTOMER_KEY: value}
    assert customer_of(tracker(metadata=metadata)) == email
    assert understanding_of(tracker(metadata=metadata), State()).customer_email == email


def test_an_email_typed_by_the_customer_does_not_log_them_in() -> None:
    entities = [{"entity": "email", "value": "claire.martin@example.fr"}]
    typed = tracker(typed="claire.martin@example.fr", parsed={"entities": entities},
                    metadata={"email": "claire.martin@example.fr"})  # fmt: skip
    u = understanding_of(typed, State())
    assert (u.proof, u.customer_email) == ("claire.martin@example.fr", None)


@pytest.mark.parametrize(
    ("text", "reference"),
    [("F G H J K L M N B sophie.petit@example.fr", "FGHJKLMNB"),
     ("c est f-g-h-j-k-l-m-n-b", "FGHJKLMNB"), ("il y a a b c", None), ("jai un truc", None)],
)  # fmt: skip
def test_a_reference_spelled_out_letter_by_letter(text: str, reference) -> None:
    assert spelled_reference(text) == reference


@pytest.mark.parametrize(
    ("text", "first", "other"),
    [("slt jai 2 cmd ZXCVBNMLK et LMPQRTSVX, mail sophie.petit@example.fr", "ZXCVBNMLK",
      "LMPQRTSVX"),
     ("KQZPTRBWE claire.martin@example.fr", "KQZPTRBWE", None),
     ("KQZPTRBWE ou kqzptrbwe", "KQZPTRBWE", None),  # the same one, or lower case: no other
     ("LMPQRTSVX lmpqrtsvx et ZXCVBNMLK", "LMPQRTSVX", "ZXCVBNMLK")],
)  # fmt: skip
def test_a_second_reference_typed_in_capitals(text: str, first: str, other: str | None) -> None:
    assert other_reference(text, first) == other


def _found(text: str, name: str, *values: str) -> list[dict[str, Any]]:
    found, start = [], 0
    for value in values:
        start = text.index(value, start)
        found.append({"entity": name, "value": value, "start": start, "end": start + len(value)})
        start += len(value)
    return found


@pytest.mark.parametrize(
    ("typed", "name", "values", "reference", "proof", "other"),
    [("ma commande WXCVBNQDS... non pardon, WXCVBNQSD, j'ai inversé les lettres",
      "reference_commande", ("WXCVBNQDS", "WXCVBNQSD"), "WXCVBNQSD", None, None),
     ("Le code postal c'est 44100... ah non pardon, c'est 44000.", "code_postal",
      ("44100", "44000"), None, "44000", None),
     ("ah non pardon 33000 c'est l'autre commande, pour celle la c'est 75015", "code_postal",
      ("33000", "75015"), None, "75015", None),
     # two orders, no correction: the first, and the second to check after it
     ("jai 2 cmd ZXCVBNMLK et LMPQRTSVX", "reference_commande", ("ZXCVBNMLK", "LMPQRTSVX"),
      "ZXCVBNMLK", None, "LMPQRTSVX")],
)  # fmt: skip
def test_a_value_corrected_in_the_same_message_is_the_one_meant(
    typed, name, values, reference, proof, other
) -> None:
    parsed = {"text": typed, "entities": _found(typed, name, *values)}
    u = understanding_of(tracker(typed=typed, parsed=parsed), State())
    assert (u.reference, u.proof, u.other_reference) == (reference, proof, other)
