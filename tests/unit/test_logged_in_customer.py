"""The dialogue with a customer logged in on the shop's site (actions/conversation.py): their
e-mail, verified by the channel, is the proof of every order; their orders are offered as
buttons; their points are answered from their account; anonymous visitors are identified as
before.

The order backend is a fake over the demo shop (cadomaestro/backend/demo.py) with the backend's
rules: an order needs its reference and its customer's e-mail or its postcode; a customer's
account is found by e-mail. The real backend is exercised in tests/backend and, with the real
NLU and the real client, in tests/integration/test_logged_in_customer.py.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from actions.conversation import (
    MAX_FAILED_PROOFS,
    RECENT_ORDERS,
    Awaiting,
    Conversation,
    Message,
    State,
    Understanding,
)
from actions.orders_client import BackendUnavailable, CustomerNotFound, OrderNotFound
from actions.respond import corpus_topics
from cadomaestro.backend.demo import demo_document
from cadomaestro.replies.account import NO_ORDERS, choose_order, not_in_account
from cadomaestro.replies.loyalty import loyalty_balance
from cadomaestro.replies.order import CustomerAccount, Loyalty, Order, OrderSummary

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)  # a Wednesday, 11:30 in Paris
CLAIRE_POINTS = Loyalty(1350, date(2026, 11, 25) + timedelta(days=212))  # as demo.py has them
CLAIRE, JULIEN = "claire.martin@example.fr", "julien.bernard@example.fr"
SOPHIE = "sophie.petit@example.fr"
EMMA = "emma.leroy@example.fr"  # a customer without orders (added to the demo shop here)
MARC = "marc.durand@example.fr"  # a customer with seven orders (added here)
UNKNOWN = "nouveau.client@example.fr"  # not a customer of the order backend
# Claire's orders, newest first, as the buttons show them: placed an hour ago, three hours ago
# and 121 days ago (27 July in Paris).
CLAIRE_BUTTONS = [
    {"title": "KQZPTRBWE · 25 nov. · Paiement accepté", "payload": "KQZPTRBWE"},
    {"title": "BTRXQWMPL · 25 nov. · En attente de paiement", "payload": "BTRXQWMPL"},
    {"title": "DFGTRHYJK · 27 juil. · Livré", "payload": "DFGTRHYJK"},
]
CONTACTS = "utter_parler_humain"


def _extra_order(reference: str, email: str, days_ago: int, demo: dict[str, Any]) -> dict:
    """A copy of a demo order under another reference, customer and date."""
    order = dict(demo["orders"][0])
    placed = (NOW - timedelta(days=days_ago)).isoformat()
    return {**order, "reference": reference, "customer_email": email, "placed_at": placed}


class DemoShop:
    """The order backend as the dialogue sees it (actions.conversation.Orders), over the demo
    shop plus Emma (no order) and Marc (seven orders); it records every call."""

    def __init__(self) -> None:
        demo = demo_document(NOW)
        marc = zip("BDAGCFE", (2, 4, 1, 7, 3, 6, 5), strict=True)  # DURANDAAA: 1 day ago…
        extra = [_extra_order(f"DURANDAA{letter}", MARC, days, demo) for letter, days in marc]
        self.orders = {o["reference"]: o for o in [*demo["orders"], *extra]}
        self.customers = {c["email"]: c for c in demo["customers"]}
        for email in (EMMA, MARC):
            self.customers[email] = {"loyalty_points": 0, "loyalty_points_expire_on": None}
        self.calls: list[tuple[Any, ...]] = []
        self.down = False

    def _call(self, *call: Any) -> None:
        self.calls.append(call)
        if self.down:
            raise BackendUnavailable(call[0])

    def _owned(self, reference: str, proof: str) -> dict[str, Any]:
        order = self.orders.get(reference)
        if order is None or proof not in (order["customer_email"],
                                          order["shipping_address"]["postcode"]):  # fmt: skip
            raise OrderNotFound()
        return order

    def _loyalty(self, email: str) -> Loyalty:
        customer = self.customers[email]
        return Loyalty.from_api({"points": customer["loyalty_points"],
                                 "expires_on": customer["loyalty_points_expire_on"]})  # fmt: skip

    async def find_order(self, reference: str, proof: str, client: str | None = None) -> Order:
        self._call("find_order", reference, proof)
        return Order.from_api(self._owned(reference, proof))

    async def loyalty(self, reference: str, proof: str, client: str | None = None) -> Loyalty:
        self._call("loyalty", reference, proof)
        return self._loyalty(self._owned(reference, proof)["customer_email"])

    async def customer_account(
        self, email: str, *, limit: int, client: str | None = None
    ) -> CustomerAccount:
        self._call("customer_account", email, limit)
        if email not in self.customers:
            raise CustomerNotFound()
        own = [o for o in self.orders.values() if o["customer_email"] == email]
        own.sort(key=lambda o: datetime.fromisoformat(o["placed_at"]), reverse=True)
        summaries = tuple(OrderSummary.from_api(o) for o in own[:limit])
        return CustomerAccount(summaries, self._loyalty(email))

    async def create_request(self, reference: str, proof: str, **request: Any) -> dict[str, Any]:
        self._call("create_request", reference, proof)
        self._owned(reference, proof)
        return {"id": len(self.calls)}

    def proofs_tried(self) -> set[str]:
        return {call[2] for call in self.calls if call[0] in ("find_order", "loyalty")}


class Chat:
    """One conversation: a state kept between messages, as the slots keep it."""

    def __init__(self, customer_email: str | None = None, shop: DemoShop | None = None) -> None:
        self.shop = shop or DemoShop()
        self.customer_email = customer_email
        self.state = State()
        self.conversation = Conversation(self.shop, lambda: NOW, corpus_topics())

    def say(self, text: str, intent: str | None = None, topic: str | None = None,
            **identifiers: str) -> list[Message]:  # fmt: skip
        u = Understanding(text=text, intent=intent, topic=topic, client="client-1",
                          conversation_id="conv-1", customer_email=self.customer_email,
                          **identifiers)  # fmt: skip
        return asyncio.run(self.conversation.respond(self.state, u))

    def reference(self, reference: str) -> list[Message]:
        """A button clicked (its payload) or the reference typed alone."""
        return self.say(reference, "donner_infos", reference=reference)


def shown(messages: list[Message]) -> list[tuple[Any, ...]]:
    """What the customer sees of each message."""
    return [(m.response, m.text, m.buttons, m.values) for m in messages]


def texts(messages: list[Message]) -> str:
    return "\n".join(m.text or "" for m in messages)


QUESTIONS = {  # topic: (what the customer says, its intent)
    "colis_perdu/colis_perdu": ("où est mon colis ?", "colis_perdu"),
    "modifier_commande/modifier_annuler_commande": ("je veux annuler ma commande",
                                                    "modifier_commande"),
    "produit_defectueux/retractation": ("comment retourner ma commande ?", "produit_defectueux"),
    "produit_defectueux/produit_defectueux": ("mon produit est arrivé cassé",
                                              "produit_defectueux"),
}  # fmt: skip


def ask(chat: Chat, topic: str) -> list[Message]:
    text, intent = QUESTIONS[topic]
    return chat.say(text, intent, topic)


def test_where_is_my_parcel_offers_the_customers_orders_without_asking_for_a_proof() -> None:
    chat = Chat(CLAIRE)
    first = ask(chat, "colis_perdu/colis_perdu")
    # the FAQ's general answer, as for anyone, then the orders instead of "your reference?"
    assert shown(first) == [("utter_colis_perdu/colis_perdu", None, None, {}),
                            (None, choose_order(3), CLAIRE_BUTTONS, {})]  # fmt: skip
    assert chat.state.awaiting is Awaiting.REFERENCE
    assert chat.shop.calls == [("customer_account", CLAIRE, RECENT_ORDERS)]

    answer = chat.reference("KQZPTRBWE")  # the first button's payload
    assert shown(answer)[0] == ("utter_commande_retrouvee", None, None,
                                {"reference": "KQZPTRBWE"})  # fmt: skip
    assert "« Paiement accepté »" in texts(answer) and "expédition prévue le" in texts(answer)
    assert chat.shop.calls[1:] == [("find_order", "KQZPTRBWE", CLAIRE)] * 2  # verify, answer
    assert (chat.state.verified, chat.state.verified_proof) == ("KQZPTRBWE", CLAIRE)
    assert chat.state.problem is None and chat.state.failures == 0


@pytest.mark.parametrize(
    ("topic", "reference"),
    [("colis_perdu/colis_perdu", "KQZPTRBWE"), ("colis_perdu/colis_perdu", "DFGTRHYJK"),
     ("modifier_commande/modifier_annuler_commande", "KQZPTRBWE"),
     ("modifier_commande/modifier_annuler_commande", "BTRXQWMPL"),
     ("produit_defectueux/retractation", "DFGTRHYJK"),
     ("produit_defectueux/produit_defectueux", "DFGTRHYJK")],
)  # fmt: skip
def test_a_clicked_order_is_answered_exactly_as_after_todays_identification(topic, reference):
    anonymous = Chat()
    assert [m.response for m in ask(anonymous, topic)][-1] == "utter_ask_reference_commande"
    assert [m.response for m in anonymous.reference(reference)] == ["utter_ask_preuve_commande"]
    expected = anonymous.say(CLAIRE, "donner_infos", proof=CLAIRE)

    logged_in = Chat(CLAIRE)
    offered = ask(logged_in, topic)
    assert offered[-1].buttons == CLAIRE_BUTTONS
    got = logged_in.reference(reference)

    assert shown(got) == shown(expected)
    assert asdict(logged_in.state) == asdict(anonymous.state)  # the same follow-up awaited


@pytest.mark.parametrize(
    ("email", "loyalty"),
    [(CLAIRE, CLAIRE_POINTS),
     (SOPHIE, Loyalty(0, None)),
     (EMMA, Loyalty(0, None)),  # a customer without orders
     (UNKNOWN, Loyalty(0, None))],  # unknown to the order backend: nothing there
)  # fmt: skip
def test_loyalty_points_are_answered_at_once_from_the_account(email, loyalty) -> None:
    chat = Chat(email)
    answer = chat.say("combien j'ai de points ?", "points_fidelite",
                      "points_fidelite/points_fidelite")  # fmt: skip
    assert [m.text for m in answer] == list(loyalty_balance(loyalty).messages)
    assert chat.shop.calls == [("customer_account", email, RECENT_ORDERS)]  # no order asked
    assert (chat.state.awaiting, chat.state.problem) == (Awaiting.NOTHING, None)
    assert chat.state.last_topic == "points_fidelite/points_fidelite"
    # the same answer asked again is not repeated as if it were news
    again = chat.say("combien j'ai de points ?", "points_fidelite",
                     "points_fidelite/points_fidelite")  # fmt: skip
    assert [m.response for m in again][-2:] == ["utter_pas_plus_d_infos", CONTACTS]


def test_anonymous_visitors_still_give_an_order_for_their_points() -> None:
    chat = Chat()
    answer = chat.say("combien j'ai de points ?", "points_fidelite",
                      "points_fidelite/points_fidelite")  # fmt: skip
    assert [m.response for m in answer] == ["utter_points_fidelite/points_fidelite",
                                            "utter_ask_reference_commande"]  # fmt: skip
    assert chat.shop.calls == []


def test_points_asked_while_choosing_an_order_then_the_order_is_still_awaited() -> None:
    chat = Chat(CLAIRE)
    ask(chat, "colis_perdu/colis_perdu")
    answer = chat.say("et j'ai combien de points ?", "points_fidelite",
                      "points_fidelite/points_fidelite")  # fmt: skip
    assert answer[0].text == loyalty_balance(CLAIRE_POINTS).messages[0]
    assert answer[-1].buttons == CLAIRE_BUTTONS
    assert chat.state.problem == "colis_perdu/colis_perdu"
    assert "« Paiement accepté »" in texts(chat.reference("KQZPTRBWE"))


def test_a_reference_of_their_own_typed_needs_no_proof() -> None:
    chat = Chat(JULIEN)
    answer = chat.say("où en est ma commande WXCVBNQSD ?", "faq", "faq/numero_suivi",
                      reference="WXCVBNQSD")  # fmt: skip
    assert answer[0].response == "utter_commande_retrouvee"
    assert "6A23918475260" in texts(answer)  # its tracking number
    assert chat.shop.proofs_tried() == {JULIEN}
    assert all(m.response != "utter_ask_preuve_commande" for m in answer)


@pytest.mark.parametrize(
    "identifiers",
    [{"reference": "HZPRKDNVM"},  # Julien's order
     {"reference": "HZPRKDNVM", "proof": JULIEN},  # with Julien's e-mail typed
     {"reference": "HZPRKDNVM", "proof": "33000"},  # with its postcode typed
     {"reference": "AAAAAAAAA"}],  # no such order: the same answer
)  # fmt: skip
def test_another_customers_order_is_not_found_and_counts_as_a_failed_proof(identifiers) -> None:
    chat = Chat(CLAIRE)
    ask(chat, "colis_perdu/colis_perdu")
    answer = chat.say(" ".join(identifiers.values()), "donner_infos", **identifiers)
    reference = identifiers["reference"]
    assert shown(answer) == [(None, not_in_account(reference), None, {}),
                             (None, choose_order(3), CLAIRE_BUTTONS, {})]  # fmt: skip
    assert chat.shop.proofs_tried() == {CLAIRE}  # the typed proof is never used
    assert chat.state.failures == 1 and chat.state.verified is None
    assert (chat.state.reference, chat.state.problem) == (None, "colis_perdu/colis_perdu")
    # the pending question is answered once one of their own orders is chosen
    assert "« Paiement accepté »" in texts(chat.reference("KQZPTRBWE"))


def test_trying_references_of_others_locks_the_conversation_as_failed_proofs_do() -> None:
    chat = Chat(CLAIRE)
    others = ("HZPRKDNVM", "WXCVBNQSD", "LMPQRTSVX")[:MAX_FAILED_PROOFS]  # Julien's, Sophie's
    seen = []
    for attempt, reference in enumerate(others, start=1):
        answer = chat.reference(reference)
        seen += answer
        assert chat.state.failures == attempt
    assert [m.response for m in answer] == ["utter_identification_abandonnee", CONTACTS]
    assert chat.state.locked
    # locked: not even their own orders are shown in this conversation any more
    for message in (lambda: chat.reference("KQZPTRBWE"),
                    lambda: ask(chat, "colis_perdu/colis_perdu")):  # fmt: skip
        calls = len(chat.shop.calls)
        assert "utter_identification_verrouillee" in [m.response for m in message()]
        assert chat.shop.calls[calls:] == []
    for secret in ("Bordeaux", "Lille", "Marseille", "préparation", "Expédié", "GE481273650"):
        assert all(secret not in (m.text or "") for m in seen)
    assert chat.shop.proofs_tried() == {CLAIRE}


@pytest.mark.parametrize("email", [EMMA, UNKNOWN])
def test_a_customer_without_orders_is_told_so_and_given_the_contacts(email) -> None:
    chat = Chat(email)
    answer = ask(chat, "colis_perdu/colis_perdu")
    assert shown(answer) == [("utter_colis_perdu/colis_perdu", None, None, {}),
                             (None, NO_ORDERS, None, {}), (CONTACTS, None, None, {})]  # fmt: skip
    assert (chat.state.awaiting, chat.state.problem) == (Awaiting.NOTHING, None)
    # a reference typed anyway is checked with their e-mail only, and not found
    answer = chat.reference("KQZPTRBWE")
    assert shown(answer) == [(None, NO_ORDERS, None, {}), (CONTACTS, None, None, {})]
    assert chat.state.failures == 1
    assert chat.shop.proofs_tried() == {email}


def test_many_orders_the_five_most_recent_newest_first() -> None:
    chat = Chat(MARC)
    offer = ask(chat, "colis_perdu/colis_perdu")[-1]
    assert [b["payload"] for b in offer.buttons or []] == [
        "DURANDAAA", "DURANDAAB", "DURANDAAC", "DURANDAAD", "DURANDAAE"]  # fmt: skip
    assert offer.buttons and offer.buttons[0]["title"] == "DURANDAAA · 24 nov. · Paiement accepté"
    assert chat.shop.calls == [("customer_account", MARC, 5)]


def test_the_orders_are_offered_twice_at_most_then_a_person() -> None:
    chat = Chat(CLAIRE)
    ask(chat, "colis_perdu/colis_perdu")
    again = chat.say("euh", "nlu_fallback")  # not an order: offered again
    assert again[-1].buttons == CLAIRE_BUTTONS
    third = chat.say("bof", "nlu_fallback")
    assert [m.response for m in third] == ["utter_handover", CONTACTS]
    assert chat.state.awaiting is Awaiting.NOTHING


def test_after_yes_to_checking_an_order_the_orders_are_offered() -> None:
    chat = Chat(SOPHIE)
    general = chat.say("combien de temps pour renvoyer un article", "produit_defectueux",
                       "produit_defectueux/retractation")  # fmt: skip
    assert general[-1].response == "utter_proposer_verification"
    offer = chat.say("oui", "affirm")
    assert [b["payload"] for b in offer[-1].buttons or []] == [
        "FGHJKLMNB", "LMPQRTSVX", "ZXCVBNMLK"]  # fmt: skip


def test_an_order_verified_otherwise_is_set_aside_once_logged_in() -> None:
    chat = Chat()  # anonymous: proves Claire's order by its postcode
    chat.say("KQZPTRBWE 69003", "donner_infos", reference="KQZPTRBWE", proof="69003")
    assert chat.state.verified == "KQZPTRBWE"
    chat.customer_email = JULIEN  # then the conversation goes on logged in as Julien
    answer = ask(chat, "colis_perdu/colis_perdu")
    assert chat.state.verified is None
    assert [b["payload"] for b in answer[-1].buttons or []] == [
        "HZPRKDNVM", "WXCVBNQSD", "QSDFGHJKL"]  # fmt: skip
    assert "Paiement accepté" not in texts(answer)


def test_an_order_verified_with_the_same_email_is_kept_once_logged_in() -> None:
    chat = Chat()
    chat.say("KQZPTRBWE claire.martin@example.fr", "donner_infos", reference="KQZPTRBWE",
             proof=CLAIRE)  # fmt: skip
    chat.customer_email = CLAIRE
    answer = ask(chat, "colis_perdu/colis_perdu")
    assert "« Paiement accepté »" in texts(answer) and not any(m.buttons for m in answer)


def test_the_backend_down_while_offering_orders_gets_the_apology() -> None:
    chat = Chat(CLAIRE)
    chat.shop.down = True
    answer = ask(chat, "colis_perdu/colis_perdu")
    assert [m.response for m in answer][-2:] == ["utter_backend_indisponible", CONTACTS]
    assert chat.state.awaiting is Awaiting.NOTHING
