"""The dashboard and its CSV exports (cadomaestro/console/dashboard.py, its views, charts.py): the
period and channel read from the query, French numbers, accessible SVG charts; then through the
real console on localhost (its database on SQLite and PostgreSQL) over a conversation store
holding a few conversations and WhatsApp delivery statuses."""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import re
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from cadomaestro.channels.meta.model import Status
from cadomaestro.console import charts
from cadomaestro.console.analytics import Period
from cadomaestro.console.dashboard import (
    NO_STATUSES,
    NOT_WHATSAPP,
    Column,
    Table,
    choose,
    csv_body,
)
from cadomaestro.console.models import AuditEntry
from cadomaestro.console.store import ConversationStore
from cadomaestro.server.statuses import StatusStore
from cadomaestro.server.tracker_store import SQLTrackerStore
from tests.console.support import log_in, run
from tests.console.test_conversations import (
    CLARIFY,
    CLICK,
    FAQ,
    HANDOVER,
    ORDER,
    T0,
    bot,
    start,
)

TODAY = date(2026, 3, 15)
LAST_30_DAYS = Period(date(2026, 2, 14), TODAY)


# -- The period and channel ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "period", "channel"),
    [
        ({}, LAST_30_DAYS, ""),
        ({"since": "2026-03-01", "until": "2026-03-10", "channel": "whatsapp"},
         Period(date(2026, 3, 1), date(2026, 3, 10)), "whatsapp"),
        ({"since": "2026-03-10"}, Period(date(2026, 3, 10), TODAY), ""),
        ({"until": "2026-01-31"}, Period(date(2026, 1, 2), date(2026, 1, 31)), ""),
        ({"since": "hier", "until": "2026-13-45", "channel": "'; DROP TABLE events; --"},
         LAST_30_DAYS, ""),
        ({"since": "2026-03-10", "until": "2026-03-01"}, LAST_30_DAYS, ""),  # inverted
        ({"until": "9999-12-31"}, LAST_30_DAYS, ""),
        ({"until": "0001-01-05"}, LAST_30_DAYS, ""),  # 30 days before it: no date
        ({"since": "0001-01-01", "until": "0001-01-05"}, LAST_30_DAYS, ""),  # before 1970
        ({"channel": "sms"}, LAST_30_DAYS, ""),
    ],
)  # fmt: skip
def test_a_bad_period_or_channel_gives_the_default(query, period, channel) -> None:
    assert choose(query, TODAY)[:2] == (period, channel)


def test_the_period_never_starts_before_the_retention() -> None:
    oldest = TODAY - timedelta(days=10)
    period, _, notes = choose({"since": "2020-01-01"}, TODAY, oldest)
    assert period == Period(oldest, TODAY)
    assert notes == ("Les conversations plus anciennes ne sont plus conservées.",)  # only
    assert choose({}, TODAY, TODAY - timedelta(days=90))[0] == LAST_30_DAYS


def test_a_long_period_is_cut_to_a_year_and_said() -> None:
    period, _, notes = choose({"since": "2020-01-01", "until": "2026-03-15"}, TODAY)
    assert period == Period(date(2025, 3, 15), TODAY) and len(period.days) == 366
    assert notes and "366 jours" in notes[0]


# -- French numbers, charts, CSV -----------------------------------------------------------


def test_charts_are_named_images_without_inline_style() -> None:
    drawings = [
        charts.columns(
            "jours", "Par jour", "Total : 3.", [("01/03", 1), ("02/03", 0), ("03/03", 2)]
        ),
        charts.bars("top", "Sujets <b>", "Le premier : <i>", [("<script>x</script>", 3.0)]),
        charts.bars("vide", "Rien", "Rien.", []),
    ]
    for svg in drawings:
        assert 'role="img"' in svg and "style" not in svg and "<script>" not in svg
        named = re.search(r'aria-labelledby="(\S+)-title \1-desc"', svg)
        assert named is not None
        ident = named.group(1)
        assert f'<title id="{ident}-title">' in svg and f'<desc id="{ident}-desc">' in svg
    assert "&lt;script&gt;x&lt;/script&gt;" in drawings[1] and "Sujets &lt;b&gt;" in drawings[1]
    assert drawings[0].count("<rect") == 3


