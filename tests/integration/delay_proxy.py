"""An HTTP proxy in front of the order backend that a test can slow down: a real server on
localhost (aiohttp, in a thread of the test process) forwarding every request after
`delay_s` seconds."""

from __future__ import annotations

import asyncio
import threading

from aiohttp import ClientSession, web

from cadomaestro.perf.stack import free_port


class DelayProxy:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.target = ""
        self.delay_s = 0.0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        await asyncio.sleep(self.delay_s)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        async with (
            ClientSession() as session,
            session.request(
                request.method, self.target + request.path_qs, headers=headers, data=body
            ) as answer,
        ):
            return web.Response(
                status=answer.status, body=await answer.read(),
                headers={"Content-Type": answer.headers.get("Content-Type", "text/plain")},
            )  # fmt: skip

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
