"""Received a damaged, wrong or incomplete product, or without its gift wrap
(produit_defectueux/*): which line, what happened, the photo the FAQ asks for; then an
after-sales request (docs/rules.md, "Problems that need an order")."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from cadomaestro.replies.order import Order
from cadomaestro.replies.parcel import where_is_my_parcel
from cadomaestro.replies.reply import (
    CONTACT_FORM,
    PHOTO_CALL_BACK,
    FollowUp,
    Reply,
    status_sentence,
)
from cadomaestro.replies.wording import french_list, quoted
from cadomaestro.rules.carriers import LA_POSTE, carrier_for
from cadomaestro.rules.orders import OrderStatus
from cadomaestro.rules.requests import RequestKind

_PHOTOS: dict[str, str | None] = {
    # what the FAQ asks the photo to show, per topic (None: no photo required)
    "produit_defectueux/produit_defectueux": "une seule photo montrant le produit abîmé et, à "
    "côté, l’étiquette de La Poste collée sur le carton, avec le numéro du colis bien visible"
    f"{PHOTO_CALL_BACK}",
    "produit_defectueux/emballage_endommage": "une seule photo montrant l’emballage abîmé et, à "
    "côté, l’étiquette de La Poste collée sur le carton, avec le numéro du colis bien visible"
    f"{PHOTO_CALL_BACK}",
    "produit_defectueux/produit_manquant": "une photo du carton de livraison ouvert avec les "
    "produits qu’il contient, et une photo du colis avec l’étiquette de transport bien visible",
    "produit_defectueux/produit_non_conforme": "une photo du produit reçu avec, à côté, "
    "l’étiquette de La Poste, sur un fond le plus neutre possible",
    "produit_defectueux/emballage_manquant": None,
    "produit_defectueux/article_incomplet": None,
}
# A parcel collected at the warehouse has no carrier's label: the same photos without it.
_NO_LABEL = "(commande retirée à notre entrepôt : pas d’étiquette de transport à montrer)"
_PHOTOS_WITHOUT_LABEL: dict[str, str] = {
    "produit_defectueux/produit_defectueux": f"une seule photo montrant le produit abîmé "
    f"{_NO_LABEL}{PHOTO_CALL_BACK}",
    "produit_defectueux/emballage_endommage": f"une seule photo montrant l’emballage abîmé "
    f"{_NO_LABEL}{PHOTO_CALL_BACK}",
    "produit_defectueux/produit_manquant": "une photo du carton ouvert avec les produits qu’il "
    f"contient {_NO_LABEL}",
    "produit_defectueux/produit_non_conforme": "une photo du produit reçu, sur un fond le plus "
    f"neutre possible {_NO_LABEL}",
}
_LA_POSTE_LABEL = "l’étiquette de La Poste"
_OPENINGS = {
    "produit_defectueux/produit_manquant": "Nous sommes navrés qu’un produit manque dans votre "
    "colis. Vérifiez bien l’intérieur du carton ainsi que le papier de bourrage : votre produit "
    "s’y trouve peut-être.",
    "produit_defectueux/article_incomplet": "Nous sommes vraiment navrés pour ce désagrément.",
}


# « je lenvoie ou la photo ? » while which item and what happened are asked.
WHERE_TO_SEND_THE_PHOTO = (
    "Vous pourrez joindre la photo ici, juste après m’avoir indiqué l’article concerné et ce qui "
    f"s’est passé, ou l’envoyer via {CONTACT_FORM}."
)


def photo_for(topic: str, order: Order) -> str | None:
    """What the photo the FAQ asks for must show, for this order: the FAQ's La Poste label is
    TNT's for a parcel TNT carried, and there is none for a parcel collected at the warehouse."""
    photo = _PHOTOS.get(topic)
    carrier = carrier_for(order.method)
    if photo is None or carrier is LA_POSTE:
        return photo
    if carrier is None:
        return _PHOTOS_WITHOUT_LABEL.get(topic, photo)
    return photo.replace(_LA_POSTE_LABEL, f"l’étiquette de {carrier.name}")


def calls_back(photo: str | None) -> bool:
    """Whether the photo asked for (`Reply.photo`, kept by the conversation until the request is
    recorded) comes with the FAQ's promise of a call back within 24 h."""
    return photo is not None and PHOTO_CALL_BACK in photo


def after_sales(topic: str, order: Order, now: datetime) -> Reply:
    """produit_defectueux/*: which line, what happened, the photo; then an after-sales request."""
    head = status_sentence(order)
    if order.status is not OrderStatus.LIVRE:
        # « tjs pas de lampe »: where the parcel is (late: the offer of an investigation).
        parcel = where_is_my_parcel("colis_perdu/colis_perdu", order, now)
        received = ("Elle n’est pas encore indiquée comme livrée : si vous l’avez pourtant "
                    f"reçue, écrivez-nous via {CONTACT_FORM}.")  # fmt: skip
        return replace(parcel, messages=(*parcel.messages, received))
    if topic == "produit_defectueux/emballage_manquant" and not order.has_gift_wrap:
        return Reply(
            (f"{head} D’après votre commande, aucun emballage cadeau n’a été commandé : il n’a "
             "donc pas été réglé, et c’est pourquoi il ne figure pas dans le colis.",),
        )  # fmt: skip
    opening = _OPENINGS.get(topic, "Toutes nos excuses pour la gêne occasionnée.")
    names = french_list([quoted(line.name) for line in order.lines])
    photo = photo_for(topic, order)
    question = f"Quel article est concerné ({names}) et que s’est-il passé ?"
    if photo:  # what to prepare, said at once (the photo itself is asked after the details)
        question += f" Il nous faudra ensuite {photo}."
    return Reply((f"{head} {opening}",), FollowUp.DETAILS, RequestKind.SAV, question, photo)
