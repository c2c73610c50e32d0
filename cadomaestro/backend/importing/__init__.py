"""The JSON import format: parsed strictly into records, or refused with the first problem
located as `file.json:LINE: json.path: what was expected`; then written to the database.

    {"customers": [{"email", "first_name", "last_name", "loyalty_points",
                    "loyalty_points_expire_on"}],
     "orders": [{"reference", "customer_email", "status", "placed_at", "paid_at"?, "shipped_at",
                 "delivered_at", "shipping_method",
                 "shipping_address": {"postcode", "city", "country"}, "tracking_number",
                 "options": {"gift_wrap", "message_card", "surprise", "return_1eur"},
                 "items": [{"sku", "name", "quantity", "unit_price_ttc", "personalised",
                            "perishable", "gift_wrap"?}],
                 "tracking_events": [{"at", "label", "place"}]}]}

Every key is required except those marked `?`; unknown keys are refused (they are typos).
Datetimes are ISO 8601 with an offset, dates YYYY-MM-DD, prices decimal strings ("19.90").
Whether an order's customer exists in the database is checked by the importer.

    located_json  JSON that remembers the line of each value
    parsers       Location, DocumentError and the generic value parsers (text, integer, obj, …)
    schema        the format's fields (CUSTOMER, ITEM, TRACKING_EVENT, ORDER, DOCUMENT)
    records       the checked data (Document, CustomerData, OrderData, …)
    reader        file → Document (parse_file, parse_text)
    importer      Document → database (import_file, import_parsed, import_document)
"""

from cadomaestro.backend.importing.importer import (
    ImportSummary,
    import_document,
    import_file,
    import_parsed,
)
from cadomaestro.backend.importing.parsers import DocumentError
from cadomaestro.backend.importing.reader import parse_file, parse_text
from cadomaestro.backend.importing.records import Document

__all__ = [
    "Document",
    "DocumentError",
    "ImportSummary",
    "import_document",
    "import_file",
    "import_parsed",
    "parse_file",
    "parse_text",
]
