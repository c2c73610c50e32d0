"""Agents and their sessions: Argon2id password hashes, server-side sessions (the cookie holds a
random token; the database only its SHA-256) with an idle expiry and a CSRF token each, and the
audit log. Functions over a SQLAlchemy session, run by the views in a worker thread."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cadomaestro.console.models import ADMIN, AGENT, Agent, AuditEntry, WebSession, now

HASHER = PasswordHasher()
MIN_PASSWORD_CHARS = 12
# Verified when no agent has the e-mail, so that a wrong e-mail takes as long as a wrong password.
_DUMMY_HASH = HASHER.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """A French message for whoever creates the account."""


def new_password() -> str:
    return secrets.token_urlsafe(15)


def create_agent(
    session: Session, email: str, name: str, password: str, role: str = AGENT
) -> Agent:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise AccountError(f"Adresse e-mail invalide : « {email} ».")
    if not name.strip():
        raise AccountError("Le nom de l’agent est obligatoire.")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"Le mot de passe doit faire au moins {MIN_PASSWORD_CHARS} caractères.")
    if role not in (AGENT, ADMIN):
        raise AccountError(f"Rôle inconnu : « {role} » (agent ou admin).")
    if session.scalar(select(Agent.id).where(Agent.email == email)) is not None:
        raise AccountError(f"Un agent a déjà l’adresse {email}.")
    agent = Agent(email=email, name=name.strip(), password_hash=HASHER.hash(password), role=role,
                  active=True, created_at=now())  # fmt: skip
    session.add(agent)
    session.flush()
    return agent


def authenticate(session: Session, email: str, password: str) -> Agent | None:
    agent = session.scalar(select(Agent).where(Agent.email == email.strip().lower()))
    try:
        HASHER.verify(agent.password_hash if agent else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return agent if agent is not None and agent.active else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, agent: Agent) -> str:
    """A new session for `agent`; the token for its cookie."""
    token, moment = secrets.token_urlsafe(32), now()
    session.add(WebSession(token_hash=_digest(token), csrf_token=secrets.token_urlsafe(32),
                           agent_id=agent.id, created_at=moment, last_seen_at=moment))  # fmt: skip
    return token


def current_session(
    session: Session, token: str | None, idle_s: float, at: datetime | None = None
) -> WebSession | None:
    """The live session of the cookie's token (its last use moved to now), or None: unknown,
    idle for longer than `idle_s` (then deleted), or its agent deactivated."""
    if not token:
        return None
    found = session.scalar(select(WebSession).where(WebSession.token_hash == _digest(token)))
    if found is None:
        return None
    moment = at or now()
    last = found.last_seen_at
    if last.tzinfo is None:  # SQLite gives naive datetimes back
        last = last.replace(tzinfo=moment.tzinfo)
    if moment - last > timedelta(seconds=idle_s) or not found.agent.active:
        session.delete(found)
        return None
    found.last_seen_at = moment
    return found


def close_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))


def audit(session: Session, agent_id: int | None, action: str, target: str | None = None) -> None:
    session.add(AuditEntry(at=now(), agent_id=agent_id, action=action, target=target))
