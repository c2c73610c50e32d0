"""Agents and their sessions: Argon2id password hashes, server-side sessions (the cookie holds a
random token; the database only its SHA-256) with an idle expiry and a CSRF token each, and the
audit log; and what an admin does to agents from the console (create, change a role, deactivate
or reactivate, reset a password), each change audited and guarded so that the console always
keeps an active admin. Functions over a SQLAlchemy session, run by the views in a worker
thread."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cadomaestro.console.models import ADMIN, AGENT, Agent, AuditEntry, WebSession, now

HASHER = PasswordHasher()
MIN_PASSWORD_CHARS = 12
MAX_NAME_CHARS = 100  # models.Agent.name
ROLES = (AGENT, ADMIN)
# Verified when no agent has the e-mail, so that a wrong e-mail takes as long as a wrong password.
_DUMMY_HASH = HASHER.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """A French message for whoever creates the account."""


class UnknownAgent(AccountError):
    """No agent has this id."""


class NotAllowed(AccountError):
    """A change the rules refuse: an admin demoting or deactivating themself, the last active
    admin demoted or deactivated, or an actor who is no longer an active admin."""


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
    if len(name.strip()) > MAX_NAME_CHARS:
        raise AccountError(f"Le nom de l’agent fait au plus {MAX_NAME_CHARS} caractères.")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"Le mot de passe doit faire au moins {MIN_PASSWORD_CHARS} caractères.")
    if role not in ROLES:
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


def audit_once(
    session: Session, agent_id: int, action: str, target: str, within: timedelta
) -> None:
    """`audit`, unless the agent did the same to the same target within `within` (an agent
    reopening a conversation after each change to it is one reading)."""
    recent = select(AuditEntry.id).where(
        AuditEntry.agent_id == agent_id, AuditEntry.action == action,
        AuditEntry.target == target, AuditEntry.at >= now() - within,
    ).limit(1)  # fmt: skip
    if session.scalar(recent) is None:
        audit(session, agent_id, action, target)


def end_sessions(session: Session, agent_id: int) -> int:
    """Close every session of an agent (they must log in again); how many were open."""
    return session.execute(delete(WebSession).where(WebSession.agent_id == agent_id)).rowcount


# Agent management by admins. Each function takes the acting admin's id (`actor_id`), checks it
# is still an active admin, writes the change and its audit entry in the caller's transaction.


@dataclass(frozen=True)
class AgentRow:
    """An agent as the agents page lists them. `last_active_at`: their latest request (the
    sessions) or audited action (logins, transcripts opened…), whichever is later; None if
    neither is left (sessions end at logout; the audit log is kept RETENTION_DAYS)."""

    id: int
    email: str
    name: str
    role: str
    active: bool
    created_at: datetime
    last_active_at: datetime | None


def list_agents(session: Session) -> list[AgentRow]:
    seen = dict(
        session.execute(
            select(WebSession.agent_id, func.max(WebSession.last_seen_at)).group_by(
                WebSession.agent_id
            )
        ).all()
    )
    acted = dict(
        session.execute(
            select(AuditEntry.agent_id, func.max(AuditEntry.at))
            .where(AuditEntry.agent_id.is_not(None))
            .group_by(AuditEntry.agent_id)
        ).all()
    )
    rows = []
    for agent in session.scalars(select(Agent).order_by(Agent.email)):
        moments = [_utc(m) for m in (seen.get(agent.id), acted.get(agent.id)) if m is not None]
        rows.append(AgentRow(agent.id, agent.email, agent.name, agent.role, agent.active,
                             _utc(agent.created_at), max(moments, default=None)))  # fmt: skip
    return rows


def add_agent(
    session: Session, actor_id: int, email: str, name: str, role: str
) -> tuple[Agent, str]:
    """A new agent with a generated password (returned, to be shown once, never stored)."""
    _check_admin(session, actor_id)
    password = new_password()
    agent = create_agent(session, email, name, password, role)
    audit(session, actor_id, "create_agent", agent.email)
    return agent, password


def change_role(session: Session, actor_id: int, agent_id: int, role: str) -> Agent:
    """Takes effect at the agent's next request (the middleware reads the role each time)."""
    _check_admin(session, actor_id)
    if role not in ROLES:
        raise AccountError(f"Rôle inconnu : « {role} » (agent ou admin).")
    agent = _agent(session, agent_id)
    if agent.role == role:
        return agent
    if agent.role == ADMIN:
        if agent.id == actor_id:
            raise NotAllowed(
                "Vous ne pouvez pas retirer votre propre rôle d’administrateur : demandez-le à "
                "un autre administrateur."
            )
        _keep_an_admin(session, agent)
    agent.role = role
    audit(session, actor_id, "change_role", agent.email)
    return agent


def deactivate(session: Session, actor_id: int, agent_id: int) -> Agent:
    """The agent can no longer log in, and their open sessions end at once."""
    _check_admin(session, actor_id)
    agent = _agent(session, agent_id)
    if agent.id == actor_id:
        raise NotAllowed("Vous ne pouvez pas désactiver votre propre compte.")
    if not agent.active:
        return agent
    if agent.role == ADMIN:
        _keep_an_admin(session, agent)
    agent.active = False
    end_sessions(session, agent.id)
    audit(session, actor_id, "deactivate_agent", agent.email)
    return agent


def reactivate(session: Session, actor_id: int, agent_id: int) -> Agent:
    _check_admin(session, actor_id)
    agent = _agent(session, agent_id)
    if agent.active:
        return agent
    agent.active = True
    audit(session, actor_id, "reactivate_agent", agent.email)
    return agent


def reset_password(session: Session, actor_id: int, agent_id: int) -> tuple[Agent, str]:
    """A new generated password (returned, to be shown once); the old one stops working and the
    agent's sessions end (the actor's own too, when resetting their own password)."""
    _check_admin(session, actor_id)
    agent = _agent(session, agent_id)
    password = new_password()
    agent.password_hash = HASHER.hash(password)
    end_sessions(session, agent.id)
    audit(session, actor_id, "reset_password", agent.email)
    return agent, password


def _check_admin(session: Session, actor_id: int) -> None:
    actor = session.get(Agent, actor_id)
    if actor is None or not actor.active or actor.role != ADMIN:
        raise NotAllowed("Réservé aux administrateurs.")


def _agent(session: Session, agent_id: int) -> Agent:
    agent = session.get(Agent, agent_id)
    if agent is None:
        raise UnknownAgent("Cet agent n’existe pas.")
    return agent


def _keep_an_admin(session: Session, agent: Agent) -> None:
    """Refuse to demote or deactivate the last active admin. The active admins' rows are locked
    (PostgreSQL: FOR UPDATE; SQLite's writers are serialised anyway), so that two admins
    demoting each other at the same moment cannot both succeed."""
    admins = session.scalars(
        select(Agent.id).where(Agent.role == ADMIN, Agent.active.is_(True)).with_for_update()
    ).all()
    if list(admins) == [agent.id]:
        raise NotAllowed(
            f"{agent.email} est le dernier administrateur actif : nommez d’abord un autre "
            "administrateur."
        )


def _utc(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back (written in UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
