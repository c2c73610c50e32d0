"""The agent console in a real browser (Debian's chromium through Playwright), against the real
assistant and console on localhost, after conversations were held through the REST channel and
the widget: log in, filter, read a transcript, review, correct, export, the dashboard.

The module runs its own assistant (its own conversation store) so that every conversation the
console shows is one this module held: filters and figures are compared exactly."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cadomaestro import paths
from cadomaestro.perf.stack import Service, Stack, free_port
from tests.conftest import _require_model

PASSWORD = "un mot de passe de test assez long"
AGENT, ADMIN = "agnes@cadomaestro.fr", "adam@cadomaestro.fr"
# What the module's customers write (REST sender id -> messages), and one widget conversation.
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> ' OR 1=1 --"
HELD_OUT = "absence livraison ?"  # tests/heldout/part1.yml: never copied to training data
# A message the model is unsure of: read as nlu_fallback, under the filter's 0.6 confidence.
UNSURE = "ca depend du bidule zorglub"
CONVERSATIONS = {
    "console-faq": ["vous livrez en belgique ?"],
    "console-human": ["je veux parler a un humain svp"],
    "console-unsure": [UNSURE],
    "console-heldout": [HELD_OUT],
    "console-hostile": [HOSTILE],
}


@dataclass
class Console:
    url: str
    stack: Stack
    database_url: str
    env: dict[str, str]


def _rest(stack: Stack, sender: str, message: str) -> list[dict]:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(stack.rest_url, body, method="POST")
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def _create_agent(env: dict[str, str], email: str, name: str, role: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "cadomaestro.console", "agent", "--email", email, "--name", name,
         "--role", role], input=PASSWORD + "\n", text=True, env=env, cwd=paths.ROOT, check=True,
        capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def console(browser, tmp_path_factory) -> Iterator[Console]:
    """An assistant of the module's own, its conversations held, and the console reading them
    (agents created with `python -m cadomaestro.console agent`, as `make agent` does)."""
    _require_model()
    folder = tmp_path_factory.mktemp("console")
    stack = Stack(folder / "stack", env={"DEMO_PAGES": "1"})
    port = free_port()
    database_url = f"sqlite:///{folder / 'console.db'}"
    env = {**stack.rasa.env, "CONSOLE_DATABASE_URL": database_url, "CONSOLE_PORT": str(port)}
    service = Service(
        "console", [sys.executable, "-m", "cadomaestro.console", "serve", "--port", str(port)],
        env, f"http://127.0.0.1:{port}/health", folder / "console.log",
    )  # fmt: skip
    try:
        stack.start()
        for sender, messages in CONVERSATIONS.items():
            for message in messages:
                _rest(stack, sender, message)
        _create_agent(env, AGENT, "Agnès", "agent")
        _create_agent(env, ADMIN, "Adam", "admin")
        service.start()
        yield Console(f"http://127.0.0.1:{port}", stack, database_url, env)
    finally:
        service.stop()
        stack.stop()


@pytest.fixture(scope="module")
def widget_conversation(browser, console: Console) -> None:
    """One conversation through the website's widget (the demo page)."""
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(f"{console.stack.rasa_url}/demo/")
        page.get_by_role("button", name="Ouvrir la discussion").click()
        page.get_by_role("textbox", name="Votre message").fill("bonjour")
        page.get_by_role("button", name="Envoyer").click()
        expect(page.get_by_role("log")).to_contain_text("assistant automatique")
    finally:
        context.close()


def log_in(page: Page, console: Console, email: str = AGENT) -> None:
    page.goto(f"{console.url}/")
    expect(page).to_have_url(re.compile(r"/login$"))
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Conversations", level=1)).to_be_visible()


def listed(page: Page) -> set[str]:
    """The conversations the list shows (by their REST sender id, or "widget")."""
    links = page.locator("table a[href^='/conversations/']").evaluate_all(
        "links => links.map(a => decodeURIComponent(a.getAttribute('href')))"
    )
    return {"widget" if link.startswith("/conversations/web:") else link.split("/")[-1]
            for link in links}  # fmt: skip


