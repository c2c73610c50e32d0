"""Slot names shared by the dialogue (actions/respond.py) and the NLU (which reads what the
assistant waits for before reading a message as a follow-up)."""

from __future__ import annotations

# What the assistant's last message asked for (actions/conversation.py `Awaiting`); empty when
# it waits for nothing precise.
AWAITING = "attente"
# Two of its values (actions/conversation.py `Awaiting`) under which a short question may still
# follow up on the previous message: the reference asked for, or the offer to check an order.
AWAITING_REFERENCE = "reference"
AWAITING_ORDER_OFFER = "offre_verification"
FOLLOW_UPS_WHILE_AWAITING = frozenset({AWAITING_REFERENCE, AWAITING_ORDER_OFFER})
