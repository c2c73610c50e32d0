"""What the customer gets when something behind the channel fails: an apology with customer
service's contacts, once, and the conversation goes on.

Rasa 3.6 has no hook for a failing action server: its processor logs the error (with a stack
trace), drops the action's events and predicts again, which with our rules ends in the core
fallback repeated up to ten times, or in silence. `install()` wraps `RemoteAction.run` (custom
actions and form validations alike) so that a connection that fails is tried once more, and a
failure, or an answer slower than ACTION_TIMEOUT_S, becomes the apology and the turn ends
there. The channels call `install()` when Rasa loads them (cadomaestro.channels.base), and answer
`apology_messages` instead when the whole turn failed: an exception, or the conversation that
could not be read or saved (`mark_turn_failed`).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from typing import Any

import aiohttp
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, FollowupAction, SlotSet
from rasa.shared.exceptions import RasaException

log = logging.getLogger(__name__)

APOLOGY_RESPONSES = ("utter_service_indisponible", "utter_parler_humain")

# Whether this turn (one message, handled in one task) has apologised already: a form calls its
# validation action more than once per turn, and the customer should read the apology once.
_apologised: contextvars.ContextVar[bool] = contextvars.ContextVar("apologised", default=False)
# Whether the conversation could not be read or saved this turn (tracker_store.py).
_turn_failed: contextvars.ContextVar[bool] = contextvars.ContextVar("turn_failed", default=False)


def new_turn() -> None:
    """Forget an earlier turn's failure and apology (a keep-alive connection's requests share
    one task, and so these flags)."""
    _turn_failed.set(False)
    _apologised.set(False)


def mark_turn_failed() -> None:
    _turn_failed.set(True)


def turn_failed() -> bool:
    return _turn_failed.get()


def apology_messages(domain: Domain, recipient_id: str) -> list[dict[str, Any]]:
    """The apology as a channel sends it, for a turn that failed as a whole (one bubble per
    paragraph, as Rasa sends responses)."""
    texts = []
    for name in APOLOGY_RESPONSES:
        variations = domain.responses.get(name) or [{}]
        texts += [part for part in str(variations[0].get("text", "")).split("\n\n") if part]
    return [{"recipient_id": recipient_id, "text": text} for text in texts]


def _slots_under_validation(tracker: Any, form: str) -> list[str]:
    """The slots a form asks its validation action to check: those set after the form's
    ActionExecuted in the temporary tracker Rasa builds for the validation."""
    names: list[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name == form:
            break
        if isinstance(event, SlotSet) and event.key != "requested_slot":
            names.append(event.key)
    return names


async def _apology(output_channel: Any, nlg: Any, tracker: Any) -> list[Event]:
    if _apologised.get():
        return []
    _apologised.set(True)
    events: list[Event] = []
    for name in APOLOGY_RESPONSES:
        response = await nlg.generate(name, tracker, output_channel.name())
        if response:
            events.append(create_bot_utterance(response))
    return events


def install(action_timeout_s: float) -> None:
    """Wrap RemoteAction.run once per process (idempotent): an action slower than
    `action_timeout_s` seconds, or failing, becomes the apology."""
    original = RemoteAction.run
    if getattr(original, "apologises", False):
        return

    async def run_once(
        self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> list[Event]:
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except RasaException as error:
            # A connection that failed (Rasa opens one per call; under load the action server
            # may drop some): once more, as the order client does. Never after a timeout or an
            # HTTP error, which the action server may have processed.
            if not isinstance(error.__context__, aiohttp.ClientConnectionError):
                raise
            log.warning("custom action %s: connection failed, retrying", self.name())
            return await original(self, output_channel, nlg, tracker, domain)

    async def run(self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any):
        try:
            return await asyncio.wait_for(
                run_once(self, output_channel, nlg, tracker, domain), action_timeout_s
            )
        except ActionExecutionRejection:
            raise
        except (RasaException, asyncio.TimeoutError) as error:
            # The action's name and the error's type only: messages may quote the customer.
            log.error("custom action %s failed: %s", self.name(), type(error).__name__)
            events = await _apology(output_channel, nlg, tracker)
            if self.name().startswith("validate_"):
                # Nothing unchecked is kept: the form asks for its slot again.
                form = self.name().removeprefix("validate_")
                return events + [SlotSet(s, None) for s in _slots_under_validation(tracker, form)]
            return events + [FollowupAction("action_listen")]

    run.apologises = True  # type: ignore[attr-defined]
    RemoteAction.run = run  # type: ignore[method-assign]
