"""`python -m cadomaestro.console serve [--port N]`: the agent console (migrates its database
first). `python -m cadomaestro.console agent --email E --name N [--role admin]`: creates an
agent, with the password read from standard input, or generated and printed once when standard
input is a terminal left empty (`make agent EMAIL=… NAME=…`).
`python -m cadomaestro.console retention`: applies RETENTION_DAYS to the console's database now
(as the console does at start and every day) and prints how many rows went from each table.
`python -m cadomaestro.console annotations [--root DIR] [--diff]`: the agents' corrections as
training data (console/training.py), written to the checkout (`make annotations`) or printed as
a diff. `python -m cadomaestro.console story --conversation ID [--out FILE]`: a conversation as
a test story (console/stories.py), added to tests/conversations/test_console_stories.yml."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from cadomaestro import paths
from cadomaestro.backend.database import make_engine, migrate, session_factory
from cadomaestro.console import accounts, review, stories, training
from cadomaestro.console.accounts import AccountError, create_agent, new_password
from cadomaestro.console.app import MIGRATIONS, create_app
from cadomaestro.console.models import ADMIN, AGENT
from cadomaestro.console.retention import purge
from cadomaestro.console.settings import ConsoleSettings
from cadomaestro.console.store import ConversationStore

log = logging.getLogger("cadomaestro.console")


def _password() -> tuple[str, bool]:
    """The password from standard input (a pipe, or typed), or a generated one (then True)."""
    if sys.stdin.isatty():
        typed = getpass.getpass("Mot de passe (vide : en générer un) : ")
    else:
        typed = sys.stdin.readline().rstrip("\n")
    return (typed, False) if typed else (new_password(), True)


class Failed(Exception):
    """A French message for whoever ran the command, and its exit status."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


@contextmanager
def _databases(settings: ConsoleSettings) -> Iterator[tuple[sessionmaker, ConversationStore]]:
    """The console's database (migrated) and the conversation store, closed afterwards; an
    unreachable one fails the command (status 1) before anything is written."""
    engine = make_engine(settings.database_url)
    store = ConversationStore(settings.conversations_url)
    try:
        migrate(engine, MIGRATIONS)
        yield session_factory(engine), store
    except SQLAlchemyError as error:
        raise Failed(f"Base injoignable ({type(error).__name__}) : rien n’a été fait.", 1) from None
    finally:
        store.close()
        engine.dispose()


def _retention(settings: ConsoleSettings) -> None:
    with _databases(settings) as (sessions, store):
        # nothing deleted if the store is unreachable: an unreachable store is not an empty one
        removed = purge(sessions, store, settings.retention_days, settings.session_idle_s)
    print(removed.report())


def _annotations(settings: ConsoleSettings, root: Path, diff: bool) -> None:
    with _databases(settings) as (sessions, _):
        with sessions() as session:
            corrections = review.corrections(session)
        try:
            result = training.export(corrections, root)
        except training.ExportError as error:
            raise Failed(f"Export impossible : {error}") from None
        if diff:
            print(result.diff(), end="")
        else:
            print("\n".join(result.report()))
            for path in result.write(root):
                print(f"wrote {path}")
        with sessions.begin() as session:
            accounts.audit(session, None, "export_annotations", result.summary())


def _story(settings: ConsoleSettings, conversation: str, out: Path) -> None:
    with _databases(settings) as (sessions, store):
        events = store.events(conversation)
        if not events:
            raise Failed("Cette conversation n’existe pas.")
        with sessions() as session:
            corrections = review.corrections(session, conversation)
        try:
            block = stories.story(conversation, events, corrections)
        except stories.StoryError as error:
            raise Failed(str(error)) from None
        existing = out.read_text(encoding="utf-8") if out.exists() else None
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(stories.with_story(existing, block), encoding="utf-8")
        with sessions.begin() as session:
            accounts.audit(session, None, "export_story", conversation[:255])
    print(f"wrote {out} ({block.splitlines()[0].strip()})")


def _agent(settings: ConsoleSettings, email: str, name: str, role: str) -> None:
    with _databases(settings) as (sessions, _):
        password, generated = _password()
        try:
            with sessions.begin() as session:
                create_agent(session, email, name, password, role)
        except AccountError as error:
            raise Failed(str(error)) from None
    print(f"Agent créé : {email.strip().lower()} ({role}).")
    if generated:
        print(f"Mot de passe (affiché une seule fois) : {password}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.console")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start the console")
    serve.add_argument("--port", type=int)
    agent = commands.add_parser("agent", help="create an agent")
    agent.add_argument("--email", required=True)
    agent.add_argument("--name", required=True)
    agent.add_argument("--role", choices=(AGENT, ADMIN), default=AGENT)
    commands.add_parser("retention", help="apply RETENTION_DAYS to the console's database now")
    annotations = commands.add_parser("annotations", help="the corrections as training data")
    annotations.add_argument("--root", type=Path, default=paths.ROOT, help="the checkout")
    annotations.add_argument("--diff", action="store_true", help="print a diff, write nothing")
    story = commands.add_parser("story", help="a conversation as a test story")
    story.add_argument("--conversation", required=True, help="its sender id")
    story.add_argument("--out", type=Path, default=stories.DEFAULT_FILE)
    args = parser.parse_args(argv)
    settings = ConsoleSettings.from_env()
    if args.command == "serve":
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")  # fmt: skip
        logging.getLogger("alembic").setLevel(logging.WARNING)
        port = args.port or settings.port
        # No access log: the console's paths hold conversation ids (a WhatsApp one is a number).
        web.run_app(create_app(settings), port=port, access_log=None,
                    print=lambda _: log.info("serving on port %d", port))  # fmt: skip
        return 0
    try:
        if args.command == "retention":
            _retention(settings)
        elif args.command == "annotations":
            _annotations(settings, args.root.resolve(), args.diff)
        elif args.command == "story":
            _story(settings, args.conversation, args.out)
        else:
            _agent(settings, args.email, args.name, args.role)
    except Failed as failure:
        print(failure, file=sys.stderr)
        return failure.status
    return 0


if __name__ == "__main__":
    sys.exit(main())
