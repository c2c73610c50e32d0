"""Agents' review of a conversation through the console (cadomaestro/console/review.py and its
views): reviewed mark, tags, notes, flags and corrections of a message's meaning, kept with who
did them, audited, found again by the list's filters and taken off the to-do list — on SQLite and
PostgreSQL, through a real HTTP server on localhost."""

from __future__ import annotations

import asyncio
import dataclasses
import time

from aiohttp.test_utils import TestClient
from markupsafe import escape
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import select

from cadomaestro.backend.database import session_factory
from cadomaestro.console.models import AuditEntry
from cadomaestro.console.review import corrections
from cadomaestro.server.tracker_store import SQLTrackerStore
from tests.console.support import HOSTILE, log_in, run

PAGE = "/conversations/web:hostile"
AGENT = "agent@cadomaestro.fr"
ESCAPED = str(escape(HOSTILE))  # as Jinja2 escapes it


async def change(client: TestClient, csrf: str, **form: str) -> tuple[int, str]:
    answer = await client.post(f"{PAGE}/review", data={"csrf": csrf, **form})
    return answer.status, await answer.text()


async def listed(client: TestClient, query: str) -> bool:
    page = await (await client.get(f"/?{query}")).text()
    return 'href="/conversations/web%3Ahostile"' in page


