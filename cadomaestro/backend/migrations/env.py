"""Alembic environment: runs on the connection `database.migrate` hands over, or on
ORDERS_DATABASE_URL when Alembic is driven from its own command line."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from cadomaestro.backend.database import make_engine
from cadomaestro.backend.models import Base
from cadomaestro.backend.settings import BackendSettings


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    url = context.config.get_main_option("sqlalchemy.url")
    engine = make_engine(url or BackendSettings.from_env().database_url)
    try:
        with engine.begin() as connection:
            run_migrations(connection)
    finally:
        engine.dispose()
