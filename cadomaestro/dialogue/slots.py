"""Slot names shared by the dialogue (actions/respond.py) and the NLU (which reads what the
assistant waits for before reading a message as a follow-up)."""

from __future__ import annotations

# What the assistant's last message asked for (actions/conversation.py `Awaiting`); empty when
# it waits for nothing precise.
AWAITING = "attente"
