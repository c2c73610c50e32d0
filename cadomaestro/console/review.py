"""What agents add to a conversation they review: the reviewed mark, tags, notes, flags on
customer messages, and corrections of a message's meaning. Functions over a SQLAlchemy session
(run by the views in a worker thread); each change is written to the audit log with who made it.

Labels a message can be corrected to (one list, `labels()`): every FAQ topic (a retrieval
intent's response key, `faq/pays_livraison`, `colis_perdu/colis_perdu`…), every other intent of
the domain, `out_of_scope` shown as « hors sujet »; or no label and a proposed new topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cadomaestro.console.accounts import audit
from cadomaestro.console.models import Annotation, Flag, Note, Review, Tag, now

OUT_OF_SCOPE = "out_of_scope"
MAX_TAG_CHARS = 40
MAX_NOTE_CHARS = 2000
MAX_TOPIC_CHARS = 200
_SPACES = re.compile(r"\s+")


class ReviewError(ValueError):
    """A French message for the agent."""


@dataclass(frozen=True)
class Label:
    name: str  # what the training data calls it
    title: str  # what an agent reads
    topic: bool  # an FAQ topic (else an intent)


@lru_cache(maxsize=1)
def labels() -> tuple[Label, ...]:
    """Every topic and intent a message can be corrected to: the FAQ corpus's topics (with their
    titles), then the domain's other intents (French descriptions)."""
    from cadomaestro.faq.corpus import load_corpus

    topics = tuple(
        Label(entry.full_intent, f"{entry.title} ({entry.full_intent})", True)
        for entry in load_corpus()
    )
    intents = tuple(Label(name, f"{title} ({name})", False) for name, title in INTENTS.items())
    return topics + intents


# The domain's intents other than the retrieval ones (domain.yml), as agents read them.
INTENTS = {
    "greet": "Salutation",
    "goodbye": "Au revoir",
    "thanks": "Remerciement",
    "affirm": "Oui",
    "deny": "Non",
    "bot_challenge": "« Suis-je face à un robot ? »",
    OUT_OF_SCOPE: "Hors sujet",
    "parler_humain": "Demande à parler à une personne",
    "donner_infos": "Donne une référence, un e-mail ou un code postal",
    "arreter": "Arrêter la demande en cours",
}


def label_names() -> frozenset[str]:
    return frozenset(label.name for label in labels())


@dataclass(frozen=True)
class Correction:
    """A corrected customer message, as `make annotations` and the test-story export read it."""

    conversation_id: str
    message_index: int
    text: str  # exactly as the customer typed it
    predicted: str | None  # the topic or intent the assistant filed it under
    label: str | None  # the right topic or intent (None: a new topic is proposed)
    proposed_topic: str | None
    agent: str  # the e-mail of who corrected it ("" if the agent was deleted)
    at: datetime

    @property
    def is_topic(self) -> bool:
        """The correction names an FAQ topic (a retrieval intent's response key)."""
        return self.label is not None and "/" in self.label


def corrections(session: Session, conversation_id: str | None = None) -> list[Correction]:
    """Every correction (of one conversation when given), oldest first."""
    query = select(Annotation).order_by(Annotation.updated_at, Annotation.id)
    if conversation_id is not None:
        query = query.where(Annotation.conversation_id == conversation_id)
    return [
        Correction(a.conversation_id, a.message_index, a.text, a.predicted, a.label,
                   a.proposed_topic, a.agent.email if a.agent else "", a.updated_at)
        for a in session.scalars(query)
    ]  # fmt: skip
