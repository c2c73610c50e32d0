"""A reply about an order, and what several answers share: the FAQ's own paragraphs, the order's
status sentence, the contact form.

A reply may end with a follow-up: a question whose answer goes to customer service
(FollowUp.DETAILS), or a yes/no offer to pass a request on (FollowUp.CONFIRMATION).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from cadomaestro.faq.corpus import load_corpus
from cadomaestro.replies.order import Order
from cadomaestro.replies.wording import quoted
from cadomaestro.rules.carriers import CUSTOMER_SERVICE_HOURS, CUSTOMER_SERVICE_PHONE
from cadomaestro.rules.requests import RequestKind

CONTACT_FORM = "notre formulaire de contact (objet « Contacter le service client »)"
# Where to ask what the assistant cannot say (« annulée ?? jai rien demande moi »).
ASK_CUSTOMER_SERVICE = (
    f"Pour toute question, notre service client vous répond au {CUSTOMER_SERVICE_PHONE}, "
    f"{CUSTOMER_SERVICE_HOURS}, ou via {CONTACT_FORM}."
)
# What the FAQ promises once the photos of a damaged product or gift wrap are received.
CALL_BACK = "nous vous recontacterons sous 24 h (jours ouvrés)"
# A lone « ? » after an answer: what is unclear, or a person (the contacts follow).
WHAT_IS_UNCLEAR = (
    "Pourriez-vous préciser ce qui n’est pas clair ? Si ma réponse ne vous aide pas, notre "
    "service client peut vous répondre :"
)
# Ends the photo instructions of a damaged product or gift wrap (replies/aftersales.py).
PHOTO_CALL_BACK = f" ; {CALL_BACK} après sa réception"


class FollowUp(Enum):
    NONE = "aucune"
    DETAILS = "details"  # ask `question`, then record a request of `kind` with the answer
    CONFIRMATION = "confirmation"  # `question` is a yes/no offer to record a request of `kind`


@dataclass(frozen=True)
class Reply:
    messages: tuple[str, ...]
    follow_up: FollowUp = FollowUp.NONE
    kind: RequestKind | None = None
    question: str | None = None
    photo: str | None = None  # what the photo must show, when the FAQ requires one


@lru_cache(maxsize=1)
def _faq_answers() -> dict[str, tuple[str, ...]]:
    return {entry.full_intent: tuple(entry.answer.strip().split("\n\n")) for entry in load_corpus()}


def faq_answer(topic: str) -> str:
    """The FAQ's whole answer to `topic`."""
    return "\n\n".join(_faq_answers()[topic])


def faq_paragraph(topic: str, index: int) -> str:
    """One paragraph of the FAQ's answer to `topic`: the FAQ stays the source of the wording."""
    return _faq_answers()[topic][index]


def status_sentence(order: Order) -> str:
    return f"Votre commande {order.reference} est au statut {quoted(order.status.label)}."


_STATUS_SENTENCE = re.compile(r"Votre commande \w+ est au statut « [^»]+ »\.")


def starts_with_status(text: str) -> bool:
    """Whether `text` starts with a `status_sentence`."""
    return bool(_STATUS_SENTENCE.match(text))
