"""Command line of the order backend.

    python -m cadomaestro.backend migrate             create or upgrade the schema
    python -m cadomaestro.backend seed                import the demo shop if there is no order
    python -m cadomaestro.backend import FILE         import a JSON file (all or nothing)
    python -m cadomaestro.backend serve [--host H] [--port N] [--no-demo]

Environment: ORDERS_DATABASE_URL (default sqlite:///state/orders.db), ORDERS_API_KEY (serve; at
least 16 characters), ORDERS_API_PORT (serve; default 5060).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime, timezone

from aiohttp import web
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from cadomaestro.backend.api import DEFAULT_KEY_LIMIT, DEFAULT_PROOF_LIMIT, create_app
from cadomaestro.backend.database import database_url, make_engine, migrate
from cadomaestro.backend.demo import seed_demo_if_empty
from cadomaestro.backend.documents import DocumentError, parse_file
from cadomaestro.backend.importer import import_parsed
from cadomaestro.backend.throttle import DEFAULT_WINDOW_S

DEFAULT_PORT = 5060
MIN_API_KEY_LENGTH = 16
log = logging.getLogger("cadomaestro.backend")


class CommandError(Exception):
    """A failure to report in one line, without a traceback."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cadomaestro.backend",
        description="Order backend of the CadoMaestro assistant (database: ORDERS_DATABASE_URL).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("migrate", help="create or upgrade the database schema")
    commands.add_parser("seed", help="import the demo shop when the database has no order")
    importing = commands.add_parser("import", help="import a JSON file (all or nothing)")
    importing.add_argument("file", help="JSON file in the import format")
    serve = commands.add_parser("serve", help="run the HTTP API (needs ORDERS_API_KEY)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument(
        "--port", type=int, default=None, help=f"port (default: ORDERS_API_PORT or {DEFAULT_PORT})"
    )
    serve.add_argument("--no-demo", action="store_true", help="do not seed the demo shop")
    return parser


def _api_key() -> str:
    key = os.environ.get("ORDERS_API_KEY", "")
    if len(key) < MIN_API_KEY_LENGTH:
        state = "n'est pas définie" if not key else f"fait moins de {MIN_API_KEY_LENGTH} caractères"
        raise CommandError(
            f"ORDERS_API_KEY {state} : donnez-lui un secret d'au moins {MIN_API_KEY_LENGTH} "
            "caractères (par ex. `export ORDERS_API_KEY=$(openssl rand -hex 24)`)."
        )
    return key


def _port(given: int | None) -> int:
    if given is not None:
        return given
    value = os.environ.get("ORDERS_API_PORT", "").strip()
    if not value:
        return DEFAULT_PORT
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise CommandError(f"ORDERS_API_PORT doit être un numéro de port, pas « {value} ».")
    return int(value)


def _positive_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise CommandError(f"{name} doit être un nombre entier positif, pas « {value} ».")
    return int(value)


def _limits() -> dict[str, int]:
    """Failed attempts allowed per client (ORDERS_PROOF_LIMIT proofs, ORDERS_KEY_LIMIT API keys)
    within ORDERS_LIMIT_WINDOW_S seconds."""
    return {
        "proof_limit": _positive_int("ORDERS_PROOF_LIMIT", DEFAULT_PROOF_LIMIT),
        "key_limit": _positive_int("ORDERS_KEY_LIMIT", DEFAULT_KEY_LIMIT),
        "window_s": _positive_int("ORDERS_LIMIT_WINDOW_S", DEFAULT_WINDOW_S),
    }


def _seed(engine: Engine, report: Callable[[str], object] = print) -> None:
    summary = seed_demo_if_empty(engine, datetime.now(timezone.utc))
    report(f"Boutique de démonstration importée ({summary})." if summary else
           "La base contient déjà des commandes : pas de démonstration importée.")  # fmt: skip


def run(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    serving = args.command == "serve"
    logging.basicConfig(
        level=logging.INFO if serving else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # Check what can be checked before touching the database.
    if serving:
        api_key, port, limits = _api_key(), _port(args.port), _limits()
    if args.command == "import":
        document = parse_file(args.file)
    engine = make_engine(database_url())
    try:
        migrate(engine)
        if args.command == "seed":
            _seed(engine)
        elif args.command == "import":
            print(f"Import terminé : {import_parsed(engine, document)}.")
        elif serving:
            if not args.no_demo:
                _seed(engine, log.info)
            web.run_app(
                create_app(engine, api_key, **limits),
                host=args.host,
                port=port,
                access_log_format='%a "%r" %s %b %Tfs',
                print=lambda _: log.info("serving on http://%s:%d", args.host, port),
            )
    finally:
        engine.dispose()
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except (CommandError, DocumentError) as error:
        print(error, file=sys.stderr)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"{where}{error.strerror or error}", file=sys.stderr)
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        print(f"base de données : {type(cause).__name__}: {cause}".strip(), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
