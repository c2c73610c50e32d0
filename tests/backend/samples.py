"""Test data for the order backend."""

from __future__ import annotations

from datetime import datetime, timezone

API_KEY = "test-api-key-0123456789"
NOW = datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)  # a Wednesday, 11:30 in Paris

# The import format's example, exactly as documented.
EXAMPLE = """\
{"customers": [{"email": "claire.martin@example.fr", "first_name": "Claire", "last_name": "Martin",
                "loyalty_points": 1350, "loyalty_points_expire_on": "2027-06-30"}],
 "orders": [{"reference": "KQZPTRBWE", "customer_email": "claire.martin@example.fr",
             "status": "paiement_accepte", "placed_at": "2026-11-20T15:42:00+01:00",
             "shipped_at": null, "delivered_at": null,
             "shipping_method": "colissimo_domicile",
             "shipping_address": {"postcode": "69003", "city": "Lyon", "country": "FR"},
             "tracking_number": null,
             "options": {"gift_wrap": false, "message_card": false, "surprise": false, "return_1eur": false},
             "items": [{"sku": "MUG-PERSO", "name": "Mug personnalisé", "quantity": 1,
                        "unit_price_ttc": "19.90", "personalised": true, "perishable": false}],
             "tracking_events": [{"at": "2026-11-21T09:10:00+01:00", "label": "Colis pris en charge", "place": "Veauche"}]}]}
"""  # noqa: E501


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The line (1-based) of the `occurrence`-th `needle` in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1
