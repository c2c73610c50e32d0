"""The dashboard (`GET /dashboard`) and its CSV exports (`GET /dashboard/{table}.csv`): thin
views over dashboard.py (what the page and the CSV hold), every export written to the audit log.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from cadomaestro.console import accounts
from cadomaestro.console.analytics import Period, rate
from cadomaestro.console.conversations import CHANNEL_TITLES
from cadomaestro.console.dashboard import (
    Loaded,
    choose,
    csv_body,
    day_text,
    delivery_sections,
    query_of,
    read,
    sections,
    show,
    tables,
)
from cadomaestro.console.keys import CONVERSATIONS
from cadomaestro.console.models import now
from cadomaestro.console.store import MAX_CONVERSATIONS, UNREADABLE
from cadomaestro.console.views import in_console_db, shown_since


async def _read(request: web.Request) -> tuple[Period, str, tuple[str, ...], Loaded]:
    oldest = shown_since(request, None).date()
    period, channel, notes = choose(request.query, now().date(), oldest)
    reading = await asyncio.to_thread(read, request.app[CONVERSATIONS], period, channel)
    return period, channel, notes, reading


# -- Views ---------------------------------------------------------------------------------


@aiohttp_jinja2.template("dashboard.html")
async def dashboard(request: web.Request) -> dict[str, Any]:
    period, channel, notes, reading = await _read(request)
    found = reading.figures
    return {
        "period": period,
        "channel": channel,
        "channel_title": CHANNEL_TITLES.get(channel, channel),
        "query": query_of(period, channel),
        "figures": found,
        "containment": rate(found.contained, found.conversations) if found else None,
        "sections": sections(found, channel) if found else [],
        "delivery": delivery_sections(found) if found else [],
        "delivery_note": reading.delivery_note,
        "error": reading.error,
        "capped": reading.capped,
        "max_conversations": MAX_CONVERSATIONS,
        "notes": notes,
        "show": show,
        "day_text": day_text,
    }


async def export(request: web.Request) -> web.StreamResponse:
    slug = request.match_info["table"]
    period, channel, _, reading = await _read(request)
    if reading.figures is None:
        raise web.HTTPServiceUnavailable(text=reading.error or UNREADABLE)
    table = tables(reading.figures, channel).get(slug)
    if table is None:
        raise web.HTTPNotFound(text="Ce tableau n’existe pas.")
    agent_id = request["agent"]["id"]
    await in_console_db(request, lambda s: accounts.audit(s, agent_id, "export_csv", slug))
    name = f"cadomaestro-{slug}-{period.since.isoformat()}-{period.until.isoformat()}"
    name += f"-{channel}.csv" if channel else ".csv"
    return web.Response(
        body=csv_body(table),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


ROUTES = [
    web.get("/dashboard", dashboard),
    web.get(r"/dashboard/{table:[a-z_]+}.csv", export),
]
