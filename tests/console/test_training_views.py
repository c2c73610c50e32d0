"""The console's exports (cadomaestro/console/training_views.py) through a real HTTP server, on
SQLite and PostgreSQL: the corrections page for every agent, the training-data diff for admins
only (CSRF-checked), a conversation's test story; each export in the audit log."""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path

import pytest
import yaml
from aiohttp.test_utils import TestClient
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import select
from sqlalchemy.engine import Engine

from cadomaestro.backend.database import session_factory
from cadomaestro.console import review, training_views
from cadomaestro.console.__main__ import main
from cadomaestro.console.models import Agent, AuditEntry
from cadomaestro.console.settings import ConsoleSettings
from cadomaestro.server.tracker_store import SQLTrackerStore
from tests.console.support import HOSTILE, log_in, run
from tests.console.tiny_repo import make_root

ADMIN = "admin@cadomaestro.fr"


@pytest.fixture
def console(console_engine: Engine, settings: ConsoleSettings, tmp_path: Path, monkeypatch):
    """The console's database with two corrections, a conversation the assistant did not
    understand beside settings' hostile one, and the diff computed on a small checkout."""
    monkeypatch.setattr(training_views, "ROOT", make_root(tmp_path / "repo"))
    store = SQLTrackerStore(Domain.empty(), db=str(tmp_path / "conversations.db"), dialect="sqlite")
    tracker = DialogueStateTracker.from_events("web:incompris", [
        UserUttered("livraison", {"name": "nlu_fallback", "confidence": 0.4}),
        ActionExecuted("action_respond"),
    ])  # fmt: skip
    asyncio.run(store.save(tracker))
    with session_factory(console_engine).begin() as session:
        agent = session.scalar(select(Agent.id).where(Agent.email == "agent@cadomaestro.fr"))
        review.correct(session, agent, "web:hostile", 0, HOSTILE, "greet", "goodbye")
        review.correct(session, agent, "web:autre", 2, "le livreur est passé, j’étais au travail",
                       "nlu_fallback", "faq/absence_livraison")  # fmt: skip
        review.correct(session, agent, "web:autre", 3, "vous vendez des vélos ?", "nlu_fallback",
                       proposed_topic="Vente de vélos")  # fmt: skip
    return console_engine, settings


def audit(engine: Engine, action: str) -> list[tuple[str | None, str | None]]:
    with session_factory(engine)() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == action))
        return [(e.agent.email if e.agent else None, e.target) for e in entries]


def test_the_exports_need_a_session(console) -> None:
    async def scenario(client: TestClient) -> None:
        for method, path in [("GET", "/annotations"), ("POST", "/annotations/export"),
                             ("GET", "/conversations/web:hostile/story.yml")]:  # fmt: skip
            answer = await client.request(method, path, allow_redirects=False)
            # (a page asked for may come back after the login: `/login?next=…`)
            login = answer.headers["Location"].partition("?")[0]
            assert answer.status == 303 and login == "/login", path

    run(*console, scenario)


def test_agents_read_the_corrections_and_only_admins_download_them(console) -> None:
    engine, _ = console

    async def scenario(client: TestClient) -> None:
        csrf = await log_in(client)
        page = await client.get("/annotations")
        text = await page.text()
        assert page.status == 200 and "<caption>3 corrections</caption>" in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert" not in text
        assert "Au revoir (goodbye)" in text and "Nouveau sujet proposé" in text
        assert "Vente de vélos" in text and "agent@cadomaestro.fr" in text
        assert "Non compris (nlu_fallback)" in text and "/annotations/export" not in text
        refused = await client.post("/annotations/export", data={"csrf": csrf})
        assert refused.status == 403
        client.session.cookie_jar.clear()
        csrf = await log_in(client, ADMIN)
        page = await (await client.get("/annotations")).text()
        assert "Télécharger les corrections (diff)" in page
        assert re.search(r'<form class="export" method="post" action="/annotations/export"', page)
        forged = await client.post("/annotations/export", data={"csrf": "x" * 43})
        assert forged.status == 403
        answer = await client.post("/annotations/export", data={"csrf": csrf})
        diff = await answer.text()
        assert answer.status == 200 and answer.content_type == "text/x-diff"
        assert answer.headers["Content-Disposition"] == 'attachment; filename="corrections.diff"'
        assert "+- le livreur est passé, j’étais au travail\n" in diff
        assert "--- /dev/null\n+++ b/data/nlu/corrections.yml\n" in diff
        assert "« Vente de vélos » (1 message(s))" in diff

    run(*console, scenario)
    assert audit(engine, "export_annotations") == [
        (ADMIN, "exemples ajoutés : 2, écartés : 0, sujets proposés : 1")
    ]