def test_reviewed_tags_and_notes(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        csrf = await log_in(client)
        assert not await listed(client, "reviewed=yes") and await listed(client, "reviewed=no")
        status, page = await change(client, csrf, what="reviewed")
        assert status == 200 and "Revue par Agnès" in page
        assert await listed(client, "reviewed=yes") and not await listed(client, "reviewed=no")
        status, page = await change(client, csrf, what="tag", tag="  Colis   ABÎMÉ ")
        assert "colis abîmé" in page
        assert await listed(client, "tag=colis+ab%C3%AEm%C3%A9")
        assert not await listed(client, "tag=urgent")
        assert '<option value="colis abîmé">' in await (await client.get("/")).text()
        status, page = await change(client, csrf, what="untag", tag="colis abîmé")
        assert not await listed(client, "tag=colis+ab%C3%AEm%C3%A9")
        status, page = await change(client, csrf, what="note", note=HOSTILE)
        assert ESCAPED in page and HOSTILE not in page
        status, page = await change(client, csrf, what="note", note="   ")
        assert status == 400 and "La note est vide." in page
        status, page = await change(client, csrf, what="unreviewed")
        assert "Pas encore revue" in page
        assert (await change(client, csrf, what="supprimer"))[0] == 400

    run(console_engine, settings, scenario)
    with session_factory(console_engine)() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert [a for a in actions if a not in ("login", "open_transcript")] == [
        "review", "tag", "untag", "note", "unreview"]  # fmt: skip


def test_flags_and_corrections(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        csrf = await log_in(client)
        page = await (await client.get("/todo")).text()
        assert ESCAPED in page  # greet at 0.4: understood poorly
        status, page = await change(client, csrf, what="flag", index="0")
        assert status == 200 and "signalé par Agnès" in page
        status, page = await change(client, csrf, what="correct", index="0", label="faq/inconnu")
        assert status == 400 and "Sujet ou intention inconnu" in page
        assert "<details open>" in page and 'value="faq/inconnu"' in page  # typed, kept
        status, page = await change(client, csrf, what="correct", index="0",
                                    label="faq/pays_livraison")  # fmt: skip
        assert status == 200 and "Corrigé en <strong>Pays de livraison (faq/pays_livraison)" in page
        assert ESCAPED not in await (await client.get("/todo")).text()
        status, page = await change(client, csrf, what="correct", index="0",
                                    proposed="Cartes cadeaux")  # fmt: skip
        assert "nouveau sujet proposé : « Cartes cadeaux »" in page
        status, page = await change(client, csrf, what="correct", index="0", label="out_of_scope")
        assert "Corrigé en <strong>Hors sujet (out_of_scope)" in page
        assert (await change(client, csrf, what="flag", index="3"))[0] == 404
        assert (await change(client, csrf, what="flag", index="-1"))[0] == 404
        status, page = await change(client, csrf, what="unflag", index="0")
        assert "signalé par" not in page
        forged = await client.post(f"{PAGE}/review", data={"what": "reviewed"})
        assert forged.status == 403

    run(console_engine, settings, scenario)
    with session_factory(console_engine)() as session:
        found = corrections(session)
        assert [(c.conversation_id, c.message_index, c.text, c.predicted, c.label,
                 c.proposed_topic, c.agent) for c in found] == [
            ("web:hostile", 0, HOSTILE, "greet", "out_of_scope", None, AGENT)]  # fmt: skip
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("correct") == 3 and "flag" in actions and "unflag" in actions


def test_an_unknown_conversation_cannot_be_changed(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        csrf = await log_in(client)
        answer = await client.post(
            "/conversations/web:nobody/review", data={"csrf": csrf, "what": "reviewed"}
        )
        assert answer.status == 404

    run(console_engine, settings, scenario)


def test_conversations_beyond_the_retention_are_not_shown(console_engine, settings) -> None:
    """The store may still hold a conversation older than RETENTION_DAYS (its retention runs
    elsewhere): the console shows it nowhere."""
    path = settings.conversations_url.removeprefix("sqlite:///")
    store = SQLTrackerStore(Domain.empty(), db=path, dialect="sqlite")
    old = time.time() - 91 * 24 * 3600
    tracker = DialogueStateTracker.from_events(
        "web:old", [UserUttered("zorglub ancien", {"name": "greet", "confidence": 0.1},
                                timestamp=old)]
    )  # fmt: skip
    asyncio.run(store.save(tracker))
    kept = dataclasses.replace(settings, retention_days=90)

    async def scenario(client: TestClient) -> None:
        await log_in(client)
        assert "web%3Aold" not in await (await client.get("/?since=2020-01-01")).text()
        assert "zorglub ancien" not in await (await client.get("/todo?since=2020-01-01")).text()
        assert (await client.get("/conversations/web:old")).status == 404
        assert (await client.get(PAGE)).status == 200

    run(console_engine, kept, scenario)


def test_odd_input_and_two_agents_at_once_are_no_error(console_engine, settings) -> None:
    """Control characters (NUL, which PostgreSQL refuses), a tag longer once lower-cased, and two
    agents making the same change at the same moment (both find nothing, both insert)."""

    async def scenario(client: TestClient) -> None:
        csrf = await log_in(client)
        status, page = await change(client, csrf, what="tag", tag="İ" * 40 + "\x00")
        assert status == 200 and "i̇" * 20 in page
        status, page = await change(client, csrf, what="note", note="avant\x00après")
        assert status == 200 and "avantaprès" in page
        for form in ({"what": "reviewed"}, {"what": "flag", "index": "0"},
                     {"what": "tag", "tag": "doublon"},
                     {"what": "correct", "index": "0", "label": "greet"}):  # fmt: skip
            answers = await asyncio.gather(
                *(client.post(f"{PAGE}/review", data={"csrf": csrf, **form}) for _ in range(4))
            )
            assert [a.status for a in answers] == [200] * 4, form

    run(console_engine, settings, scenario)


def test_errors_are_french_pages_with_the_security_headers(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        csrf = await log_in(client)
        missing = await client.get("/conversations/web:personne")
        assert missing.status == 404 and "Cette conversation n’existe pas." in await missing.text()
        assert "default-src 'self'" in missing.headers["Content-Security-Policy"]
        assert missing.headers["Cache-Control"] == "no-store"
        nowhere = await client.get("/nulle/part")
        assert nowhere.status == 404 and "Cette page n’existe pas." in await nowhere.text()
        unreadable = await client.post(
            f"{PAGE}/review", data=b"csrf=" + csrf.encode() + b"&what=note&note=\xff\xfe",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        assert unreadable.status == 400 and "Formulaire illisible." in await unreadable.text()
        bogus = await client.post(
            "/login", data=b"email=a", headers={"Content-Type": "multipart/form-data; charset=x"}
        )
        assert bogus.status == 400

    run(console_engine, settings, scenario)
