"""What the customer is told once a request to customer service is recorded: its number, what
happens next, and for after-sales requests the photos still to send (docs/rules.md, "Contacts")."""

from __future__ import annotations

import re

from cadomaestro.replies.reply import CALL_BACK, CONTACT_FORM, PHOTO_CALL_BACK
from cadomaestro.rules.carriers import PROFESSIONAL_SERVICE_PHONE
from cadomaestro.rules.requests import RequestKind

# What each kind of request is, as the confirmation names it (after its number: the console reads
# « demande n° N », cadomaestro/console/conversations.py).
WHAT_IT_IS = {
    RequestKind.MODIFICATION: "modification",
    RequestKind.ANNULATION: "annulation",
    RequestKind.PERSONNALISATION: "correction de la personnalisation",
    RequestKind.EMBALLAGE_CARTE: "emballage cadeau ou carte message",
    RequestKind.CHANGEMENT_PAIEMENT: "changement de mode de paiement",
    RequestKind.PRECISIONS_LIVRAISON: "précisions de livraison",
    RequestKind.ENQUETE_TRANSPORTEUR: "enquête auprès du transporteur",
    RequestKind.SAV: "service après-vente",
}

# What comes of a request once recorded (« et je serai remboursé qd ? » after a cancellation):
# the confirmation's « il traite votre demande », said of it.
AFTER_THE_REQUEST = (
    "C’est notre service client qui traite votre demande : il vous confirmera la suite par "
    "email, remboursement compris le cas échéant."
)

# « je dois prevenir qqun ? » while the assistant offers to pass a request on: the offer follows.
WE_CAN_TELL_THEM = "C’est notre service client qu’il faut prévenir, et je peux le faire pour vous."
# An offer declined by asking for money back (« non laissez tomber, je veux mon argent »).
REFUND_WITH_THEM = (
    "Très bien, je n’ai rien transmis. Un remboursement se décide avec notre service client, qui "
    "étudiera votre situation :"
)
# A person asked for by a business buyer (« on voudrait commander 200 coffrets pour noel, je peux
# parler a un commercial ? »): the FAQ's professional line and the form's subjects for them.
PROFESSIONAL_CONTACTS = (
    "Pour une demande professionnelle (devis, commande en quantité, revendeur), notre Service "
    f"Professionnel vous répond au {PROFESSIONAL_SERVICE_PHONE} ; vous pouvez aussi nous écrire "
    "via notre formulaire de contact (objet « Demander un devis » ou « Devenir boutique "
    "revendeur »)."
)
# Where the shop's people are (« encore une plateforme à l'autre bout du monde ? »): the FAQ's
# « directement depuis nos locaux de Veauche ».
WHERE_WE_ARE = (
    "Notre service client vous répond directement depuis nos locaux de Veauche, dans la Loire."
)
# How long an investigation takes: the FAQ gives no delay.
INVESTIGATION_TIME = (
    "Notre service client ouvre l’enquête auprès du transporteur et revient vers vous par email "
    "dès qu’il a sa réponse ; je ne peux pas vous en donner le délai moi-même."
)
# An investigation declined (« non je préfère laisser encore 2-3 jours »): it can be asked later.
INVESTIGATION_LATER = (
    "Si votre colis n’arrive toujours pas, revenez vers moi : je transmettrai alors la demande "
    "d’enquête à notre service client."
)
# How a change offered is made (« comment ça se passe ? »), and how to have it passed on.
CUSTOMER_SERVICE_DOES_IT = (
    "C’est notre service client qui effectue ce changement, à partir de la demande que je lui "
    "transmets."
)
SAY_YES = "Répondez « oui » et je la lui transmets."


# How each confirmation below says when customer service answers.
_WHEN_ANSWERED = re.compile(r"recontacterons|revient vers vous|confirme la suite")


def when_answered(confirmation: str) -> str | None:
    """The sentence of a `request_confirmation` that says when customer service answers (« ils
    me repondent qd » right after it), None if it says none."""
    said = [
        part for part in re.split(r"(?<=[.!?])\s+", confirmation) if _WHEN_ANSWERED.search(part)
    ]
    return said[-1] if said else None


def request_confirmation(
    kind: RequestKind,
    request_id: int,
    reference: str,
    *,
    photo: str | None,
    photo_sent: bool,
    calls_back: bool = False,
) -> str:
    """What the customer is told once a request is recorded. `photo`: what the photos the FAQ
    asks for must show (None: none asked), said again when they are still to be sent;
    `calls_back`: the FAQ promises a call back within 24 h once the photos are received (damaged
    products and gift wraps only)."""
    photo_required = photo is not None
    text = (
        f"C’est transmis : votre demande n° {request_id} ({WHAT_IT_IS[kind]}) pour la commande "
        f"{reference} est "
        "enregistrée auprès de notre service client."
    )
    if kind is RequestKind.SAV and photo_required and photo_sent and calls_back:
        text += f" {CALL_BACK.capitalize()} pour la mise en place d’un service après-vente."
    elif kind is RequestKind.SAV and photo_required and photo_sent:
        text += " Notre équipe SAV étudie votre photo et revient vers vous par email."
    elif kind is RequestKind.SAV and photo_required:
        then = (
            f"{CALL_BACK} après leur réception"
            if calls_back
            else ("notre équipe SAV revient vers vous par email après leur réception")
        )
        shown = (photo or "").replace(PHOTO_CALL_BACK, "")  # (the call back: said after)
        text += (
            f" Envoyez {shown} via {CONTACT_FORM} en rappelant le numéro de demande "
            f"{request_id} : {then}."
        )
    elif kind is RequestKind.SAV:
        text += " Notre équipe SAV fait le nécessaire et revient vers vous par email."
    elif kind is RequestKind.ENQUETE_TRANSPORTEUR:
        text += " Il ouvre l’enquête auprès du transporteur et revient vers vous par email."
    else:
        text += " Il traite votre demande et vous confirme la suite par email."
    return text
