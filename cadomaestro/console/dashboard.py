"""The dashboard's content: the period asked, the figures (analytics.py) as tables and charts
(charts.py) to show, and the same tables as CSV. The views are in dashboard_views.py.

The period and channel come from the query string, as on the conversation list (`since`,
`until`: YYYY-MM-DD, UTC days, both included; `channel`), read by filters.Filters: a malformed
or inverted period, or an unknown channel, gives the default (the last 30 days, every channel).
The figures (analytics.py) become tables; the page draws each beside its chart (charts.py), and
each CSV export is the same table: UTF-8 with a byte order mark, `;`-separated, CRLF, as Excel
opens it in French; numbers without thousands separators and with a decimal comma, rates as
percentages (« 12,5 »), days as YYYY-MM-DD. Every export is written to the audit log.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from cadomaestro.console import charts, formats, review
from cadomaestro.console.analytics import Figures, Period, figures, rate
from cadomaestro.console.conversations import WHATSAPP
from cadomaestro.console.filters import KINDS, Filters
from cadomaestro.console.store import MAX_CONVERSATIONS, UNREADABLE, ConversationStore
from cadomaestro.replies.topics import STATUS_TOPIC

log = logging.getLogger(__name__)

DEFAULT_DAYS = 30
MAX_DAYS = 366
TOP = 10  # rows of a ranked table on the page (its CSV has them all)
FOLD_ROWS = 12
TEXT, INTEGER, NUMBER, RATE, DAY = "text", "integer", "number", "rate", "day"
KIND_TITLES = {**KINDS, "": "Type inconnu"}
NOT_WHATSAPP = "Sans objet : seuls les messages WhatsApp ont des statuts de remise."
NO_STATUSES = (
    "Aucun statut de remise WhatsApp n’a encore été enregistré (la table des statuts n’existe "
    "pas dans la base des conversations) : pas de chiffre."
)
STATUSES_UNREADABLE = "Les statuts de remise WhatsApp sont illisibles pour le moment."


@dataclass(frozen=True)
class Column:
    title: str
    kind: str  # TEXT, INTEGER, NUMBER, RATE or DAY


@dataclass(frozen=True)
class Table:
    """A table of figures: shown on the page (its first `shown` rows, all when None) and
    exported as is (every row)."""

    slug: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    shown: int | None = None
    links: tuple[str | None, ...] = ()  # per row: where its first cell leads

    @property
    def page_rows(self) -> tuple[tuple[Any, ...], ...]:
        return self.rows if self.shown is None else self.rows[: self.shown]

    def link(self, row: int) -> str | None:
        return self.links[row] if row < len(self.links) else None


@dataclass(frozen=True)
class Chart:
    title: str  # written above it (and its SVG <title>)
    svg: Markup


@dataclass(frozen=True)
class Section:
    heading: str
    note: str  # what the figures are, for agents
    table: Table
    charts: tuple[Chart, ...] = ()
    more: str = ""  # said after the table (the rows the page leaves out)

    @property
    def folded(self) -> bool:
        """A long table (one row a day) is folded under its chart, opened on demand."""
        return len(self.table.page_rows) > FOLD_ROWS


@dataclass(frozen=True)
class Loaded:
    """What the dashboard read: the figures, and what to say about what it could not read."""

    figures: Figures | None
    error: str | None = None
    delivery_note: str | None = None
    capped: bool = False  # the period has more conversations than are read


# -- Choosing the period -------------------------------------------------------------------


def choose(
    query: Any, today: date, oldest: date | None = None
) -> tuple[Period, str, tuple[str, ...]]:
    """The period and channel a query asks for, and what was changed of it; never before
    `oldest` (what the retention keeps shown)."""
    chosen = Filters.from_query(query)
    default = Period(today - timedelta(days=DEFAULT_DAYS - 1), today)
    until = (chosen.until_at - timedelta(days=1)).date() if chosen.until_at else today
    since = chosen.since_at.date() if chosen.since_at else until - timedelta(days=DEFAULT_DAYS - 1)
    notes: tuple[str, ...] = ()
    if since > until:
        since, until = default.since, default.until
    if (until - since).days >= MAX_DAYS:
        since = until - timedelta(days=MAX_DAYS - 1)
        notes = (f"Période ramenée à {MAX_DAYS} jours.",)
    if oldest is not None and since < oldest:
        since = oldest  # which the retention cuts shorter than MAX_DAYS: say only that
        notes = ("Les conversations plus anciennes ne sont plus conservées.",)
        if until < since:
            until = since
    return Period(since, until), chosen.channel, notes


def query_of(period: Period, channel: str) -> str:
    values = {"since": period.since.isoformat(), "until": period.until.isoformat()}
    return urlencode({**values, "channel": channel} if channel else values)


# -- Labels --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def topic_titles() -> dict[str, str]:
    """FAQ topic -> its title (the corpus's, through review.labels), and the order's status."""
    titles = {label.name: label.title for label in review.labels() if label.topic}
    return {STATUS_TOPIC: review.STATUS_TITLE, **titles}


def day_text(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def show(value: Any, kind: str) -> str:
    """A table cell on the page."""
    if value is None:
        return "—"
    if kind == RATE:
        return formats.percent(value)
    if kind == DAY:
        return day_text(value)
    if kind == INTEGER:
        return formats.integer(value)
    if kind == NUMBER:
        return formats.integer(value) if isinstance(value, int) else formats.decimal(value)
    return str(value)


def csv_cell(value: Any, kind: str) -> str:
    """A cell of a CSV export: plain numbers Excel reads in French (decimal comma)."""
    if value is None:
        return ""
    if kind == RATE:
        return f"{value * 100:.1f}".replace(".", ",")
    if kind == DAY:
        return str(value.isoformat())
    if kind in (INTEGER, NUMBER):
        return str(value) if isinstance(value, int) else f"{value:.1f}".replace(".", ",")
    text = str(value)
    # A text Excel would run as a formula (CSV injection) is kept as text.
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def csv_body(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.title + (" (%)" if c.kind == RATE else "") for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [csv_cell(value, c.kind) for value, c in zip(row, table.columns, strict=True)]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# -- Tables --------------------------------------------------------------------------------


def _list_link(period: Period, channel: str, **filters: str) -> str:
    return "/?" + "&".join(filter(None, [query_of(period, channel), urlencode(filters)]))


def sections(found: Figures, channel: str) -> list[Section]:
    """The page's sections, in order: each a table of figures and its charts."""
    f, period, titles = found, found.period, topic_titles()
    conversations = Column("Conversations", INTEGER)
    share = Column("Part des conversations", RATE)
    per_conversation = f.conversations
    days = Table(
        "jours",
        "Conversations et messages des clients par jour (UTC)",
        (Column("Jour (UTC)", DAY), conversations, Column("Messages des clients", INTEGER)),
        tuple((d.day, d.conversations, d.messages) for d in f.days),
    )
    # (label, label in the chart of rates (None: not a rate), figure, its base)
    indicator_rows: list[tuple[str, str | None, int | float | None, int | None]] = [
        ("Conversations", None, f.conversations, None),
        ("Messages des clients", None, f.messages, None),
        ("Conversations contenues (ni conseiller, ni clarification restée sans réponse)",
         "Conversations contenues", f.contained, per_conversation),
        ("Conversations avec une clarification", "Avec une clarification", f.clarified,
         per_conversation),
        ("… dont la clarification est restée sans réponse",
         "Clarifications restées sans réponse", f.unresolved, f.clarified),
        ("Conversations avec un message incompris", "Avec un message incompris", f.fallback,
         per_conversation),
        ("Messages incompris (nlu_fallback)", "Messages incompris", f.fallback_messages,
         f.messages),
        ("Conversations avec un conseiller demandé ou proposé", "Avec un conseiller",
         f.handovers, per_conversation),
        ("Conversations avec une demande au service client", "Avec une demande au service client",
         f.with_request, per_conversation),
        ("Nombre médian de messages du client par conversation", None, f.median_turns, None),
        ("Conversations sans message du client (non comptées)", None, f.silent, None),
    ]  # fmt: skip
    indicators = Table(
        "indicateurs",
        "Indicateurs de la période",
        (
            Column("Indicateur", TEXT),
            Column("Nombre", NUMBER),
            Column("Sur", INTEGER),
            Column("Taux", RATE),
        ),
        tuple(
            (label, value, base, None if base is None else rate(int(value or 0), base))
            for label, _, value, base in indicator_rows
        ),
    )
    rates = [
        (short, rate(int(value or 0), base))
        for _, short, value, base in indicator_rows
        if short is not None and base is not None
    ]
    topics = Table(
        "sujets",
        "Sujets les plus demandés (conversations)",
        (Column("Sujet", TEXT), Column("Libellé", TEXT), conversations, share),
        tuple(
            (c.name, titles.get(c.name, ""), c.count, rate(c.count, per_conversation))
            for c in f.topics
        ),
        shown=TOP,
        links=tuple(_list_link(period, channel, topic=c.name) for c in f.topics),
    )
    problems = Table(
        "problemes",
        "Problèmes de commande les plus fréquents (conversations)",
        (Column("Problème", TEXT), Column("Libellé", TEXT), conversations, share),
        tuple(
            (c.name, titles.get(c.name, ""), c.count, rate(c.count, per_conversation))
            for c in f.order_problems
        ),
        shown=TOP,
    )
    handovers = Table(
        "conseiller",
        "Passages à un conseiller (conversations)",
        (Column("Origine", TEXT), conversations, share),
        (
            ("Demandé par le client", f.handover_asked, rate(f.handover_asked, per_conversation)),
            (
                "Proposé par l’assistant",
                f.handover_offered,
                rate(f.handover_offered, per_conversation),
            ),
        ),
    )
    requests = Table(
        "demandes",
        "Demandes au service client par type",
        (
            Column("Type", TEXT),
            Column("Libellé", TEXT),
            Column("Demandes", INTEGER),
            Column("Part des demandes", RATE),
        ),
        tuple(
            (c.name, KIND_TITLES.get(c.name, ""), c.count, rate(c.count, f.requests_total))
            for c in f.requests
        ),
        links=tuple(
            _list_link(period, channel, kind=c.name) if c.name else None for c in f.requests
        ),
    )
    tried = f.identification_tried
    identification = Table(
        "identification",
        "Identification de la commande (conversations)",
        (Column("Résultat", TEXT), conversations, Column("Part des tentatives", RATE)),
        (
            ("Tentatives (commande vérifiée ou preuve refusée)", tried, rate(tried, tried)),
            ("Commande identifiée", f.identified, rate(f.identified, tried)),
            (
                "Au moins une preuve refusée",
                f.identification_failed,
                rate(f.identification_failed, tried),
            ),
            (
                "Preuve refusée, aucune commande identifiée",
                f.identification_lost,
                rate(f.identification_lost, tried),
            ),
        ),
    )
    span = f"du {day_text(period.since)} au {day_text(period.until)}"
    return [
        Section(
            "Conversations et messages par jour",
            "Une conversation compte le jour (UTC) de son premier message du client dans la "
            "période ; un message, le jour où le client l’a envoyé.",
            days,
            (
                _columns("c-jours", f"Conversations par jour, {span}", days, 1),
                _columns("m-jours", f"Messages des clients par jour, {span}", days, 2),
            ),
        ),
        Section(
            "Indicateurs",
            "Taux sur les conversations où le client a écrit au moins une fois (« Sur » donne "
            "la base de chaque taux).",
            indicators,
            (_rates_chart(rates),),
        ),
        _ranked_section("Sujets les plus demandés", _TOPICS_NOTE, topics, "c-sujets"),
        _ranked_section("Problèmes de commande", _PROBLEMS_NOTE, problems, "c-problemes"),
        _ranked_section("Passages à un conseiller", _HANDOVER_NOTE, handovers, "c-conseiller"),
        _ranked_section(
            "Demandes au service client", _REQUESTS_NOTE, requests, "c-demandes", value_column=2
        ),
        _ranked_section(
            "Identification de la commande",
            _IDENTIFICATION_NOTE,
            identification,
            "c-identification",
            value_column=1,
            chart_rows=slice(1, None),  # the outcomes, not the attempts (always 100 %)
        ),
    ]


_TOPICS_NOTE = (
    "Le sujet de la FAQ sous lequel un message du client a été classé (y compris un clic sur "
    "un bouton de clarification), compté une fois par conversation."
)
_PROBLEMS_NOTE = (
    "Les problèmes que l’assistant traite à partir de la commande (colis perdu, produit "
    "défectueux, modification, points de fidélité, suivi de commande) : le problème qu’il garde "
    "en attendant la commande, ou le sujet d’un message classé dans l’un d’eux ; une fois par "
    "conversation."
)
_HANDOVER_NOTE = (
    "Demandé : le client a demandé à parler à quelqu’un (message ou bouton « Parler à "
    "quelqu’un »). Proposé : l’assistant a donné les coordonnées du service client sans que le "
    "client le demande."
)
_REQUESTS_NOTE = (
    "Chaque demande confirmée par l’assistant (« demande n° … »), par type (le type connu au "
    "moment de la confirmation)."
)
_IDENTIFICATION_NOTE = (
    "Une tentative : une commande vérifiée, ou une référence et une preuve (e-mail, code "
    "postal) qui ne correspondent pas. Les taux sont sur les tentatives."
)


def _columns(ident: str, title: str, table: Table, column: int) -> Chart:
    """Vertical bars of a table's column, one a day (its first column)."""
    points = [(row[0].strftime("%d/%m"), int(row[column])) for row in table.rows]
    total = sum(value for _, value in points)
    largest = max(table.rows, key=lambda row: row[column], default=None)
    description = f"Total : {formats.integer(total)}."
    if largest is not None and largest[column]:
        description += f" Au plus {formats.integer(largest[column])} le {day_text(largest[0])}."
    return Chart(title, charts.columns(ident, title, description, points))


def _rates_chart(rates: list[tuple[str, float | None]]) -> Chart:
    title = "Taux de la période"
    described = " ; ".join(f"{label} : {formats.percent(value)}" for label, value in rates)
    shown = [(label, value) for label, value in rates if value is not None]
    return Chart(title, charts.bars("c-taux", title, described, shown, formats.percent, 1.0))


def _ranked_section(
    heading: str,
    note: str,
    table: Table,
    ident: str,
    value_column: int | None = None,
    chart_rows: slice = slice(None),
) -> Section:
    """A section whose chart is horizontal bars of the table's first column (its title, when
    it has one) against its counts (`value_column`, by default the last but one)."""
    column = value_column if value_column is not None else len(table.columns) - 2
    has_title = table.columns[1].kind == TEXT
    items = [
        (str(row[1] or row[0]) if has_title else str(row[0]), float(row[column]))
        for row in table.page_rows[chart_rows]
    ]
    described = " ; ".join(f"{label} : {formats.integer(int(value))}" for label, value in items)
    chart = (
        Chart(table.caption, charts.bars(ident, table.caption, described, items))
        if any(value for _, value in items)
        else None
    )
    more = ""
    if table.shown is not None and len(table.rows) > table.shown:
        more = f"Les {table.shown} premiers sur {len(table.rows)} ; l’export CSV les donne tous."
    return Section(heading, note, table, (chart,) if chart else (), more)


def delivery_sections(found: Figures) -> list[Section]:
    delivery = found.delivery
    if delivery is None:
        return []
    period = found.period
    days = Table(
        "non_remis",
        "Messages WhatsApp non remis par jour (UTC)",
        (Column("Jour (UTC)", DAY), Column("Messages non remis", INTEGER)),
        tuple(delivery.days),
    )
    errors = Table(
        "erreurs_remise",
        "Messages WhatsApp non remis par code d’erreur de Meta",
        (Column("Code d’erreur", TEXT), Column("Messages non remis", INTEGER)),
        tuple((c.name or "aucun", c.count) for c in delivery.errors),
    )
    span = f"du {day_text(period.since)} au {day_text(period.until)}"
    note = (
        f"{formats.integer(delivery.failed)} message(s) non remis (statut « failed ») sur "
        f"{formats.integer(delivery.messages)} message(s) WhatsApp dont un statut a été reçu "
        f"dans la période ({formats.percent(rate(delivery.failed, delivery.messages))})."
    )
    return [
        Section(
            "Messages WhatsApp non remis",
            note,
            days,
            (_columns("c-non-remis", f"Messages WhatsApp non remis par jour, {span}", days, 1),),
        ),
        _ranked_section(
            "Codes d’erreur des messages non remis", "", errors, "c-erreurs", value_column=1
        ),
    ]


def tables(found: Figures, channel: str) -> dict[str, Table]:
    every = [*sections(found, channel), *delivery_sections(found)]
    return {section.table.slug: section.table for section in every}


# -- Reading -------------------------------------------------------------------------------


def read(store: ConversationStore, period: Period, channel: str) -> Loaded:
    """The period's figures (run in a worker thread: it reads, then counts)."""
    try:
        conversations = store.events_of_period(period.start, period.end, channel or None)
    except SQLAlchemyError as failure:  # not created yet (no conversation), or down
        log.warning("conversations not read: %s", type(failure).__name__)
        return Loaded(None, error=UNREADABLE)
    statuses: list[dict[str, Any]] | None = None
    note = None
    if channel not in ("", WHATSAPP):
        note = NOT_WHATSAPP
    else:
        try:
            statuses = store.delivery_statuses(period.start, period.end)
        except SQLAlchemyError as failure:
            log.warning("delivery statuses not read: %s", type(failure).__name__)
            note = STATUSES_UNREADABLE
        else:
            note = NO_STATUSES if statuses is None else None
    topic_titles()  # read once, here rather than on the event loop
    return Loaded(
        figures(conversations, period, statuses),
        delivery_note=note,
        capped=len(conversations) >= MAX_CONVERSATIONS,
    )
