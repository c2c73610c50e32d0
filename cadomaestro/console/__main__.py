"""`python -m cadomaestro.console serve [--port N]`: the agent console (migrates its database
first). `python -m cadomaestro.console agent --email E --name N [--role admin]`: creates an
agent, with the password read from standard input, or generated and printed once when standard
input is a terminal left empty (`make agent EMAIL=… NAME=…`)."""

from __future__ import annotations

import argparse
import getpass
import sys

from aiohttp import web

from cadomaestro.backend.database import make_engine, migrate, session_factory
from cadomaestro.console.accounts import AccountError, create_agent, new_password
from cadomaestro.console.app import MIGRATIONS, create_app
from cadomaestro.console.models import ADMIN, AGENT
from cadomaestro.console.settings import ConsoleSettings


def _password() -> tuple[str, bool]:
    """The password from standard input (a pipe, or typed), or a generated one (then True)."""
    if sys.stdin.isatty():
        typed = getpass.getpass("Mot de passe (vide : en générer un) : ")
    else:
        typed = sys.stdin.readline().rstrip("\n")
    return (typed, False) if typed else (new_password(), True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.console")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start the console")
    serve.add_argument("--port", type=int)
    agent = commands.add_parser("agent", help="create an agent")
    agent.add_argument("--email", required=True)
    agent.add_argument("--name", required=True)
    agent.add_argument("--role", choices=(AGENT, ADMIN), default=AGENT)
    args = parser.parse_args(argv)
    settings = ConsoleSettings.from_env()
    if args.command == "serve":
        web.run_app(create_app(settings), port=args.port or settings.port, print=None)
        return 0
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
