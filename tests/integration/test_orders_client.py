"""The action server's HTTP client against real aiohttp servers on localhost that misbehave:
too slow (no retry), a dropped connection (one retry), nobody listening, a wrong answer; and
against the real order backend serving the demo shop."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from actions.orders_client import (
    BackendUnavailable,
    CustomerNotFound,
    OrderNotFound,
    OrdersClient,
)
from cadomaestro.rules.orders import OrderStatus
from tests.conftest import free_port


async def serve(handler) -> tuple[web.AppRunner, str]:
    app = web.Application()
    app.router.add_post("/v1/orders/lookup", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}"


@pytest.mark.asyncio
async def test_a_slow_backend_times_out_without_a_retry() -> None:
    calls = []

    async def slow(request: web.Request) -> web.Response:
        calls.append(1)
        await asyncio.sleep(2)
        return web.json_response({})

    runner, url = await serve(slow)
    client = OrdersClient(url, "k" * 20, timeout_s=0.3)
    try:
        with pytest.raises(BackendUnavailable):
            await client.find_order("KQZPTRBWE", "69003")
        assert len(calls) == 1
    finally:
        await client.close()
        await runner.cleanup()


@pytest.mark.asyncio
async def test_a_dropped_connection_is_retried_once() -> None:
    calls = []

    async def drops_first(request: web.Request) -> web.StreamResponse:
        calls.append(await request.json())
        if len(calls) == 1:
            request.transport.close()  # the connection dies without an answer
            return web.Response()
        return web.json_response({"error": "order_not_found", "message": "…"}, status=404)

    runner, url = await serve(drops_first)
    client = OrdersClient(url, "k" * 20, timeout_s=2)
    try:
        with pytest.raises(OrderNotFound):
            await client.find_order("KQZPTRBWE", "claire.martin@example.fr")
        assert len(calls) == 2
        assert calls[0] == {"reference": "KQZPTRBWE", "email": "claire.martin@example.fr"}
    finally:
        await client.close()
        await runner.cleanup()


@pytest.mark.asyncio
async def test_nobody_listening_and_an_unexpected_answer_are_unavailable() -> None:
    client = OrdersClient(f"http://127.0.0.1:{free_port()}", "k" * 20, timeout_s=1)
    with pytest.raises(BackendUnavailable):
        await client.find_order("KQZPTRBWE", "69003")
    await client.close()

    async def broken(request: web.Request) -> web.Response:
        return web.Response(status=500, text="<html>oops</html>")

    runner, url = await serve(broken)
    client = OrdersClient(url, "k" * 20, timeout_s=1)
    try:
        with pytest.raises(BackendUnavailable):
            await client.find_order("KQZPTRBWE", "69003")
    finally:
        await client.close()
        await runner.cleanup()


# The client against the real order backend (the demo shop, as `make run` serves it).
CLAIRE = "claire.martin@example.fr"


@pytest.mark.asyncio
async def test_a_customers_account_from_the_real_backend(orders_backend) -> None:
    client = OrdersClient(orders_backend.url, orders_backend.api_key, timeout_s=5)
    try:
        account = await client.customer_account(CLAIRE, limit=5, client="it-client")
        assert [(o.reference, o.status) for o in account.orders] == [
            ("KQZPTRBWE", OrderStatus.PAIEMENT_ACCEPTE),  # placed an hour before the seeding
            ("BTRXQWMPL", OrderStatus.EN_ATTENTE_DE_PAIEMENT),  # three hours before
            ("DFGTRHYJK", OrderStatus.LIVRE),  # 121 days before
        ]
        placed = [o.placed_at for o in account.orders]
        assert placed == sorted(placed, reverse=True) and all(p.tzinfo for p in placed)
        assert account.loyalty.points == 1350 and account.loyalty.expires_on is not None
        # every order offered is found by its reference with the customer's e-mail as proof
        for offered in account.orders:
            assert (
                await client.find_order(offered.reference, CLAIRE)
            ).reference == offered.reference
        # the e-mail whatever its case, and the number of orders asked for
        fewer = await client.customer_account(" Claire.Martin@Example.FR", limit=2)
        assert [o.reference for o in fewer.orders] == ["KQZPTRBWE", "BTRXQWMPL"]
        lucas = await client.customer_account("lucas.moreau@example.fr", limit=5)
        assert [o.reference for o in lucas.orders] == ["PLKMJNHBG", "NBVCXWQSD"]
        assert lucas.loyalty.points == 2100
    finally:
        await client.close()


@pytest.mark.asyncio
async def test_an_unknown_customer_and_a_refused_call(orders_backend) -> None:
    client = OrdersClient(orders_backend.url, orders_backend.api_key, timeout_s=5)
    try:
        with pytest.raises(CustomerNotFound):
            await client.customer_account("nouveau.client@example.fr", limit=5)
        with pytest.raises(BackendUnavailable):  # 400: the backend refuses the limit
            await client.customer_account(CLAIRE, limit=0)
    finally:
        await client.close()
