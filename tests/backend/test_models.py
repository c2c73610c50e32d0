"""Datetimes keep their instant on both databases and come back in UTC; naive ones are refused."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from cadomaestro.backend.database import session_factory
from cadomaestro.backend.models import Customer, Order

PARIS_WINTER = timezone(timedelta(hours=1))


def _order(placed_at: datetime) -> Order:
    customer = Customer(email=" Claire.Martin@Example.FR ", first_name="Claire",
                        last_name="Martin", loyalty_points=0)  # fmt: skip
    return Order(reference="kqzptrbwe", customer=customer, status="paiement_accepte",
                 placed_at=placed_at, shipping_method="colissimo_domicile",
                 shipping_postcode="69003", shipping_city="Lyon", shipping_country="FR",
                 option_gift_wrap=False, option_message_card=False, option_surprise=False,
                 option_return_1eur=False)  # fmt: skip


def test_a_plus_one_datetime_comes_back_as_the_same_instant_in_utc(engine) -> None:
    placed = datetime(2026, 11, 20, 15, 42, tzinfo=PARIS_WINTER)
    with session_factory(engine)() as session, session.begin():
        session.add(_order(placed))
    with session_factory(engine)() as session:
        order = session.execute(select(Order)).scalar_one()
        assert order.placed_at == placed
        assert order.placed_at.utcoffset() == timedelta(0)
        assert order.placed_at.hour == 14
        assert (order.reference, order.customer.email) == ("KQZPTRBWE", "claire.martin@example.fr")
        # what is stored is UTC, whatever the server's or the session's time zone
        if engine.dialect.name == "postgresql":
            session.execute(text("SET TIME ZONE 'America/New_York'"))
            session.expire_all()
            assert session.execute(select(Order.placed_at)).scalar_one() == placed
        stored = session.execute(text("SELECT placed_at FROM orders")).scalar_one()
        assert str(stored).startswith(("2026-11-20 14:42", "2026-11-20 09:42:00-05"))


def test_naive_datetimes_are_refused(engine) -> None:
    with session_factory(engine)() as session:
        session.add(_order(datetime(2026, 11, 20, 15, 42)))
        with pytest.raises(StatementError, match="naive datetime refused"):
            session.flush()
