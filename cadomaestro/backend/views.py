"""The API's handlers, thin: parse the request (payloads), call one service function in a worker
thread, describe the result (serialize). Errors are raised, and answered by middlewares.py."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, TypeVar

from aiohttp import web
from sqlalchemy.orm import Session

from cadomaestro.backend import payloads, service
from cadomaestro.backend.keys import OPENAPI, SESSIONS
from cadomaestro.backend.responses import json_response
from cadomaestro.backend.serialize import (
    customer_to_dict,
    loyalty_to_dict,
    order_to_dict,
    request_to_dict,
)

T = TypeVar("T")


async def in_database(request: web.Request, work: Callable[[Session], T]) -> T:
    """Run `work` in one transaction, in a worker thread (database calls block: never on the
    event loop)."""
    sessions = request.app[SESSIONS]

    def run() -> T:
        with sessions() as session, session.begin():
            return work(session)

    return await asyncio.get_running_loop().run_in_executor(None, run)


async def _body(request: web.Request) -> dict[str, Any]:
    return payloads.json_object(await request.read())


async def health(request: web.Request) -> web.Response:
    await in_database(request, service.check_database)
    return json_response({"status": "ok"})


async def openapi(request: web.Request) -> web.Response:
    return json_response(request.app[OPENAPI])


async def lookup_order(request: web.Request) -> web.Response:
    proof = payloads.proof(await _body(request))
    order = await in_database(
        request, lambda session: order_to_dict(service.owned_order(session, proof))
    )
    return json_response({"order": order})


async def lookup_loyalty(request: web.Request) -> web.Response:
    proof = payloads.proof(await _body(request))
    loyalty = await in_database(
        request, lambda session: loyalty_to_dict(service.owned_order(session, proof).customer)
    )
    return json_response({"loyalty": loyalty})


async def lookup_customer(request: web.Request) -> web.Response:
    """A customer's recent orders and points, by e-mail alone: no proof, because the caller (the
    assistant, holding the API key) vouches for the e-mail, which the chat channel took from a
    token the shop's site signed for the logged-in customer."""
    lookup = payloads.customer_lookup(await _body(request))

    def work(session: Session) -> dict[str, Any]:
        return customer_to_dict(*service.customer_with_recent_orders(session, lookup))

    return json_response({"customer": await in_database(request, work)})


async def post_request(request: web.Request) -> web.Response:
    new = payloads.new_request(await _body(request))

    def work(session: Session) -> dict[str, Any]:
        created = service.create_request(session, new, now=datetime.now(timezone.utc))
        return request_to_dict(created)

    return json_response({"request": await in_database(request, work)}, status=201)


async def get_requests(request: web.Request) -> web.Response:
    reference, conversation_id = payloads.request_filter(request.query)

    def work(session: Session) -> list[dict[str, Any]]:
        found = service.list_requests(session, reference=reference, conversation_id=conversation_id)
        return [request_to_dict(r) for r in found]

    return json_response({"requests": await in_database(request, work)})
