"""What the customer is told once a request to customer service is recorded: its number, what
happens next, and for after-sales requests the photos still to send (docs/rules.md, "Contacts")."""

from __future__ import annotations

from cadomaestro.replies.reply import CONTACT_FORM
from cadomaestro.rules.requests import RequestKind


def request_confirmation(
    kind: RequestKind, request_id: int, reference: str, *, photo_required: bool, photo_sent: bool
) -> str:
    """What the customer is told once a request is recorded."""
    text = (
        f"C’est transmis : votre demande n° {request_id} pour la commande {reference} est "
        "enregistrée auprès de notre service client."
    )
    if kind is RequestKind.SAV and photo_required and photo_sent:
        text += (
            " Nous vous recontacterons sous 24 h (jours ouvrés) pour la mise en place d’un "
            "service après-vente."
        )
    elif kind is RequestKind.SAV and photo_required:
        text += (
            f" Envoyez les photos via {CONTACT_FORM} en rappelant le numéro de demande "
            f"{request_id} : nous vous recontacterons sous 24 h (jours ouvrés) après leur "
            "réception."
        )
    elif kind is RequestKind.SAV:
        text += " Notre équipe SAV fait le nécessaire et revient vers vous par email."
    elif kind is RequestKind.ENQUETE_TRANSPORTEUR:
        text += " Il ouvre l’enquête auprès du transporteur et revient vers vous par email."
    else:
        text += " Il traite votre demande et vous confirme la suite par email."
    return text
