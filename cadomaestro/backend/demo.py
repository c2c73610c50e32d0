"""The demo shop: four customers and eleven orders that, together, show every status, every
shipping method, personalised and perishable lines, a parcel on time, a late one with no news, a
returned one, one delivered but not received, and returns in and out of time.

Dates are relative to `now`, so the demo stays realistic whatever the day. The document is in the
import format and goes through the same importer as any file.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from cadomaestro.backend.database import session_factory
from cadomaestro.backend.importing import ImportSummary, import_document, parse_text
from cadomaestro.backend.models import Customer, LoyaltyMovement, Order
from cadomaestro.backend.money import euros
from cadomaestro.rules.calendar import PARIS
from cadomaestro.rules.orders import OrderStatus
from cadomaestro.rules.returns import maestros_earned

DEMO_SOURCE = "<boutique de démonstration>"
NO_POINTS = {OrderStatus.EN_ATTENTE_DE_PAIEMENT}  # not paid: nothing earned yet
POINTS_TAKEN_BACK = {
    OrderStatus.ANNULE: "Points repris : commande {reference} annulée",
    OrderStatus.REMBOURSE: "Points repris : commande {reference} remboursée",
}


def _customer(email: str, first: str, last: str, points: int, expires: str | None) -> dict:
    return {
        "email": email,
        "first_name": first,
        "last_name": last,
        "loyalty_points": points,
        "loyalty_points_expire_on": expires,
    }


def _item(sku: str, name: str, price: str, *, quantity: int = 1, personalised: bool = False,
          perishable: bool = False, gift_wrap: bool = False) -> dict:  # fmt: skip
    return {
        "sku": sku,
        "name": name,
        "quantity": quantity,
        "unit_price_ttc": price,
        "personalised": personalised,
        "perishable": perishable,
        "gift_wrap": gift_wrap,
    }


def demo_document(now: datetime) -> dict[str, Any]:
    """The demo shop in the import format, as it stands at `now` (timezone-aware)."""
    if now.tzinfo is None:
        raise ValueError("`now` must be timezone-aware")

    def at(**delta: float) -> str:
        """The moment `delta` before `now`, in Paris time as a customer would read it."""
        return (now - timedelta(**delta)).astimezone(PARIS).isoformat(timespec="seconds")

    def in_days(days: int) -> str:
        return (now.astimezone(PARIS) + timedelta(days=days)).date().isoformat()

    def event(label: str, place: str | None, **delta: float) -> dict:
        return {"at": at(**delta), "label": label, "place": place}

    def order(reference: str, email: str, status: OrderStatus, method: str, address: tuple,
              items: list[dict], *, placed: dict, paid: dict | None = None,
              shipped: dict | None = None, delivered: dict | None = None,
              tracking: str | None = None, events: tuple = (), gift_wrap: bool = False,
              message_card: bool = False, surprise: bool = False,
              return_1eur: bool = False) -> dict:  # fmt: skip
        postcode, city, country = address
        return {
            "reference": reference,
            "customer_email": email,
            "status": status.code,
            "placed_at": at(**placed),
            "paid_at": at(**paid) if paid else None,
            "shipped_at": at(**shipped) if shipped else None,
            "delivered_at": at(**delivered) if delivered else None,
            "shipping_method": method,
            "shipping_address": {"postcode": postcode, "city": city, "country": country},
            "tracking_number": tracking,
            "options": {
                "gift_wrap": gift_wrap,
                "message_card": message_card,
                "surprise": surprise,
                "return_1eur": return_1eur,
            },
            "items": items,
            "tracking_events": list(events),
        }

    claire, julien = "claire.martin@example.fr", "julien.bernard@example.fr"
    sophie, lucas = "sophie.petit@example.fr", "lucas.moreau@example.fr"
    s = OrderStatus
    return {
        "customers": [
            _customer(claire, "Claire", "Martin", 1350, in_days(212)),  # about 7 months
            _customer(julien, "Julien", "Bernard", 420, in_days(320)),
            _customer(sophie, "Sophie", "Petit", 0, None),
            _customer(lucas, "Lucas", "Moreau", 2100, in_days(95)),
        ],
        "orders": [
            # modifiable: paid, not yet in preparation
            order("KQZPTRBWE", claire, s.PAIEMENT_ACCEPTE, "colissimo_domicile",
                  ("69003", "Lyon", "FR"),
                  [_item("MUG-PERSO", "Mug personnalisé", "19.90", personalised=True),
                   _item("COFFRET-THE", "Coffret thé", "24.50")],
                  placed={"hours": 1}, paid={"minutes": 58}),
            order("BTRXQWMPL", claire, s.EN_ATTENTE_DE_PAIEMENT, "pickup_station",
                  ("75011", "Paris", "FR"),
                  [_item("CARNET-CUIR", "Carnet de voyage en cuir", "32.00")],
                  placed={"hours": 3}),
            order("HZPRKDNVM", julien, s.EN_COURS_DE_PREPARATION, "colissimo_point_relais",
                  ("33000", "Bordeaux", "FR"),
                  [_item("PLAQUE-GRAVEE", "Plaque gravée", "34.90", personalised=True,
                         gift_wrap=True)],
                  placed={"days": 1}, paid={"days": 1}, gift_wrap=True),
            # shipped yesterday, on time
            order("WXCVBNQSD", julien, s.EXPEDIE, "colissimo_domicile",
                  ("59000", "Lille", "FR"),
                  [_item("JEU-MOLKKY", "Jeu de Mölkky", "39.90"),
                   _item("CARTE-MSG", "Carte message", "2.50", quantity=2)],
                  placed={"days": 2}, paid={"days": 2}, shipped={"days": 1},
                  tracking="6A23918475260",
                  events=(event("Colis pris en charge", "Veauche", days=1),
                          event("Colis en cours d'acheminement", "Gonesse", hours=5))),
            # late, no news for 8 days
            order("LMPQRTSVX", sophie, s.EXPEDIE, "tnt_express_domicile",
                  ("13001", "Marseille", "FR"),
                  [_item("LAMPE-BOIS", "Lampe en bois flotté", "59.00")],
                  placed={"days": 10}, paid={"days": 10}, shipped={"days": 9},
                  tracking="GE481273650",
                  events=(event("Colis pris en charge", "Veauche", days=9),
                          event("Colis en transit", "Lyon", days=8))),
            # delivered 3 days ago: delivered-not-received and mixed return case
            order("FGHJKLMNB", sophie, s.LIVRE, "colissimo_domicile",
                  ("44000", "Nantes", "FR"),
                  [_item("COFFRET-CHOCO", "Coffret chocolats", "27.50", perishable=True),
                   _item("PLAQUE-GRAVEE", "Plaque gravée", "34.90", personalised=True),
                   _item("BOUGIE-PARF", "Bougie parfumée", "18.00")],
                  placed={"days": 6}, paid={"days": 6}, shipped={"days": 5},
                  delivered={"days": 3}, tracking="6A23918475301",
                  events=(event("Colis pris en charge", "Veauche", days=5),
                          event("Colis en cours d'acheminement", "Rennes", days=4),
                          event("Colis livré", "Nantes", days=3))),
            # collected at the warehouse 120 days ago: too late to return
            order("DFGTRHYJK", claire, s.LIVRE, "retrait_entrepot",
                  ("42160", "Andrézieux-Bouthéon", "FR"),
                  [_item("PLANCHE-APERO", "Planche apéritif en chêne", "45.00")],
                  placed={"days": 121}, paid={"days": 121}, delivered={"days": 120},
                  return_1eur=True,
                  events=(event("Commande prête au retrait", "Veauche", days=121, hours=-2),
                          event("Commande retirée à l'entrepôt", "Veauche", days=120))),
            order("NBVCXWQSD", lucas, s.LIVRE, "tnt_express_international",
                  ("10115", "Berlin", "DE"),
                  [_item("HORLOGE-MURALE", "Horloge murale en bois", "49.00"),
                   _item("PUZZLE-3D", "Puzzle 3D en bois", "29.90")],
                  placed={"days": 24}, paid={"days": 24}, shipped={"days": 23},
                  delivered={"days": 20}, tracking="GE481275512", return_1eur=True,
                  events=(event("Colis pris en charge", "Veauche", days=23),
                          event("Colis en transit", "Saarbrücken", days=22),
                          event("Colis livré", "Berlin", days=20))),
            # lost on the way: coming back to the shop
            order("PLKMJNHBG", lucas, s.RETOUR_EXPEDITEUR, "colissimo_international",
                  ("97400", "Saint-Denis", "FR"),
                  [_item("CARAFE-GRAVEE", "Carafe gravée", "36.00", personalised=True)],
                  placed={"days": 16}, paid={"days": 16}, shipped={"days": 15},
                  tracking="CP123456785FR",
                  events=(event("Colis pris en charge", "Veauche", days=15),
                          event("Colis en transit", "Roissy-en-France", days=13),
                          event("Destinataire absent, avis de passage déposé", "Saint-Denis",
                                days=8),
                          event("Retour à l'expéditeur", "Saint-Denis", days=2))),
            order("QSDFGHJKL", julien, s.ANNULE, "tnt_express_relais",
                  ("75015", "Paris", "FR"),
                  [_item("TABLIER-BRODE", "Tablier brodé", "26.00", personalised=True)],
                  placed={"days": 30}, paid={"days": 30}),
            order("ZXCVBNMLK", sophie, s.REMBOURSE, "colissimo_point_relais",
                  ("31000", "Toulouse", "FR"),
                  [_item("VASE-CERAM", "Vase en céramique", "42.00")],
                  placed={"days": 45}, paid={"days": 45}, shipped={"days": 44},
                  delivered={"days": 42}, tracking="6A23918470042",
                  events=(event("Colis pris en charge", "Veauche", days=44),
                          event("Colis livré en point relais", "Toulouse", days=42))),
        ],
    }  # fmt: skip


def seed_demo_if_empty(engine: Engine, now: datetime) -> ImportSummary | None:
    """Import the demo shop when the database has no order yet; None when it has some."""
    with session_factory(engine)() as session, session.begin():
        if session.execute(select(func.count()).select_from(Order)).scalar_one():
            return None
        text = json.dumps(demo_document(now), ensure_ascii=False, indent=2)
        summary = import_document(session, parse_text(text, DEMO_SOURCE))
        _add_loyalty_movements(session, now)
        return summary


def _add_loyalty_movements(session: Session, now: datetime) -> None:
    """Points earned on each paid order, taken back for cancelled and refunded ones, and one
    movement that reconciles the history with the customer's balance (older points, or points
    converted into a gift)."""
    for customer in session.execute(select(Customer)).scalars():
        movements: list[LoyaltyMovement] = []
        for order in customer.orders:
            status = OrderStatus.from_code(order.status)
            if status in NO_POINTS:
                continue
            total = sum((euros(line.unit_price_cents) * line.quantity for line in order.lines),
                        Decimal(0))  # fmt: skip
            points = maestros_earned(total)
            earned_at = order.paid_at or order.placed_at
            movements.append(
                LoyaltyMovement(
                    at=earned_at, points=points, label=f"Commande {order.reference}", order=order
                )
            )
            if status in POINTS_TAKEN_BACK:
                movements.append(
                    LoyaltyMovement(
                        at=max(earned_at, order.delivered_at or earned_at) + timedelta(days=1),
                        points=-points,
                        label=POINTS_TAKEN_BACK[status].format(reference=order.reference),
                        order=order,
                    )
                )
        gap = customer.loyalty_points - sum(m.points for m in movements)
        if gap > 0:
            first = min((m.at for m in movements), default=now)
            movements.append(
                LoyaltyMovement(at=first - timedelta(days=30), points=gap, label="Solde antérieur")
            )
        elif gap < 0:
            movements.append(
                LoyaltyMovement(
                    at=now.replace(microsecond=0) - timedelta(days=2),
                    points=gap,
                    label="Points convertis en cadeau",
                )
            )
        customer.loyalty_movements.extend(movements)
