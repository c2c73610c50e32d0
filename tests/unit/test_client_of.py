"""Whom the order backend's limits count for (actions/orders.py `client_of`)."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.orders import client_of


def tracker(metadata: dict | None) -> Tracker:
    message = {"text": "KQZPTRBWE", "metadata": metadata} if metadata is not None else {}
    return Tracker("conv-1", {}, message, [], False, None, {}, "action_listen")


@pytest.mark.parametrize(
    ("metadata", "client"),
    [({"client": "a1b2"}, "a1b2"), ({}, "conversation:conv-1"), (None, "conversation:conv-1"),
     ({"client": ""}, "conversation:conv-1")],
)  # fmt: skip
def test_client_of(metadata: dict | None, client: str) -> None:
    assert client_of(tracker(metadata)) == client
