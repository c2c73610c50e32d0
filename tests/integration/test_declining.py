"""Out-of-scope messages through the dialogue (cadomaestro/evaluation/declining.py), against
the real servers and the trained model: what `make eval` counts as answered with a topic."""

from __future__ import annotations

import asyncio

from cadomaestro.evaluation.declining import DecliningResult, replay_messages


def test_what_the_customer_gets_is_counted_per_message(assistant) -> None:
    declined = ["la fnac est ouverte le dimanche ?", "quelle est la capitale de l'australie"]
    answered = ["vous livrez en belgique ?", "mon colis n'est jamais arrivé"]
    for messages, expected in ((declined, 0), (answered, 2), (declined + answered, 2)):
        result = asyncio.run(replay_messages(assistant.rest_url, messages))
        assert result == DecliningResult(len(messages), expected), messages
