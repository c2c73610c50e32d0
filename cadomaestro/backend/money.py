"""Prices as the import format and the API write them ("19.90", euros including VAT) and as the
database stores them (integer cents): no floats anywhere."""

from __future__ import annotations

import re
from decimal import Decimal

PRICE_PATTERN = re.compile(r"\d{1,7}(\.\d{1,2})?")  # up to 9 999 999.99 €: fits a 32-bit int


def cents_from_text(text: str) -> int:
    """'19.9' → 1990. Raises ValueError unless `text` is a decimal ≥ 0 with at most 2 decimals."""
    if not PRICE_PATTERN.fullmatch(text):
        raise ValueError(f"not a price: {text!r}")
    return int(Decimal(text) * 100)


def text_from_cents(cents: int) -> str:
    """1990 → '19.90'."""
    return f"{cents // 100}.{cents % 100:02d}"


def euros(cents: int) -> Decimal:
    """1990 → Decimal('19.90')."""
    return Decimal(cents) / 100