def filtered(page: Page, console: Console, query: str) -> set[str]:
    page.goto(f"{console.url}/?{query}")
    return listed(page)


def test_an_agent_finds_reads_and_reviews_conversations(
    context, console: Console, widget_conversation: None
) -> None:
    page = context.new_page()
    log_in(page, console)
    everyone = set(CONVERSATIONS) | {"widget"}
    assert listed(page) == everyone
    # The filters, through the form (they stay in the URL).
    page.get_by_label("Canal").select_option("widget")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"channel=widget"))
    assert listed(page) == {"widget"}
    page.go_back()
    assert listed(page) == everyone
    assert filtered(page, console, "channel=rest") == set(CONVERSATIONS)
    assert filtered(page, console, "topic=faq/pays_livraison") == {"console-faq"}
    assert filtered(page, console, "handover=1") == {"console-human"}
    assert "console-unsure" in filtered(page, console, "max_confidence=0.6")
    assert "console-faq" not in filtered(page, console, "max_confidence=0.6")
    assert filtered(page, console, "q=BELGIQUE") == {"console-faq"}
    assert filtered(page, console, "q=' OR 1=1 --") == {"console-hostile"}  # as text
    # The transcript: the intent, topic and confidences of each message.
    page.goto(f"{console.url}/?q=belgique")
    page.get_by_role("link").filter(has_text=re.compile(r"\d\d/\d\d/\d{4}")).first.click()
    expect(page.get_by_role("heading", name="Conversation (API REST)")).to_be_visible()
    message = page.locator("#message-0")
    expect(message).to_contain_text("vous livrez en belgique ?")
    expect(message).to_contain_text(re.compile(r"Intention : faq : \d,\d\d"))
    expect(message).to_contain_text(re.compile(r"Sujet : .*\(faq/pays_livraison\) : \d,\d\d"))
    # Tag, note, reviewed.
    page.get_by_label("Ajouter une étiquette").fill("Belgique")
    page.get_by_role("button", name="Ajouter l’étiquette").click()
    page.get_by_label("Ajouter une note").fill("Réponse juste, <b>rien</b> à corriger.")
    page.get_by_role("button", name="Enregistrer la note").click()
    expect(page.locator(".note")).to_contain_text("<b>rien</b>")  # shown as text
    page.get_by_role("button", name="Marquer comme revue").click()
    expect(page.get_by_text("Revue par Agnès")).to_be_visible()
    assert filtered(page, console, "tag=belgique") == {"console-faq"}
    assert filtered(page, console, "reviewed=yes") == {"console-faq"}
    assert filtered(page, console, "reviewed=no") == everyone - {"console-faq"}
    page.goto(f"{console.url}/")
    page.screenshot(path=str(paths.REPORTS / "console-list.png"), full_page=True)


def test_what_a_customer_typed_is_shown_as_text_and_runs_nothing(context, console: Console) -> None:
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, console)
    expect(page.get_by_role("main")).to_contain_text(HOSTILE)  # the list's first message
    page.goto(f"{console.url}/conversations/console-hostile")
    expect(page.locator("#message-0")).to_contain_text(HOSTILE)
    assert page.locator("main script, main img").count() == 0
    assert dialogs == []


def test_an_agent_corrects_a_message_and_the_todo_list_follows(context, console: Console) -> None:
    page = context.new_page()
    log_in(page, console)
    page.goto(f"{console.url}/todo")
    todo = page.get_by_role("main")
    expect(todo).to_contain_text(UNSURE)
    page.get_by_role("link", name=UNSURE).click()
    page.get_by_text("Corriger le sens du message 1").click()
    page.get_by_label(re.compile("Le bon sujet ou la bonne intention")).fill("faq/pays_livraison")
    page.get_by_role("button", name="Enregistrer la correction").click()
    expect(page.locator("#message-0")).to_contain_text("Corrigé en Pays de livraison")
    page.screenshot(path=str(paths.REPORTS / "console-transcript.png"), full_page=True)
    page.goto(f"{console.url}/todo")
    expect(page.get_by_role("main")).not_to_contain_text(UNSURE)