def test_without_an_evaluation_set_the_download_is_refused(console) -> None:
    """A console deployed without tests/heldout/: its messages could be trained on, so no diff
    but the reason, in French (409, training_views' answer to ExportError)."""
    engine, _ = console
    shutil.rmtree(training_views.ROOT / "tests" / "heldout")

    async def scenario(client: TestClient) -> None:
        csrf = await log_in(client, ADMIN)
        answer = await client.post("/annotations/export", data={"csrf": csrf})
        text = await answer.text()
        assert answer.status == 409, text
        assert "Content-Disposition" not in answer.headers and "+++ " not in text
        assert "Export impossible : jeu d’évaluation absent ou vide : tests/heldout/" in text

    run(*console, scenario)
    assert audit(engine, "export_annotations") == []


def test_a_conversation_downloads_as_a_test_story(console) -> None:
    engine, _ = console

    async def scenario(client: TestClient) -> None:
        await log_in(client)
        answer = await client.get("/conversations/web%3Ahostile/story.yml")
        assert answer.status == 200 and answer.content_type == "application/yaml"
        disposition = answer.headers["Content-Disposition"]
        assert re.fullmatch(r'attachment; filename="test_console_[0-9a-f]{10}\.yml"', disposition)
        [story] = yaml.safe_load(await answer.text())["stories"]
        assert story["steps"] == [{"user": HOSTILE, "intent": "goodbye"}]  # as corrected
        assert "hostile" not in story["story"]
        assert (await client.get("/conversations/web:inconnue/story.yml")).status == 404
        refused = await client.get("/conversations/web:incompris/story.yml")
        assert refused.status == 409
        assert "message n° 1 « livraison » : non compris" in await refused.text()

    run(*console, scenario)
    assert audit(engine, "export_story") == [("agent@cadomaestro.fr", "web:hostile")]


def test_the_commands_write_the_exports_and_audit_them(
    console, database_url: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    engine, settings = console
    monkeypatch.setenv("CONSOLE_DATABASE_URL", database_url)
    monkeypatch.setenv("TRACKER_STORE_URL", settings.conversations_url)
    root = training_views.ROOT
    assert main(["annotations", "--root", str(root), "--diff"]) == 0
    assert "+++ b/data/nlu/corrections.yml" in capsys.readouterr().out
    assert not (root / "data/nlu/corrections.yml").exists()  # --diff writes nothing
    assert main(["annotations", "--root", str(root)]) == 0
    printed = capsys.readouterr().out
    assert "wrote data/nlu/corrections.yml" in printed and "« Vente de vélos »" in printed
    written = {p: p.read_text() for p in sorted(root.rglob("*.yml"))}
    assert main(["annotations", "--root", str(root)]) == 0  # twice: nothing more
    assert "wrote" not in capsys.readouterr().out
    assert {p: p.read_text() for p in sorted(root.rglob("*.yml"))} == written
    out = tmp_path / "test_console_stories.yml"
    assert main(["story", "--conversation", "web:hostile", "--out", str(out)]) == 0
    assert main(["story", "--conversation", "web:hostile", "--out", str(out)]) == 0
    assert len(yaml.safe_load(out.read_text())["stories"]) == 1  # replaced, not added again
    assert main(["story", "--conversation", "web:incompris", "--out", str(out)]) == 2
    assert "non compris" in capsys.readouterr().err
    assert [a for a, _ in audit(engine, "export_annotations")] == [None] * 3
    assert audit(engine, "export_story") == [(None, "web:hostile")] * 2
