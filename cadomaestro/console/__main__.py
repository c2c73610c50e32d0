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
import sys
from pathlib import Path

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from cadomaestro import paths
from cadomaestro.backend.database import make_engine, migrate, session_factory
from cadomaestro.console import accounts, review, stories, training
from cadomaestro.console.accounts import AccountError, create_agent, new_password
from cadomaestro.console.app import MIGRATIONS, create_app
from cadomaestro.console.models import ADMIN, AGENT
from cadomaestro.console.retention import purge
from cadomaestro.console.settings import ConsoleSettings
from cadomaestro.console.store import ConversationStore


def _password() -> tuple[str, bool]:
    """The password from standard input (a pipe, or typed), or a generated one (then True)."""
    if sys.stdin.isatty():
        typed = getpass.getpass("Mot de passe (vide : en générer un) : ")
    else:
        typed = sys.stdin.readline().rstrip("\n")
    return (typed, False) if typed else (new_password(), True)


def _retention(settings: ConsoleSettings) -> int:
    engine = make_engine(settings.database_url)
    store = ConversationStore(settings.conversations_url)
    try:
        migrate(engine, MIGRATIONS)
        removed = purge(
            session_factory(engine), store, settings.retention_days, settings.session_idle_s
        )
    except SQLAlchemyError as error:  # nothing deleted: an unreachable store is not an empty one
        message = f"Rétention non appliquée : base injoignable ({type(error).__name__})."
        print(message, file=sys.stderr)
        return 1
    finally:
        store.close()
        engine.dispose()
    print(removed.report())
    return 0


def _annotations(settings: ConsoleSettings, root: Path, diff: bool) -> int:
    engine = make_engine(settings.database_url)
    try:
        migrate(engine, MIGRATIONS)
        sessions = session_factory(engine)
        with sessions() as session:
            corrections = review.corrections(session)
        result = training.export(corrections, root)
        if diff:
            print(result.diff(), end="")
        else:
            print("\n".join(result.report()))
            for path in result.write(root):
                print(f"wrote {path}")
        with sessions.begin() as session:
            accounts.audit(session, None, "export_annotations", result.summary())
    except training.ExportError as error:
        print(error, file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(f"Base de la console injoignable ({type(error).__name__}).", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


def _story(settings: ConsoleSettings, conversation: str, out: Path) -> int:
    engine = make_engine(settings.database_url)
    store = ConversationStore(settings.conversations_url)
    try:
        migrate(engine, MIGRATIONS)
        events = store.events(conversation)
        if not events:
            print("Cette conversation n’existe pas.", file=sys.stderr)
            return 2
        sessions = session_factory(engine)
        with sessions() as session:
            corrections = review.corrections(session, conversation)
        block = stories.story(conversation, events, corrections)
        existing = out.read_text(encoding="utf-8") if out.exists() else None
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(stories.with_story(existing, block), encoding="utf-8")
        with sessions.begin() as session:
            accounts.audit(session, None, "export_story", conversation[:255])
    except stories.StoryError as error:
        print(error, file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(f"Base injoignable ({type(error).__name__}).", file=sys.stderr)
        return 1
    finally:
        store.close()
        engine.dispose()
    print(f"wrote {out} ({block.splitlines()[0].strip()})")
    return 0


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
        web.run_app(create_app(settings), port=args.port or settings.port, print=None)
        return 0
    if args.command == "retention":
        return _retention(settings)
    if args.command == "annotations":
        return _annotations(settings, args.root.resolve(), args.diff)
    if args.command == "story":
        return _story(settings, args.conversation, args.out)
    engine = make_engine(settings.database_url)
    try:
        migrate(engine, MIGRATIONS)
        password, generated = _password()
        with session_factory(engine).begin() as session:
            create_agent(session, args.email, args.name, password, args.role)
    except AccountError as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"Agent créé : {args.email.strip().lower()} ({args.role}).")
    if generated:
        print(f"Mot de passe (affiché une seule fois) : {password}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
