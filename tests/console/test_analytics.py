"""The dashboard's figures (cadomaestro/console/analytics.py), each computed over hand-built
event lists shaped like those Rasa's tracker store keeps (tests/console/test_conversations.py's
builders), and the WhatsApp delivery statuses."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest

from cadomaestro.console.analytics import (
    Count,
    Day,
    Period,
    figures,
    order_problems,
    rate,
)
from tests.console.test_conversations import (
    CLARIFY,
    CLARIFY_BUTTONS,
    CLICK,
    FAQ,
    HANDOVER,
    ORDER,
    T0,
    bot,
    slot,
    start,
    turn,
    user,
)

DAY0 = datetime.fromtimestamp(T0, tz=timezone.utc).date()  # T0 is 22:54:48 UTC
ONE_DAY = Period(DAY0, DAY0)
HOUR = 3600.0

TYPED_INSTEAD = turn(user("non c’est pas ça du tout", "deny", 0.8, at=T0 + 5), bot("D’accord."))
OFFERED = turn(
    user("c’est nul", "out_of_scope", 0.5, at=T0 + 6),
    bot("Je vous passe le service client : 04 81 64 00 80.", "utter_handover", at=T0 + 6),
)
WHERE_IS_MY_ORDER = turn(
    user("elle est où ma commande ??", "nlu_fallback", 0.3, [("nlu_fallback", 0.3)], at=T0 + 7),
    bot("Quelle est la référence de votre commande ?", "utter_ask_reference_commande", at=T0 + 7),
    slot("probleme", "suivi/commande", T0 + 7),
)
LOST_PARCEL = turn(
    user("mon colis est perdu", "colis_perdu", 0.97,
         topics={"colis_perdu": [("colis_perdu/colis_perdu", 0.95)]}, at=T0 + 8),
    bot("Quelle est la référence de votre commande ?", "utter_ask_reference_commande", at=T0 + 8),
    slot("probleme", "colis_perdu/colis_perdu", T0 + 8),
)  # fmt: skip
DEFECTIVE_VERIFIED = turn(  # the order already verified: answered at once, no `probleme` slot
    user("il est cassé", "produit_defectueux", 0.96,
         topics={"produit_defectueux": [("produit_defectueux/produit_defectueux", 0.9)]},
         at=T0 + 9),
    bot("Je suis désolé…", at=T0 + 9),
)  # fmt: skip


def said(n: int, at: float = T0) -> list[dict[str, Any]]:
    """`n` customer messages the assistant understood (greetings)."""
    return [
        e
        for i in range(n)
        for e in turn(user("bonjour", "greet", 0.99, at=at + i), bot("…", at=at + i))
    ]


FIGURES = [
    # conversations (sender id -> events), expected figures
    pytest.param({}, {
        "conversations": 0, "silent": 0, "messages": 0, "contained": 0, "median_turns": None,
        "topics": (), "order_problems": (), "requests": (), "days": (Day(DAY0, 0, 0),),
        "delivery": None}, id="no conversation"),
    pytest.param({"web:a": start() + [bot("Bonjour, je suis l’assistant.", "utter_greet")]}, {
        "conversations": 0, "silent": 1, "messages": 0, "median_turns": None,
        "handover_offered": 0, "days": (Day(DAY0, 0, 0),)}, id="no customer message"),
    pytest.param({"web:a": start() + FAQ}, {
        "conversations": 1, "messages": 1, "contained": 1, "clarified": 0, "fallback": 0,
        "fallback_messages": 0, "median_turns": 1, "topics": (Count("faq/pays_livraison", 1),),
        "order_problems": (), "days": (Day(DAY0, 1, 1),)}, id="an faq answer"),
    pytest.param({"web:a": start() + CLARIFY + CLICK}, {
        "conversations": 1, "messages": 2, "clarified": 1, "unresolved": 0, "contained": 1,
        "fallback": 1, "fallback_messages": 1,
        "topics": (Count("faq/facture_dans_colis", 1),)}, id="clarification resolved by a click"),
    pytest.param({"web:a": start() + CLARIFY + TYPED_INSTEAD}, {
        "clarified": 1, "unresolved": 1, "contained": 0, "handover_asked": 0},
        id="clarification answered with typed words"),
    pytest.param({"web:a": start() + CLARIFY}, {
        "clarified": 1, "unresolved": 1, "contained": 0}, id="clarification then nothing"),
    pytest.param({"web:a": start() + CLARIFY + CLICK + CLARIFY}, {
        "clarified": 1, "unresolved": 1, "contained": 0},
        id="a clarification resolved, another left unresolved"),
    pytest.param({"web:a": start() + FAQ + HANDOVER}, {
        "handover_asked": 1, "handover_offered": 0, "contained": 0, "median_turns": 2},
        id="handover asked"),
    pytest.param({"web:a": start() + OFFERED}, {
        "handover_asked": 0, "handover_offered": 1, "contained": 0}, id="handover offered"),
    pytest.param({"web:a": start() + CLARIFY + turn(
        user("/parler_humain", "parler_humain", 1.0, at=T0 + 3),
        bot("Notre service client…", "utter_parler_humain", at=T0 + 3))}, {
        "clarified": 1, "unresolved": 0, "handover_asked": 1, "handover_offered": 0,
        "contained": 0}, id="the clarification's handover button"),
    pytest.param({"web:a": start() + OFFERED + HANDOVER}, {
        "handover_asked": 1, "handover_offered": 0}, id="offered, then asked: asked"),
    pytest.param({"web:a": start() + ORDER}, {
        "identified": 1, "identification_failed": 1, "identification_lost": 0,
        "with_request": 1, "requests": (Count("modification", 1),), "median_turns": 5,
        "order_problems": (Count("modifier_commande/modifier_annuler_commande", 1),),
        "topics": (Count("modifier_commande/modifier_annuler_commande", 1),),
        "contained": 1}, id="an order identified after a failure, a request"),
    pytest.param({"web:a": start() + ORDER[:17]}, {
        "identified": 0, "identification_failed": 1, "identification_lost": 1,
        "requests": (), "with_request": 0}, id="identification failed"),
    pytest.param({"web:a": start() + WHERE_IS_MY_ORDER, "web:b": start() + LOST_PARCEL,
                  "web:c": start() + DEFECTIVE_VERIFIED + LOST_PARCEL}, {
        "conversations": 3, "fallback": 1, "fallback_messages": 1,
        "order_problems": (Count("colis_perdu/colis_perdu", 2),
                           Count("produit_defectueux/produit_defectueux", 1),
                           Count("suivi/commande", 1)),
        "topics": (Count("colis_perdu/colis_perdu", 2),
                   Count("produit_defectueux/produit_defectueux", 1))},
        id="order problems: the slot, and messages filed under an order topic"),
    pytest.param({"web:a": start() + said(1), "web:b": start() + said(2),
                  "web:c": start() + said(5)}, {"median_turns": 2, "messages": 8},
                 id="median of an odd count"),
    pytest.param({"web:a": start() + said(1), "web:b": start() + said(2)},
                 {"median_turns": 1.5}, id="median of an even count"),
    pytest.param({"web:a": [slot("type_demande", "sav"),
                            *turn(user("ok", "affirm", 0.9), bot("votre demande n° 3 est prise")),
                            *turn(user("et ?", "affirm", 0.9), bot("demande n° 4 enregistrée"))],
                  "web:b": [*turn(user("ok", "affirm", 0.9), bot("votre demande n° 9"))]}, {
        "requests": (Count("sav", 2), Count("", 1)), "with_request": 2},
        id="requests by kind, unknown kind"),
]  # fmt: skip


@pytest.mark.parametrize(("conversations", "expected"), FIGURES)
def test_figures(conversations: dict, expected: dict) -> None:
    found = figures(conversations, ONE_DAY)
    assert {name: getattr(found, name) for name in expected} == expected


def test_every_conversation_figure_has_a_definite_base() -> None:
    found = figures({"web:a": start() + FAQ + HANDOVER, "web:b": start() + CLARIFY}, ONE_DAY)
    assert found.conversations == 2 and found.contained == 0
    assert rate(found.clarified, found.conversations) == 0.5
    assert rate(found.handovers, found.conversations) == 0.5
    assert rate(found.unresolved, found.clarified) == 1.0
    assert rate(0, 0) is None


def test_days_are_utc_days_and_only_the_period_counts() -> None:
    # T0 is 22:54 UTC: +2 h is the next day, -1 day the day before the period.
    period = Period(DAY0, DAY0 + timedelta(days=2))
    conversations = {
        "web:before-and-in": said(1, T0 - 24 * HOUR) + said(2, T0 + 2 * HOUR),
        "web:in": said(1, T0),
        "web:only-before": said(3, T0 - 24 * HOUR),
        "web:after": said(1, T0 + 72 * HOUR),
    }
    found = figures(conversations, period)
    assert found.days == (
        Day(DAY0, 1, 1),
        Day(DAY0 + timedelta(days=1), 1, 2),  # counted the day of its first message in period
        Day(DAY0 + timedelta(days=2), 0, 0),
    )
    assert found.conversations == 2 and found.messages == 3 and found.silent == 0
    assert found.median_turns == 1.5  # the period's messages only


def test_a_clarification_answered_after_the_period_is_resolved() -> None:
    click = turn(
        user("Est-ce que la facture est insérée dans le colis ?", "faq", 0.99, at=T0 + 2 * HOUR),
        bot("Oui."),
    )
    found = figures({"web:a": start() + CLARIFY + click}, ONE_DAY)
    assert (found.clarified, found.unresolved, found.messages) == (1, 0, 1)


LAST_SECOND = datetime.combine(DAY0, time(23, 59, 59), timezone.utc).timestamp()
CLARIFIED_AFTER_MIDNIGHT = turn(  # the message in the period, its buttons the day after
    user("mon truc est bizarre avec le colis", "nlu_fallback", 0.4, at=LAST_SECOND),
    bot("Je ne suis pas sûr d’avoir bien compris.", "utter_clarify", CLARIFY_BUTTONS,
        at=LAST_SECOND + 2),
)  # fmt: skip
CLICKED_NEXT_DAY = turn(
    user("/parler_humain", "parler_humain", 1.0, at=LAST_SECOND + 6),
    bot("Notre service client…", "utter_parler_humain", at=LAST_SECOND + 6),
)


@pytest.mark.parametrize(
    ("events", "period", "expected"),
    [
        (CLARIFIED_AFTER_MIDNIGHT, ONE_DAY, (1, 1, 1, 0)),
        (CLARIFIED_AFTER_MIDNIGHT + CLICKED_NEXT_DAY, ONE_DAY, (1, 1, 0, 1)),
        # the day after: the clarified message is not of the period, the click is
        (CLARIFIED_AFTER_MIDNIGHT + CLICKED_NEXT_DAY, Period(DAY0 + timedelta(days=1),
                                                             DAY0 + timedelta(days=1)),
         (1, 0, 0, 0)),
    ],
)  # fmt: skip
def test_clarified_and_unresolved_count_the_same_messages_at_the_periods_edge(
    events: list, period: Period, expected: tuple
) -> None:
    found = figures({"web:a": start(LAST_SECOND) + events}, period)
    assert (found.conversations, found.clarified, found.unresolved, found.contained) == expected
    assert found.unresolved <= found.clarified
    assert found.contained <= found.conversations - found.unresolved


@pytest.mark.parametrize(
    ("events", "problems"),
    [
        ([], ()),
        (FAQ + CLARIFY, ()),
        (WHERE_IS_MY_ORDER, ("suivi/commande",)),
        (ORDER, ("modifier_commande/modifier_annuler_commande",)),
        (LOST_PARCEL + DEFECTIVE_VERIFIED,
         ("colis_perdu/colis_perdu", "produit_defectueux/produit_defectueux")),
        ([slot("probleme", None), slot("probleme", "")], ()),
    ],
)  # fmt: skip
def test_order_problems(events: list, problems: tuple) -> None:
    assert order_problems(events) == problems


def status(message: str, state: str, at: float, code: int | None = None) -> dict[str, Any]:
    return {"message_id": message, "status": state, "timestamp": at, "error_code": code}


DELIVERY = [
    # statuses, expected (messages, failed, failed per day, errors)
    pytest.param([], (0, 0, (0,), ()), id="none"),
    pytest.param(
        [status("m1", "sent", T0), status("m1", "delivered", T0 + 1), status("m1", "read", T0 + 2)],
        (1, 0, (0,), ()), id="delivered"),
    pytest.param(
        [status("m1", "sent", T0), status("m2", "sent", T0), status("m2", "failed", T0 + 1, 131047),
         status("m3", "failed", T0 + 2), status("m3", "failed", T0 + 3, 131026),
         status("m4", "failed", T0 - 24 * HOUR, 131047)],
        (3, 2, (2,), (Count("", 1), Count("131047", 1))), id="failed, once a message"),
]  # fmt: skip


@pytest.mark.parametrize(("statuses", "expected"), DELIVERY)
def test_delivery_failures(statuses: list, expected: tuple) -> None:
    delivery = figures({}, ONE_DAY, statuses).delivery
    assert delivery is not None
    days = tuple(n for _, n in delivery.days)
    assert (delivery.messages, delivery.failed, days, delivery.errors) == expected


def test_no_statuses_no_delivery_figures() -> None:
    assert figures({"web:a": start() + FAQ}, ONE_DAY).delivery is None


def test_the_period() -> None:
    period = Period(date(2026, 3, 30), date(2026, 4, 1))
    assert period.days == (date(2026, 3, 30), date(2026, 3, 31), date(2026, 4, 1))
    assert period.start == datetime(2026, 3, 30, tzinfo=timezone.utc)
    assert period.end == datetime(2026, 4, 2, tzinfo=timezone.utc)
    assert period.holds(period.start) and not period.holds(period.end)
    assert not period.holds(None)
