"""Command line of the order backend.

    python -m cadomaestro.backend migrate             create or upgrade the schema
    python -m cadomaestro.backend seed                import the demo shop if there is no order
    python -m cadomaestro.backend import FILE         import a JSON file (all or nothing)
    python -m cadomaestro.backend serve [--host H] [--port N] [--no-demo]

Environment: ORDERS_DATABASE_URL; for serve, ORDERS_API_KEY (required, at least 16 characters),
ORDERS_API_PORT and the limits ORDERS_PROOF_LIMIT, ORDERS_KEY_LIMIT, ORDERS_LIMIT_WINDOW_S (their
defaults: the table in cadomaestro/settings.py). Read once, before anything else.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from datetime import datetime, timezone

from aiohttp import web
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from cadomaestro.backend.app import create_app
from cadomaestro.backend.database import make_engine, migrate
from cadomaestro.backend.demo import seed_demo_if_empty
from cadomaestro.backend.importing import DocumentError, import_parsed, parse_file
from cadomaestro.backend.settings import BackendSettings
from cadomaestro.settings import SettingsError

log = logging.getLogger("cadomaestro.backend")


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
        "--port",
        type=int,
        default=None,
        help=f"port (default: ORDERS_API_PORT or {BackendSettings().port})",
    )
    serve.add_argument("--no-demo", action="store_true", help="do not seed the demo shop")
    return parser


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
    settings = BackendSettings.from_env()
    if serving:
        settings.check_can_serve()
        port = settings.port if args.port is None else args.port
    if args.command == "import":
        document = parse_file(args.file)
    engine = make_engine(settings.database_url)
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
                create_app(settings, engine),
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
    except (SettingsError, DocumentError) as error:
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
