"""Helpers of the console's tests: a console served on localhost for a scenario, and logging
in (which gives the session's CSRF token)."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.engine import Engine

from cadomaestro.console.app import create_app
from cadomaestro.console.settings import ConsoleSettings

PASSWORD = "un mot de passe assez long"
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> ' OR 1=1 --"


def run(console_engine: Engine, settings: ConsoleSettings, scenario: Any) -> Any:
    async def main() -> Any:
        client = TestClient(TestServer(create_app(settings, console_engine)))
        await client.start_server()
        try:
            return await scenario(client)
        finally:
            await client.close()

    return asyncio.run(main())


async def log_in(client: TestClient, email: str = "agent@cadomaestro.fr") -> str:
    """Log in; the CSRF token of the session (read from a page's form)."""
    answer = await client.post(
        "/login", data={"email": email, "password": PASSWORD}, allow_redirects=False
    )
    assert answer.status == 303
    page = await (await client.get("/")).text()
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)