def _correct(page: Page, console: Console, sender: str, label: str) -> None:
    page.goto(f"{console.url}/conversations/{sender}")
    page.get_by_text("Corriger le sens du message 1").click()
    page.get_by_label(re.compile("Le bon sujet ou la bonne intention")).fill(label)
    page.get_by_role("button", name="Enregistrer la correction").click()
    expect(page.locator("#message-0")).to_contain_text(f"({label})")


def test_corrections_become_training_data_and_a_conversation_a_test_story(
    context, console: Console, tmp_path
) -> None:
    page = context.new_page()
    log_in(page, console, ADMIN)
    _correct(page, console, "console-unsure", "faq/pays_livraison")
    _correct(page, console, "console-heldout", "faq/absence_livraison")
    # The admin's button: the diff of the training data (what `make annotations` writes).
    page.goto(f"{console.url}/annotations")
    expect(page.get_by_role("table")).to_contain_text(HELD_OUT)
    page.screenshot(path=str(paths.REPORTS / "console-annotations.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger les corrections (diff)").click()
    diff = Path(download.value.path()).read_text(encoding="utf-8")
    assert "+++ b/faq_corpus/livraison/pays_livraison.yml" in diff
    assert re.search(rf"^\+- '?{UNSURE}'?$", diff, re.MULTILINE)
    assert HELD_OUT not in diff and "absence_livraison.yml" not in diff
    command = subprocess.run(
        [sys.executable, "-m", "cadomaestro.console", "annotations", "--diff"],
        env=console.env, cwd=paths.ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    added = lambda text: {line for line in text.splitlines() if line.startswith("+")}  # noqa: E731
    assert added(command.stdout) == added(diff)
    # A conversation as an end-to-end test story: the story `python -m cadomaestro.console story`
    # writes, which Rasa's test runner passes (tests/integration/test_console_stories.py).
    page.goto(f"{console.url}/conversations/console-faq")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Exporter en test de conversation")).click()
    story = Path(download.value.path()).read_text(encoding="utf-8")
    assert "intent: faq/pays_livraison" in story
    written = tmp_path / "test_console_story.yml"
    subprocess.run(
        [sys.executable, "-m", "cadomaestro.console", "story", "--conversation", "console-faq",
         "--out", str(written)], env=console.env, cwd=paths.ROOT, capture_output=True, check=True,
    )  # fmt: skip
    assert story == written.read_text(encoding="utf-8")


def _csv(page: Page, link: str) -> dict[str, list[str]]:
    """A dashboard table's CSV, downloaded through its link: first cell -> the row."""
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return {row[0]: row[1:] for row in csv.reader(io.StringIO(text), delimiter=";")}


def test_the_dashboard_counts_the_conversations_held(
    context, console: Console, widget_conversation: None
) -> None:
    page = context.new_page()
    log_in(page, console)
    page.get_by_role("link", name="Tableau de bord").click()
    expect(page.get_by_role("heading", name="Tableau de bord", level=1)).to_be_visible()
    page.screenshot(path=str(paths.REPORTS / "console-dashboard.png"))
    held = len(CONVERSATIONS) + 1  # and the widget's
    indicators = _csv(page, re.compile("Exporter « Indicateurs de la période »"))
    assert indicators["Conversations"][0] == str(held)
    assert indicators["Messages des clients"][0] == str(held)  # one message each
    handovers = _csv(page, re.compile("Exporter « Passages à un conseiller"))
    assert handovers["Demandé par le client"][0] == "1"  # « je veux parler a un humain svp »
    topics = _csv(page, re.compile("Exporter « Sujets les plus demandés"))
    assert topics["faq/pays_livraison"][1] == "1"  # « vous livrez en belgique ? »
    assert "faq/absence_livraison" in topics  # the held-out message's own topic
