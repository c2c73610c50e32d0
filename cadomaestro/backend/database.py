"""How to connect to the order database and how to bring its schema up to date.

The URL (settings.py: `ORDERS_DATABASE_URL`) is any SQLAlchemy URL: an SQLite file by default,
PostgreSQL in production (`postgresql://user:password@host:5432/orders`). Migrations are the
Alembic scripts in `migrations/`, run programmatically: no alembic.ini is needed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
POSTGRES_CONNECT_TIMEOUT_S = 5


def _create_sqlite_folder(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def make_engine(url: str) -> Engine:
    """An engine for `url`. SQL parameters never appear in error messages (they hold personal
    data). SQLite gets foreign keys and real transactions (DDL included); PostgreSQL a connect
    timeout, so an unreachable server fails fast, and UTC as its session's time zone."""
    _create_sqlite_folder(url)
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    connect_args: dict[str, object] = {}
    if backend == "sqlite":
        connect_args["check_same_thread"] = False  # sessions run in a thread pool
    elif parsed.drivername in ("postgresql", "postgresql+psycopg2"):
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_S
        connect_args["options"] = "-c timezone=UTC"  # times read back in UTC, as SQLite's
    engine = create_engine(
        url, future=True, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args
    )
    if backend == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    # The SQLAlchemy recipe: let SQLAlchemy, not the sqlite3 module, emit BEGIN, so that every
    # transaction (DDL included) is all or nothing; and turn foreign keys on for each connection.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    # IMMEDIATE: a transaction takes the write lock when it starts, waiting for it (the sqlite3
    # module's 5 s timeout) instead of failing with "database is locked" when a transaction that
    # has read must then write while another writes (seen under `make bench`'s load).
    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker:
    """Sessions bound to `engine`; objects stay readable after commit."""
    return sessionmaker(bind=engine, class_=Session, future=True, expire_on_commit=False)


def alembic_config(migrations: Path = MIGRATIONS) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    return config


def migrate(url_or_engine: str | Engine, migrations: Path = MIGRATIONS) -> None:
    """Bring the schema to the latest migration (`alembic upgrade head`) of `migrations` (the
    order backend's by default; the agent console has its own)."""
    engine = make_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
    try:
        config = alembic_config(migrations)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        if isinstance(url_or_engine, str):
            engine.dispose()
