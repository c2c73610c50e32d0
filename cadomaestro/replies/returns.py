"""Returns (produit_defectueux/retractation): each line's eligibility, the deadline, the cost
(docs/rules.md, "Returns")."""

from __future__ import annotations

from datetime import date, datetime

from cadomaestro.replies.order import Order
from cadomaestro.replies.reply import ASK_CUSTOMER_SERVICE, Reply, faq_paragraph, status_sentence
from cadomaestro.replies.wording import french_date, french_list, quoted
from cadomaestro.rules.calendar import paris_time
from cadomaestro.rules.orders import OrderStatus, Request, allows
from cadomaestro.rules.returns import RETURN_WINDOW_DAYS, line_return

# The start of a returnable line's verdict in `returns`.
_RETURNABLE = "retour possible jusqu’au"


def never_returnable(order: Order) -> str:
    """Which lines can never be returned (said before delivery); empty when there are none."""
    excluded = [
        f"{quoted(line.name)} ({'personnalisé' if line.personalised else 'périssable'})"
        for line in order.lines
        if line.personalised or line.perishable
    ]
    if not excluded:
        return ""
    return f"Ne peuvent pas être retournés : {french_list(excluded)}."


# An order not prepared yet need not be returned: an item can still be taken out, or the order
# cancelled (docs/rules.md: « modify items or delivery address, cancel » before preparation).
STILL_CHANGEABLE = (
    "Votre commande n’est pas encore en préparation : plutôt qu’un retour, vous pouvez encore "
    "la modifier (retirer un article) ou l’annuler."
)


def _still_changeable(order: Order) -> str:
    return STILL_CHANGEABLE if allows(order.status, Request.MODIFY_OR_CANCEL) else ""


def _days_left(deadline: date | None, today: date) -> str:
    """« (encore 80 jours) » before a return deadline (« j'ai combien de temps encore ? »)."""
    if deadline is None:
        return ""
    days = (deadline - today).days
    if days <= 0:
        return " (dernier jour aujourd’hui)"
    return f" (encore {days} jour{'s' if days > 1 else ''})"


def returns(order: Order, now: datetime) -> Reply:
    """produit_defectueux/retractation: each line's eligibility, the deadline, the cost."""
    head = status_sentence(order)
    today = paris_time(now).date()
    delivered = paris_time(order.delivered_at).date() if order.delivered_at else None
    if order.status in (OrderStatus.ANNULE, OrderStatus.REMBOURSE):
        return Reply((f"{head} Il n’y a donc rien à retourner. {ASK_CUSTOMER_SERVICE}",))
    if order.status is OrderStatus.RETOUR_EXPEDITEUR:
        return Reply((f"{head} {faq_paragraph('colis_perdu/retour_expediteur', 1)}",))
    if order.status is not OrderStatus.LIVRE or delivered is None:
        text = f"{head} Le délai de retour de {RETURN_WINDOW_DAYS} jours commencera à sa réception."
        returnable = any(not (line.personalised or line.perishable) for line in order.lines)
        cost = return_cost(order) if returnable else ""
        parts = (text, _still_changeable(order), never_returnable(order), cost)
        return Reply((" ".join(part for part in parts if part),))
    lines, eligible = [], False
    for line in order.lines:
        verdict = line_return(
            personalised=line.personalised,
            perishable=line.perishable,
            delivered_on=delivered,
            today=today,
            return_1eur=order.return_1eur,
        )
        eligible = eligible or verdict.eligible
        deadline = french_date(verdict.deadline, year=True) if verdict.deadline else ""
        why = {
            "ok": f"{_RETURNABLE} {deadline}{_days_left(verdict.deadline, today)}",
            "personalised": "article personnalisé, il ne peut pas être retourné",
            "perishable": "produit périssable, il ne peut pas être retourné",
            "too_late": f"le délai de {RETURN_WINDOW_DAYS} jours a expiré le {deadline}, "
            "il ne peut plus être retourné",
        }[verdict.reason]
        lines.append(f"- {line.name} : {why}")
    received = (
        f"{head} Reçue le {french_date(delivered, year=True)} (délai de retour : "
        f"{RETURN_WINDOW_DAYS} jours) :\n" + "\n".join(lines)
    )
    if not eligible:
        return Reply((received,))
    return Reply((received + "\n" + return_cost(order), how_to_return()))


def how_to_return() -> str:
    """The FAQ's steps to return an item (« et je fais comment ? »)."""
    return faq_paragraph("produit_defectueux/retractation", 1)


def item_line(order: Order, line: str) -> str:
    """One line of `returns` (« - Bougie parfumée : retour possible jusqu’au … »), for the
    customer who named that item alone: with the return's cost when it may be returned."""
    return f"{line}\n{return_cost(order)}" if _RETURNABLE in line else line


def return_cost(order: Order) -> str:
    """Who pays the return's shipping (« cest moi qui paye le retour ? »)."""
    if order.return_1eur:
        return "Le retour est gratuit : vous avez choisi l’option « retour à 1 € »."
    return (
        "Les frais de renvoi sont à votre charge (vous n’avez pas pris l’option « retour à 1 € »)."
    )
