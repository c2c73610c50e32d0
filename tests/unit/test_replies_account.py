"""Tests of cadomaestro/replies/account.py: what a logged-in customer reads about their orders."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cadomaestro.replies.account import (
    NO_ORDERS,
    choose_order,
    not_in_account,
    order_buttons,
    order_title,
)
from cadomaestro.replies.order import CustomerAccount, OrderSummary
from cadomaestro.rules.orders import OrderStatus

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)


def summary(reference: str, status: str, placed_at: str) -> OrderSummary:
    return OrderSummary.from_api({"reference": reference, "status": status,
                                  "placed_at": placed_at})  # fmt: skip


@pytest.mark.parametrize(
    ("status", "placed_at", "title"),
    [("expedie", "2026-11-12T08:00:00+00:00", "KQZPTRBWE · 12 nov. · Expédié"),
     ("paiement_accepte", "2026-11-25T09:30:00+00:00", "KQZPTRBWE · 25 nov. · Paiement accepté"),
     # 23:30 UTC on 30 April is 1 May in Paris: the day the customer placed it
     ("livre", "2026-04-30T23:30:00+00:00", "KQZPTRBWE · 1er mai · Livré"),
     # another year than this one: the year is shown
     ("rembourse", "2025-12-20T10:00:00+00:00", "KQZPTRBWE · 20 déc. 2025 · Remboursé"),
     ("retour_expediteur", "2026-01-03T10:00:00+01:00",
      "KQZPTRBWE · 3 janv. · Retour expéditeur")],
)  # fmt: skip
def test_order_title(status: str, placed_at: str, title: str) -> None:
    assert order_title(summary("KQZPTRBWE", status, placed_at), NOW) == title


def test_every_status_is_shown_as_the_shop_names_it() -> None:
    for status in OrderStatus:
        title = order_title(summary("KQZPTRBWE", status.code, "2026-11-12T08:00:00+00:00"), NOW)
        assert title.endswith(f" · {status.label}")
        assert len(title) <= 45  # short enough for a button


def test_buttons_keep_the_order_and_send_the_reference() -> None:
    orders = [summary("KQZPTRBWE", "expedie", "2026-11-20T08:00:00+00:00"),
              summary("BTRXQWMPL", "livre", "2026-10-02T08:00:00+00:00")]  # fmt: skip
    assert order_buttons(orders, NOW) == [
        {"title": "KQZPTRBWE · 20 nov. · Expédié", "payload": "KQZPTRBWE"},
        {"title": "BTRXQWMPL · 2 oct. · Livré", "payload": "BTRXQWMPL"},
    ]


def test_an_account_from_the_api() -> None:
    account = CustomerAccount.from_api({
        "orders": [{"reference": "KQZPTRBWE", "status": "expedie", "status_label": "Expédié",
                    "placed_at": "2026-11-20T08:00:00+00:00"}],
        "loyalty": {"points": 1350, "expires_on": "2027-06-30", "movements": []},
    })  # fmt: skip
    assert account.orders[0].status is OrderStatus.EXPEDIE
    assert (account.loyalty.points, str(account.loyalty.expires_on)) == (1350, "2027-06-30")


def test_wording() -> None:
    assert choose_order(1) != choose_order(2) == choose_order(5)
    for text in (choose_order(1), choose_order(3), not_in_account("KQZPTRBWE"), NO_ORDERS):
        assert "'" not in text  # typographic apostrophes only
        assert "votre" in text or "vos" in text  # vouvoiement
    assert not_in_account("KQZPTRBWE") == (
        "Je ne trouve aucune commande KQZPTRBWE dans votre compte client."
    )
