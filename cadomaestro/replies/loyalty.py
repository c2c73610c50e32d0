"""Loyalty points (points_fidelite/points_fidelite): the customer's balance and its expiry, then
how points are earned and used (docs/rules.md, "Loyalty")."""

from __future__ import annotations

from decimal import Decimal

from cadomaestro.replies.order import Loyalty
from cadomaestro.replies.reply import Reply, faq_paragraph
from cadomaestro.replies.wording import french_date, french_number
from cadomaestro.rules.returns import MAESTROS_PER_EURO, maestros_earned


def loyalty_balance(loyalty: Loyalty) -> Reply:
    """points_fidelite/points_fidelite: balance, expiry, how points are earned and used."""
    if loyalty.points > 0:
        balance = f"Vous avez {french_number(loyalty.points)} maestros"
        if loyalty.expires_on:
            balance += f", valables jusqu’au {french_date(loyalty.expires_on, year=True)}"
        balance += "."
    else:
        balance = "Vous n’avez aucun maestro pour le moment."
    earn = f"Chaque euro dépensé vous rapporte {MAESTROS_PER_EURO} maestros."
    where, use = (faq_paragraph("points_fidelite/points_fidelite", i) for i in (0, 1))
    return Reply((f"{balance} {earn}", f"{where} {use}"))


def maestros_for(amount_eur: Decimal) -> str:
    """How many maestros an amount earns (« pour une commande de 80 €, ça fait combien ? »)."""
    amount = f"{amount_eur:.2f}".replace(".", ",").removesuffix(",00")
    earned = maestros_earned(amount_eur)
    unit = "maestros" if earned >= 2 else "maestro"  # French: 0 and 1 take the singular
    return (
        f"Pour {amount} € d’achats, vous cumulez {french_number(earned)} {unit} "
        f"({MAESTROS_PER_EURO} maestros par euro dépensé)."
    )
