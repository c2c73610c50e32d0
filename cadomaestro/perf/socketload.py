"""The same conversations as cadomaestro/perf/loadgen.py, through the widget's socket.io channel
over a WebSocket, as a browser talks to it (`make bench`'s widget figures).

A minimal Engine.IO 4 / Socket.IO 5 client on `websockets` (python-socketio's own client needs a
newer aiohttp than Rasa allows for WebSockets): open, join the default namespace, answer pings,
emit and read events. A turn lasts from `user_uttered` to the end of the typing indicator.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import websockets

from cadomaestro.perf.loadgen import Turn, TurnResult, failure_texts


class SocketConversation:
    def __init__(self, base_url: str, timeout_s: float = 120) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.ws: Any = None

    async def open(self) -> str:
        """Connect and open a new conversation; its session id."""
        url = self.base_url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        self.ws = await websockets.connect(url, origin=self.base_url, max_size=2**20)
        await self._packet("0")  # Engine.IO open
        await self.ws.send("40")  # Socket.IO connect, default namespace
        await self._packet("40")
        await self.emit("session_request", {})
        return str((await self.event("session_confirm"))["session_id"])

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def emit(self, event: str, data: Any) -> None:
        await self.ws.send("42" + json.dumps([event, data]))

    async def _packet(self, prefix: str) -> str:
        while True:
            packet = await asyncio.wait_for(self.ws.recv(), self.timeout_s)
            if packet == "2":  # ping
                await self.ws.send("3")
            elif packet.startswith(prefix):
                return str(packet)

    async def _next(self) -> tuple[str, Any]:
        name, *data = json.loads((await self._packet("42"))[2:])
        return name, data[0] if data else None

    async def event(self, name: str) -> Any:
        while True:
            got, data = await self._next()
            if got == name:
                return data

    async def say(self, text: str) -> str | None:
        """Send one message; the problem with the answer, or None."""
        await self.emit("user_uttered", {"message": text})
        texts = []
        while True:
            name, data = await self._next()
            if name == "bot_uttered":
                texts.append(str(data.get("text", "")))
            elif name == "error_message":
                return str(data.get("error"))
            elif name == "typing" and data == {"typing": False}:
                break
        if not texts:
            return "no reply"
        joined = " ".join(texts)
        return "apology" if any(failure in joined for failure in failure_texts()) else None


async def run_socket_conversation(base_url: str, name: str, turns: list[Turn]) -> list[TurnResult]:
    chat = SocketConversation(base_url)
    results = []
    try:
        await chat.open()
        for index, turn in enumerate(turns):
            started = time.perf_counter()
            try:
                error = await chat.say(turn.text)
            except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as failure:
                error = type(failure).__name__
            results.append(TurnResult(name, index, turn.kind, time.perf_counter() - started, error))
    finally:
        await chat.close()
    return results


async def run_socket_load(
    base_url: str, conversations: dict[str, list[Turn]], concurrency: int
) -> tuple[list[TurnResult], float]:
    """Run the conversations (name -> turns), `concurrency` sockets at a time; the results and
    the wall-clock seconds."""
    limit = asyncio.Semaphore(concurrency)

    async def one(name: str, turns: list[Turn]) -> list[TurnResult]:
        async with limit:
            return await run_socket_conversation(base_url, name, turns)

    started = time.perf_counter()
    done = await asyncio.gather(*(one(n, t) for n, t in conversations.items()))
    elapsed = time.perf_counter() - started
    return [result for results in done for result in results], elapsed
