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

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cadomaestro.console.accounts import audit
from cadomaestro.console.models import Annotation, Flag, Note, Review, Tag, now
from cadomaestro.inputs import clean_text
from cadomaestro.nlu.normalize import strip_accents
from cadomaestro.replies.topics import STATUS_TOPIC

OUT_OF_SCOPE = "out_of_scope"
FALLBACK = "nlu_fallback"
STATUS_TITLE = "Où en est ma commande ?"  # replies/topics.py's STATUS_TOPIC
MAX_TAG_CHARS = 40
MAX_NOTE_CHARS = 2000
MAX_TOPIC_CHARS = 200
_SPACES = re.compile(r"\s+")


class ReviewError(ValueError):
    """A French message for the agent."""


@dataclass(frozen=True)
class Label:
    name: str  # what the training data calls it
    title: str  # what an agent reads (the corpus entry's title, the intent's description)
    topic: bool  # an FAQ topic (else an intent)

    @property
    def shown(self) -> str:
        """« Pays de livraison (faq/pays_livraison) »: the title with the name."""
        return f"{self.title} ({self.name})"


@lru_cache(maxsize=1)
def labels() -> tuple[Label, ...]:
    """Every topic and intent a message can be corrected to: the FAQ corpus's topics (with their
    titles), then the domain's other intents (French descriptions)."""
    from cadomaestro.faq.corpus import load_corpus

    topics = tuple(Label(entry.full_intent, entry.title, True) for entry in load_corpus())
    intents = tuple(Label(name, title, False) for name, title in INTENTS.items())
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


def _folded(text: str) -> str:
    return _SPACES.sub(" ", strip_accents(text).casefold()).strip()


def resolve_label(text: str) -> str | None:
    """The label an agent means: its name (`faq/pays_livraison`), its title as the list shows it
    (« Pays de livraison (faq/pays_livraison) »), or the title alone, accents and case aside."""
    wanted = _folded(text)
    for label in labels():
        if wanted in (label.name, _folded(label.title), _folded(label.shown)):
            return label.name
    return None


def label_titles() -> dict[str, str]:
    """What agents read for each topic or intent a message may be filed under (« Oui
    (affirm) »): the labels, `nlu_fallback`, and the order's status (a problem the dialogue
    answers from the order, not a topic of the corpus)."""
    return {
        FALLBACK: f"Non compris ({FALLBACK})",
        STATUS_TOPIC: f"{STATUS_TITLE} ({STATUS_TOPIC})",
        **{label.name: label.shown for label in labels()},
    }


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


def _clean(text: str, limit: int) -> str:
    """`text` without control characters, its spaces collapsed, at most `limit` characters."""
    return _SPACES.sub(" ", clean_text(text)).strip()[:limit]


def tag_name(text: str) -> str:
    """A tag as typed, tidied: lower case, spaces collapsed, at most MAX_TAG_CHARS (cut after
    lower-casing, which may lengthen it: « İ » is two characters in lower case)."""
    return _clean(text.lower(), MAX_TAG_CHARS)


@dataclass(frozen=True)
class Remark:
    """A tag, note, flag or correction: what, by whom, when."""

    text: str
    agent: str
    at: datetime


@dataclass(frozen=True)
class ConversationReview:
    """Everything agents added to a conversation."""

    reviewed: Remark | None  # text "" ; by whom and when
    tags: tuple[Remark, ...]
    notes: tuple[Remark, ...]
    flags: dict[int, Remark]  # message index -> who flagged it
    corrections: dict[int, Correction]  # message index -> its correction


def _agent_name(row: Review | Tag | Note | Flag) -> str:
    return row.agent.name if row.agent else "agent supprimé"


def conversation_review(session: Session, conversation_id: str) -> ConversationReview:
    review = session.get(Review, conversation_id)
    tags = session.scalars(
        select(Tag).where(Tag.conversation_id == conversation_id).order_by(Tag.name)
    )
    notes = session.scalars(
        select(Note).where(Note.conversation_id == conversation_id).order_by(Note.id)
    )
    flags = session.scalars(select(Flag).where(Flag.conversation_id == conversation_id))
    return ConversationReview(
        reviewed=Remark("", _agent_name(review), review.reviewed_at) if review else None,
        tags=tuple(Remark(t.name, _agent_name(t), t.created_at) for t in tags),
        notes=tuple(Remark(n.text, _agent_name(n), n.created_at) for n in notes),
        flags={f.message_index: Remark("", _agent_name(f), f.created_at) for f in flags},
        corrections={c.message_index: c for c in corrections(session, conversation_id)},
    )


def set_reviewed(session: Session, agent_id: int, conversation_id: str, reviewed: bool) -> None:
    existing = session.get(Review, conversation_id)
    if reviewed and existing is None:
        session.add(Review(conversation_id=conversation_id, agent_id=agent_id, reviewed_at=now()))
    elif not reviewed and existing is not None:
        session.delete(existing)
    else:
        return
    audit(session, agent_id, "review" if reviewed else "unreview", conversation_id)