def test_csv_for_french_excel() -> None:
    table = Table(
        "t",
        "Essai",
        (Column("Jour", "day"), Column("Texte", "text"), Column("N", "integer"),
         Column("Médiane", "number"), Column("Taux", "rate")),
        ((date(2026, 3, 1), "=HYPERLINK(\"x\")", 12345, 2.5, 0.125),
         (date(2026, 3, 2), "a;b", 0, 3, None)),
    )  # fmt: skip
    body = csv_body(table)
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert text.endswith("\r\n")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert rows == [
        ["Jour", "Texte", "N", "Médiane", "Taux (%)"],
        ["2026-03-01", '\'=HYPERLINK("x")', "12345", "2,5", "12,5"],
        ["2026-03-02", "a;b", "0", "3", ""],
    ]


# -- Through the console -------------------------------------------------------------------


def _at_now(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events moved to end a minute ago (the builders' times are around T0)."""
    shift = time.time() - 60 - (T0 + 14)
    return [{**event, "timestamp": event["timestamp"] + shift} for event in events]


CONVERSATIONS = {
    "web:faq": start() + FAQ,
    "web:clarify": start() + CLARIFY + CLICK,  # resolved by a click
    "whatsapp:33612": start() + CLARIFY + HANDOVER,  # typed instead of a button: unresolved
    "messenger:2411": start() + ORDER,
    "web:silent": start() + [bot("Bonjour, que puis-je pour vous ?", "utter_greet")],
}
# with conftest's web:hostile (one greeting): 5 conversations, 11 messages, 1 without any


def _conversations_file(settings) -> Path:
    return Path(sa.engine.make_url(settings.conversations_url).database)


def _save(path: Path, conversations: dict[str, list[dict[str, Any]]]) -> None:
    store = SQLTrackerStore(Domain.empty(), db=str(path), dialect="sqlite")
    for sender, events in conversations.items():
        tracker = DialogueStateTracker.from_events(
            sender, [Event.from_parameters(e) for e in _at_now(events)]
        )
        asyncio.run(store.save(tracker))


@pytest.fixture
def held(settings):
    """The console's settings over a store of the conversations above (no statuses table)."""
    _save(_conversations_file(settings), CONVERSATIONS)
    return settings


@pytest.fixture
def with_statuses(held):
    """…and the WhatsApp statuses: one message delivered, one failed (error 131047)."""
    engine = sa.create_engine(f"sqlite:///{_conversations_file(held)}")
    now = time.time() - 30
    StatusStore(engine).record(
        "whatsapp:33612",
        [Status("33612", "m1", "sent", now), Status("33612", "m1", "delivered", now),
         Status("33612", "m2", "sent", now), Status("33612", "m2", "failed", now, 131047)],
    )  # fmt: skip
    engine.dispose()
    return held


async def _csv(client: TestClient, table: str, **params: str) -> list[list[str]]:
    answer = await client.get(f"/dashboard/{table}.csv", params=params)
    assert answer.status == 200, await answer.text()
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = answer.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="cadomaestro-') and table in disposition
    body = await answer.read()
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(body.decode("utf-8-sig").splitlines(), delimiter=";"))


def test_the_dashboard_needs_a_session(console_engine, held) -> None:
    async def scenario(client: TestClient) -> None:
        for path in ("/dashboard", "/dashboard/indicateurs.csv"):
            answer = await client.get(path, allow_redirects=False)
            assert answer.status == 303, path
            assert answer.headers["Location"].split("?")[0] == "/login", path
            api = await client.get(
                path, headers={"Accept": "application/json"}, allow_redirects=False
            )
            assert api.status == 401, path

    run(console_engine, held, scenario)


def test_the_dashboard_shows_the_conversations_figures(console_engine, with_statuses) -> None:
    async def scenario(client: TestClient) -> None:
        await log_in(client)
        answer = await client.get("/dashboard")
        page = await answer.text()
        assert answer.status == 200
        assert "style=" not in page and "<script" not in page
        assert page.count('role="img"') >= 8
        assert "UTC" in page
        assert _headline(page) == ["5", "11", "80\u202f%", "2"]  # contained: 4 of 5; median 2
        for shown in ("faq/pays_livraison", "Pays de livraison", "faq/facture_dans_colis",
                      "modifier_commande/modifier_annuler_commande", "131047"):  # fmt: skip
            assert shown in page, shown
        assert NO_STATUSES not in page

        indicators = {row[0]: row[1:] for row in await _csv(client, "indicateurs")}
        assert indicators["Indicateur"] == ["Nombre", "Sur", "Taux (%)"]
        assert indicators["Conversations"] == ["5", "", ""]
        assert indicators["Messages des clients"] == ["11", "", ""]
        contained = "Conversations contenues (ni conseiller, ni clarification restée sans réponse)"
        assert indicators[contained] == ["4", "5", "80,0"]
        assert indicators["Conversations avec une clarification"] == ["2", "5", "40,0"]
        assert indicators["… dont la clarification est restée sans réponse"] == ["1", "2", "50,0"]
        assert indicators["Conversations avec un message incompris"] == ["2", "5", "40,0"]
        assert indicators["Messages incompris (nlu_fallback)"] == ["2", "11", "18,2"]
        assert indicators["Conversations avec un conseiller demandé ou proposé"] == [
            "1",
            "5",
            "20,0",
        ]
        assert indicators["Conversations avec une demande au service client"] == ["1", "5", "20,0"]
        assert indicators["Nombre médian de messages du client par conversation"] == ["2", "", ""]
        assert indicators["Conversations sans message du client (non comptées)"] == ["1", "", ""]

        topics = await _csv(client, "sujets")
        assert topics[0] == ["Sujet", "Libellé", "Conversations", "Part des conversations (%)"]
        assert sorted(topics[1:]) == [
            ["faq/facture_dans_colis", "Facture dans le colis ?", "1", "20,0"],
            ["faq/pays_livraison", "Pays de livraison", "1", "20,0"],
            ["modifier_commande/modifier_annuler_commande", "Modifier ou annuler une commande",
             "1", "20,0"],
        ]  # fmt: skip
        assert (await _csv(client, "problemes"))[1][:3] == [
            "modifier_commande/modifier_annuler_commande", "Modifier ou annuler une commande", "1"
        ]  # fmt: skip
        assert (await _csv(client, "conseiller"))[1:] == [
            ["Demandé par le client", "1", "20,0"],
            ["Proposé par l’assistant", "0", "0,0"],
        ]
        assert (await _csv(client, "demandes"))[1:] == [
            ["modification", "Modification (articles, adresse)", "1", "100,0"]
        ]
        assert (await _csv(client, "identification"))[1:] == [
            ["Tentatives (commande vérifiée ou preuve refusée)", "1", "100,0"],
            ["Commande identifiée", "1", "100,0"],
            ["Au moins une preuve refusée", "1", "100,0"],
            ["Preuve refusée, aucune commande identifiée", "0", "0,0"],
        ]
        days = await _csv(client, "jours")
        assert days[0] == ["Jour (UTC)", "Conversations", "Messages des clients"]
        assert len(days) == 31
        assert sum(int(r[1]) for r in days[1:]) == 5 and sum(int(r[2]) for r in days[1:]) == 11
        failed = await _csv(client, "non_remis")
        assert sum(int(r[1]) for r in failed[1:]) == 1
        assert (await _csv(client, "erreurs_remise"))[1:] == [["131047", "1"]]
        assert (await client.get("/dashboard/inconnu.csv")).status == 404

    run(console_engine, with_statuses, scenario)
    with console_engine.connect() as connection:
        exports = connection.execute(
            sa.select(AuditEntry.target).where(AuditEntry.action == "export_csv")
        ).scalars()
        assert sorted(exports) == sorted(
            ["indicateurs", "sujets", "problemes", "conseiller", "demandes", "identification",
             "jours", "non_remis", "erreurs_remise"]
        )  # fmt: skip


def test_a_channel_and_bad_values(console_engine, with_statuses) -> None:
    async def scenario(client: TestClient) -> None:
        await log_in(client)
        whatsapp = {row[0]: row[1] for row in await _csv(client, "indicateurs", channel="whatsapp")}
        assert whatsapp["Conversations"] == "1" and whatsapp["Messages des clients"] == "2"
        page = await (await client.get("/dashboard", params={"channel": "messenger"})).text()
        assert NOT_WHATSAPP in page and "131047" not in page
        assert (await client.get("/dashboard/non_remis.csv?channel=messenger")).status == 404
        default = await (await client.get("/dashboard")).text()
        bad_values = [
            {"since": "hier", "until": "2026-13-45", "channel": "<script>"},
            {"since": "2030-01-10", "until": "2030-01-01"},
            {"until": "9999-12-31"},
        ]
        for bad in bad_values:
            answer = await client.get("/dashboard", params=bad)
            assert answer.status == 200
            page = await answer.text()
            assert _headline(page) == _headline(default)
            assert "&lt;script&gt;" not in page and "<script>" not in page
        past = await (await client.get("/dashboard?since=2001-01-01&until=2001-01-31")).text()
        assert "Aucune conversation sur cette période" in past

    run(console_engine, with_statuses, scenario)


def _headline(page: str) -> list[str]:
    """The figures at the top of the page."""
    headline = re.search(r'<dl class="headline">(.*?)</dl>', page, re.S)
    return re.findall(r"<dd>([^<]*)</dd>", headline.group(1)) if headline else []


def test_a_missing_statuses_table_is_said(console_engine, held) -> None:
    async def scenario(client: TestClient) -> None:
        await log_in(client)
        answer = await client.get("/dashboard")
        page = await answer.text()
        assert answer.status == 200 and NO_STATUSES in page and _headline(page)[0] == "5"
        assert (await client.get("/dashboard/non_remis.csv")).status == 404
        assert (await client.get("/dashboard/indicateurs.csv")).status == 200

    run(console_engine, held, scenario)


def test_an_empty_store_says_there_is_nothing(console_engine, settings, tmp_path) -> None:
    empty = tmp_path / "empty.db"
    SQLTrackerStore(Domain.empty(), db=str(empty), dialect="sqlite")  # the tables, no row

    async def scenario(client: TestClient) -> None:
        await log_in(client)
        answer = await client.get("/dashboard")
        page = await answer.text()
        assert answer.status == 200 and "Aucune conversation sur cette période" in page
        rows = await _csv(client, "indicateurs")
        assert ["Conversations", "0", "", ""] in rows
        assert ["Nombre médian de messages du client par conversation", "", "", ""] in rows
        assert (await _csv(client, "sujets"))[1:] == []

    run(console_engine, dataclasses.replace(settings, conversations_url=f"sqlite:///{empty}"),
        scenario)  # fmt: skip


def test_no_conversation_store_yet_is_said(console_engine, settings, tmp_path) -> None:
    async def scenario(client: TestClient) -> None:
        await log_in(client)
        answer = await client.get("/dashboard")
        assert answer.status == 200 and "injoignable ou pas encore créée" in await answer.text()
        assert (await client.get("/dashboard/indicateurs.csv")).status == 503

    missing = dataclasses.replace(settings, conversations_url=f"sqlite:///{tmp_path}/absent.db")
    run(console_engine, missing, scenario)


def test_the_store_reads_the_period_statuses(database_url: str) -> None:
    """On SQLite and PostgreSQL: no table, no figure (None); then the period's rows."""
    writer = sa.create_engine(database_url, future=True)
    writer.connect().close()  # the SQLite file exists, with no table
    store = ConversationStore(database_url)
    try:
        now = datetime.now(timezone.utc)
        today = Period(now.date(), now.date())
        assert store.delivery_statuses(today.start, today.end) is None
        statuses = StatusStore(writer)
        rows = [("m1", "sent", None), ("m1", "delivered", None), ("m2", "failed", 131047)]
        statuses.record(
            "whatsapp:33612",
            [
                Status("33612", m, s, now.timestamp() - 10 + n, code)
                for n, (m, s, code) in enumerate(rows)
            ]
            + [Status("33612", "m0", "failed", now.timestamp() - 3 * 86400, 131026)],
        )
        found = store.delivery_statuses(today.start, today.end) or []
        assert [(s["message_id"], s["status"], s["error_code"]) for s in found] == rows
        past = Period(date(2001, 1, 1), date(2001, 1, 2))
        assert store.delivery_statuses(past.start, past.end) == []
    finally:
        store.close()
        writer.dispose()
