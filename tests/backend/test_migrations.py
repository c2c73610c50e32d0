"""The hand-written migrations create exactly the schema the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, MetaData, String, inspect, text
from sqlalchemy.exc import IntegrityError

from cadomaestro.backend.database import make_engine, migrate
from cadomaestro.backend.models import Base

TABLES = {
    "customers",
    "orders",
    "order_lines",
    "tracking_events",
    "loyalty_movements",
    "customer_requests",
}


def _differences(engine, metadata: MetaData) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, metadata)


def test_migrate_creates_every_table_and_records_the_revision(database_url: str) -> None:
    migrate(database_url)  # from a URL, as the CLI does
    engine = make_engine(database_url)
    try:
        assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
                ("0001",)
            ]
        migrate(engine)  # a second run is a no-op
    finally:
        engine.dispose()


def test_migrations_match_the_models(engine) -> None:
    assert _differences(engine, Base.metadata) == []


def test_the_comparison_would_see_a_difference(engine) -> None:
    """Guards the test above: a model the migrations do not know is reported."""
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["orders"].append_column(Column("gift_note", String(200)))
    differences = _differences(engine, changed)
    assert [(d[0], d[2], d[3].name) for d in differences] == [("add_column", "orders", "gift_note")]


def test_foreign_keys_are_enforced(engine) -> None:
    """Including on SQLite, where each connection must turn them on."""
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO tracking_events (order_id, at, label) "
                "VALUES (999, '2026-01-01 00:00:00', 'x')"
            )
        )
