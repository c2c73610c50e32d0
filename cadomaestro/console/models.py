"""The console's own tables (its database, never the assistant's): agents, their sessions, and
the audit log of who opened or exported what, and the reviews, tags, notes, flags and
corrections agents add to conversations. Alembic migrations in migrations/."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

AGENT, ADMIN = "agent", "admin"


class Agent(Base):
    __tablename__ = "agents"

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)
    name = Column(String(100), nullable=False)
    password_hash = Column(String(255), nullable=False)  # Argon2id
    role = Column(String(10), nullable=False, default=AGENT)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), nullable=False)


class WebSession(Base):
    __tablename__ = "sessions"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)  # SHA-256 of the cookie's token
    csrf_token = Column(String(64), nullable=False)
    agent_id = Column(Integer, ForeignKey("agents.id", ondelete="CASCADE"), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
    last_seen_at = Column(DateTime(timezone=True), nullable=False)

    agent = relationship(Agent)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, index=True)
    agent_id = Column(Integer, ForeignKey("agents.id", ondelete="SET NULL"), nullable=True)
    action = Column(String(50), nullable=False)  # "login", "open_transcript", "export", …
    target = Column(String(255), nullable=True)  # a conversation id, an agent's e-mail…

    agent = relationship(Agent)


def now() -> datetime:
    return datetime.now(timezone.utc)


# What agents add to the conversations they review. A conversation is the assistant's sender id
# (`conversation_id`); a customer message is its position among the conversation's customer
# messages (`message_index`, from 0: the store only ever appends to a conversation).


class Review(Base):
    __tablename__ = "reviews"

    conversation_id = Column(String(255), primary_key=True)
    agent_id = Column(Integer, ForeignKey("agents.id", ondelete="SET NULL"), nullable=True)
    reviewed_at = Column(DateTime(timezone=True), nullable=False)

    agent = relationship(Agent)


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("conversation_id", "name"),)

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    name = Column(String(40), nullable=False, index=True)
    agent_id = Column(Integer, ForeignKey("agents.id", ondelete="SET NULL"), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False)

    agent = relationship(Agent)


class Note(Base):
    __tablename__ = "notes"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    text = Column(Text, nullable=False)
    agent_id = Column(Integer, ForeignKey("agents.id", ondelete="SET NULL"), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False)

    agent = relationship(Agent)


class Flag(Base):
    __tablename__ = "message_flags"
    __table_args__ = (UniqueConstraint("conversation_id", "message_index"),)

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    message_index = Column(Integer, nullable=False)
    agent_id = Column(Integer, ForeignKey("agents.id", ondelete="SET NULL"), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False)

    agent = relationship(Agent)


class Annotation(Base):
    """An agent's correction of what a customer message meant: `label` is the right FAQ topic
    (`faq/…`, `colis_perdu/…`: a retrieval intent's response key) or intent (`out_of_scope` for
    « hors sujet »); or `label` is empty and `proposed_topic` names a topic the FAQ lacks. `text`
    is the message as the customer typed it, `predicted` what the assistant made of it."""

    __tablename__ = "annotations"
    __table_args__ = (UniqueConstraint("conversation_id", "message_index"),)

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    message_index = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)
    predicted = Column(String(120), nullable=True)
    label = Column(String(120), nullable=True)
    proposed_topic = Column(String(200), nullable=True)
    agent_id = Column(Integer, ForeignKey("agents.id", ondelete="SET NULL"), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)

    agent = relationship(Agent)
