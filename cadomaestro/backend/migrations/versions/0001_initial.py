"""Initial schema: customers, orders, order lines, tracking events, loyalty movements and
customer requests.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Datetimes are stored in UTC (models.UtcDateTime); money in integer cents.
UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("loyalty_points", sa.Integer(), nullable=False),
        sa.Column("loyalty_points_expire_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_customers"),
        sa.UniqueConstraint("email", name="uq_customers_email"),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(9), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("placed_at", UTC_DATETIME, nullable=False),
        sa.Column("paid_at", UTC_DATETIME, nullable=True),
        sa.Column("shipped_at", UTC_DATETIME, nullable=True),
        sa.Column("delivered_at", UTC_DATETIME, nullable=True),
        sa.Column("shipping_method", sa.String(32), nullable=False),
        sa.Column("shipping_postcode", sa.String(16), nullable=False),
        sa.Column("shipping_city", sa.String(100), nullable=False),
        sa.Column("shipping_country", sa.String(2), nullable=False),
        sa.Column("tracking_number", sa.String(64), nullable=True),
        sa.Column("option_gift_wrap", sa.Boolean(), nullable=False),
        sa.Column("option_message_card", sa.Boolean(), nullable=False),
        sa.Column("option_surprise", sa.Boolean(), nullable=False),
        sa.Column("option_return_1eur", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_orders_customer_id_customers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_orders"),
        sa.UniqueConstraint("reference", name="uq_orders_reference"),
    )
    op.create_index("ix_orders_customer_id", "orders", ["customer_id"])
    op.create_table(
        "order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_cents", sa.Integer(), nullable=False),
        sa.Column("personalised", sa.Boolean(), nullable=False),
        sa.Column("perishable", sa.Boolean(), nullable=False),
        sa.Column("gift_wrap", sa.Boolean(), nullable=False),
        sa.CheckConstraint("quantity >= 1", name="ck_order_lines_quantity_positive"),
        sa.CheckConstraint("unit_price_cents >= 0", name="ck_order_lines_price_not_negative"),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name="fk_order_lines_order_id_orders",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_order_lines"),
        sa.UniqueConstraint("order_id", "position", name="uq_order_lines_order_id"),
    )
    op.create_table(
        "tracking_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("place", sa.String(100), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name="fk_tracking_events_order_id_orders",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_tracking_events"),
    )
    op.create_index("ix_tracking_events_order_id", "tracking_events", ["order_id"])
    op.create_table(
        "loyalty_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name="fk_loyalty_movements_customer_id_customers",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name="fk_loyalty_movements_order_id_orders",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_loyalty_movements"),
    )
    op.create_index("ix_loyalty_movements_customer_id", "loyalty_movements", ["customer_id"])
    op.create_index("ix_loyalty_movements_order_id", "loyalty_movements", ["order_id"])
    op.create_table(
        "customer_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(320), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("attachments", sa.Text(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name="fk_customer_requests_order_id_orders"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_customer_requests"),
    )
    op.create_index("ix_customer_requests_order_id", "customer_requests", ["order_id"])
    op.create_index(
        "ix_customer_requests_conversation_id", "customer_requests", ["conversation_id"]
    )


def downgrade() -> None:
    op.drop_table("customer_requests")
    op.drop_table("loyalty_movements")
    op.drop_table("tracking_events")
    op.drop_table("order_lines")
    op.drop_table("orders")
    op.drop_table("customers")