def add_tag(session: Session, agent_id: int, conversation_id: str, text: str) -> str:
    name = tag_name(text)
    if not name:
        raise ReviewError("Le nom de l’étiquette est vide.")
    exists = select(Tag.id).where(Tag.conversation_id == conversation_id, Tag.name == name)
    if session.scalar(exists) is None:
        session.add(Tag(conversation_id=conversation_id, name=name, agent_id=agent_id,
                        created_at=now()))  # fmt: skip
        audit(session, agent_id, "tag", conversation_id)
    return name


def remove_tag(session: Session, agent_id: int, conversation_id: str, name: str) -> None:
    removed = session.execute(
        delete(Tag).where(Tag.conversation_id == conversation_id, Tag.name == name)
    )
    if removed.rowcount:
        audit(session, agent_id, "untag", conversation_id)


def add_note(session: Session, agent_id: int, conversation_id: str, text: str) -> None:
    note = clean_text(text).strip()[:MAX_NOTE_CHARS]
    if not note:
        raise ReviewError("La note est vide.")
    session.add(Note(conversation_id=conversation_id, text=note, agent_id=agent_id,
                     created_at=now()))  # fmt: skip
    audit(session, agent_id, "note", conversation_id)


def set_flag(
    session: Session, agent_id: int, conversation_id: str, message_index: int, flagged: bool
) -> None:
    where = (Flag.conversation_id == conversation_id, Flag.message_index == message_index)
    existing = session.scalar(select(Flag).where(*where))
    if flagged and existing is None:
        session.add(Flag(conversation_id=conversation_id, message_index=message_index,
                         agent_id=agent_id, created_at=now()))  # fmt: skip
    elif not flagged and existing is not None:
        session.delete(existing)
    else:
        return
    audit(session, agent_id, "flag" if flagged else "unflag", f"{conversation_id}#{message_index}")


def correct(
    session: Session,
    agent_id: int,
    conversation_id: str,
    message_index: int,
    text: str,
    predicted: str | None,
    label: str = "",
    proposed_topic: str = "",
) -> None:
    """Records what the message meant: `label` (a topic or intent of `labels()`), or a proposed
    new topic. `text` and `predicted` come from the conversation store, not from the form."""
    typed = _clean(label, MAX_TOPIC_CHARS)
    proposed = _clean(proposed_topic, MAX_TOPIC_CHARS)
    label = (resolve_label(typed) or "") if typed else ""
    if typed and not label:
        raise ReviewError(
            f"Sujet ou intention inconnu : « {typed[:120]} ». Choisissez-en un dans la liste."
        )
    if not label and not proposed:
        raise ReviewError("Choisissez un sujet ou une intention, ou proposez un nouveau sujet.")
    where = (
        Annotation.conversation_id == conversation_id,
        Annotation.message_index == message_index,
    )
    existing = session.scalar(select(Annotation).where(*where))
    moment = now()
    if existing is None:
        existing = Annotation(conversation_id=conversation_id, message_index=message_index,
                              created_at=moment)  # fmt: skip
        session.add(existing)
    existing.text, existing.predicted = text, predicted
    existing.label, existing.proposed_topic = label or None, None if label else proposed
    existing.agent_id, existing.updated_at = agent_id, moment
    audit(session, agent_id, "correct", f"{conversation_id}#{message_index}")


def remove_correction(
    session: Session, agent_id: int, conversation_id: str, message_index: int
) -> None:
    removed = session.execute(
        delete(Annotation).where(
            Annotation.conversation_id == conversation_id,
            Annotation.message_index == message_index,
        )
    )
    if removed.rowcount:
        audit(session, agent_id, "uncorrect", f"{conversation_id}#{message_index}")


def corrected_messages(session: Session) -> frozenset[tuple[str, int]]:
    """(conversation id, message index) of every corrected message."""
    rows = session.execute(select(Annotation.conversation_id, Annotation.message_index))
    return frozenset((conversation_id, index) for conversation_id, index in rows)


def tag_suggestions(session: Session, limit: int = 50) -> list[str]:
    """The tags agents used most, for the tag field's suggestions."""
    count = func.count(Tag.id)
    query = select(Tag.name).group_by(Tag.name).order_by(count.desc(), Tag.name).limit(limit)
    return list(session.scalars(query))


@dataclass(frozen=True)
class Marks:
    """What the list's filters on agents' work need, for a set of conversations."""

    reviewed: frozenset[str]
    tags: dict[str, tuple[str, ...]]  # conversation id -> its tags
    flagged: frozenset[str] = frozenset()  # conversations with a flagged message


def marks(session: Session, conversation_ids: Iterable[str]) -> Marks:
    ids = list(dict.fromkeys(conversation_ids))
    reviewed: set[str] = set()
    flagged: set[str] = set()
    tags: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        reviewed.update(
            session.scalars(select(Review.conversation_id).where(Review.conversation_id.in_(chunk)))
        )
        flagged.update(
            session.scalars(select(Flag.conversation_id).where(Flag.conversation_id.in_(chunk)))
        )
        for conversation_id, name in session.execute(
            select(Tag.conversation_id, Tag.name)
            .where(Tag.conversation_id.in_(chunk))
            .order_by(Tag.name)
        ):
            tags.setdefault(conversation_id, []).append(name)
    tagged = {key: tuple(value) for key, value in tags.items()}
    return Marks(frozenset(reviewed), tagged, frozenset(flagged))
