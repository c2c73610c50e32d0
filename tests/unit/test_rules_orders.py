from datetime import date
from decimal import Decimal

import pytest

from cadomaestro.rules.orders import BEFORE_SHIPPING, STILL_TO_RECEIVE, OrderStatus, Request, allows
from cadomaestro.rules.returns import line_return, maestros_earned, return_deadline

S = OrderStatus
R = Request
# Expected verdict for each status (rows) against each request (columns), from docs/rules.md.
COLUMNS = [R.MODIFY_OR_CANCEL, R.ADD_GIFT_WRAP, R.CHANGE_PAYMENT_METHOD,
           R.DELIVERY_INSTRUCTIONS, R.FIX_PERSONALISATION]  # fmt: skip
TABLE = {
    S.EN_ATTENTE_DE_PAIEMENT: [1, 1, 1, 1, 1],
    S.PAIEMENT_ACCEPTE: [1, 1, 1, 1, 1],
    S.EN_COURS_DE_PREPARATION: [0, 0, 0, 1, 1],
    S.EXPEDIE: [0, 0, 0, 0, 0],
    S.LIVRE: [0, 0, 0, 0, 0],
    S.ANNULE: [0, 0, 0, 0, 0],
    S.REMBOURSE: [0, 0, 0, 0, 0],
    S.RETOUR_EXPEDITEUR: [0, 0, 0, 0, 0],
}


@pytest.mark.parametrize(
    ("status", "request_", "allowed"),
    [(s, r, bool(v)) for s, row in TABLE.items() for r, v in zip(COLUMNS, row, strict=True)],
)
def test_each_status_against_each_request(status, request_, allowed) -> None:
    assert allows(status, request_) is allowed


def test_table_covers_every_status_and_request() -> None:
    assert set(TABLE) == set(OrderStatus) and set(COLUMNS) == set(Request)


@pytest.mark.parametrize("status", list(OrderStatus))
def test_orders_still_to_receive_are_those_not_shipped_or_on_their_way(status) -> None:
    on_its_way = status in (S.EN_ATTENTE_DE_PAIEMENT, S.PAIEMENT_ACCEPTE,
                            S.EN_COURS_DE_PREPARATION, S.EXPEDIE)  # fmt: skip
    assert (status in STILL_TO_RECEIVE) is on_its_way
    assert (status in BEFORE_SHIPPING) is (on_its_way and status is not S.EXPEDIE)


def test_status_codes_and_labels() -> None:
    assert OrderStatus.from_code("en_cours_de_preparation").label == "En cours de préparation"
    with pytest.raises(ValueError):
        OrderStatus.from_code("perdu")


DELIVERED = date(2026, 8, 1)


@pytest.mark.parametrize(
    ("kwargs", "eligible", "reason"),
    [
        ({"today": date(2026, 11, 9)}, True, "ok"),  # day 100
        ({"today": date(2026, 11, 10)}, False, "too_late"),  # day 101
        ({"personalised": True}, False, "personalised"),
        ({"perishable": True}, False, "perishable"),
        ({"delivered_on": None}, False, "not_delivered"),
    ],
)
def test_line_return(kwargs: dict, eligible: bool, reason: str) -> None:
    args = {"personalised": False, "perishable": False, "delivered_on": DELIVERED,
            "today": date(2026, 8, 20), "return_1eur": False} | kwargs  # fmt: skip
    verdict = line_return(**args)
    assert (verdict.eligible, verdict.reason) == (eligible, reason)


def test_return_deadline_and_cost() -> None:
    assert return_deadline(DELIVERED) == date(2026, 11, 9)
    paid = line_return(personalised=False, perishable=False, delivered_on=DELIVERED,
                       today=DELIVERED, return_1eur=False)  # fmt: skip
    free = line_return(personalised=False, perishable=False, delivered_on=DELIVERED,
                       today=DELIVERED, return_1eur=True)  # fmt: skip
    assert (paid.free, free.free) == (False, True)


@pytest.mark.parametrize(
    ("amount", "points"),
    [(Decimal("1"), 15), (Decimal("19.90"), 298), (Decimal("0.06"), 0), (Decimal("90"), 1350)],
)
def test_maestros_earned(amount: Decimal, points: int) -> None:
    assert maestros_earned(amount) == points
