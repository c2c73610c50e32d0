"""The console's side of « from review to better answers »: the corrections agents made
(`GET /annotations`), the same as a diff of the training data for admins
(`POST /annotations/export`, training.py), and a conversation as a test story
(`GET /conversations/{sender}/story.yml`, stories.py). Thin handlers: the pure modules run in a
worker thread; every export is written to the audit log."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from cadomaestro import paths
from cadomaestro.console import accounts, review, stories, training
from cadomaestro.console.models import ADMIN
from cadomaestro.console.views import conversation_events, in_console_db

ROOT = paths.ROOT  # the checkout the diff is computed against
MAX_SHOWN = 500
YAML = "application/yaml"


@aiohttp_jinja2.template("annotations.html")
async def corrections_page(request: web.Request) -> dict[str, Any]:
    found = await in_console_db(request, review.corrections)
    return {"corrections": found[::-1][:MAX_SHOWN], "total": len(found),
            "admin": request["agent"]["role"] == ADMIN}  # fmt: skip


def _attachment(body: str, content_type: str, name: str) -> web.Response:
    disposition = f'attachment; filename="{name}"'
    return web.Response(body=body.encode(), content_type=content_type, charset="utf-8",
                        headers={"Content-Disposition": disposition})  # fmt: skip


async def export_annotations(request: web.Request) -> web.Response:
    agent_id = request["agent"]["id"]
    if request["agent"]["role"] != ADMIN:
        raise web.HTTPForbidden(text="Réservé aux administrateurs.")
    corrections = await in_console_db(request, review.corrections)
    try:
        result = await asyncio.to_thread(training.export, corrections, ROOT)
    except training.ExportError as error:
        raise web.HTTPConflict(text=f"Export impossible : {error}") from None

    def record(session: Session) -> None:
        accounts.audit(session, agent_id, "export_annotations", result.summary())

    await in_console_db(request, record)
    return _attachment(result.diff(), "text/x-diff", "corrections.diff")


async def story(request: web.Request) -> web.Response:
    sender, events = await conversation_events(request)
    agent_id = request["agent"]["id"]
    corrections = await in_console_db(request, lambda s: review.corrections(s, sender))
    try:
        block = await asyncio.to_thread(stories.story, sender, events, corrections)
    except stories.StoryError as refused:
        raise web.HTTPConflict(text=str(refused)) from None

    def record(session: Session) -> None:
        accounts.audit(session, agent_id, "export_story", sender)

    await in_console_db(request, record)
    name = f"test_console_{stories.story_id(sender, events)}.yml"
    return _attachment(stories.story_file(block), YAML, name)


ROUTES = [
    web.get("/annotations", corrections_page),
    web.post("/annotations/export", export_annotations),
    web.get("/conversations/{sender}/story.yml", story),
]
