"""The chat widget in a real browser (Debian's chromium through Playwright) against the real
servers on localhost: the demo page, FAQ answers and clarification buttons, a reload and a second
tab, a whole order conversation with a photo, logged-in customers, the keyboard alone, a server
restart. Screenshots go to reports/."""

from __future__ import annotations

import gzip
import io
import json
import re
import urllib.request

from PIL import Image
from playwright.sync_api import Page, expect

from cadomaestro import paths
from cadomaestro.channels.sessions import sender_of
from cadomaestro.widget.tokens import sign
from tests.faq_entries import faq_entries

ANSWERS = {e.full_intent: e.answer for e in faq_entries()}
MAX_GZIPPED = 30 * 1024


class Widget:
    """The widget on a page, reached as people reach it: by roles and accessible names."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.launcher = page.get_by_role("button", name="Ouvrir la discussion")
        self.dialog = page.get_by_role("dialog")
        self.log = page.get_by_role("log")
        self.input = page.get_by_role("textbox", name="Votre message")
        self.send = page.get_by_role("button", name="Envoyer")

    def open(self) -> Widget:
        self.launcher.click()
        expect(self.dialog).to_be_visible()
        return self

    def say(self, text: str, then: str | re.Pattern[str]) -> None:
        """Send `text`; wait until the conversation shows `then`."""
        self.input.fill(text)
        self.send.click()
        expect(self.log).to_contain_text(then)

    def session_id(self) -> str:
        values = self.page.evaluate(
            "() => Object.entries(localStorage)"
            ".filter(([k]) => k.startsWith('cadomaestro-widget:')).map(([, v]) => v)"
        )
        [session_id] = values
        return session_id


def demo(context, assistant, query: str = "") -> Widget:
    page = context.new_page()
    page.goto(f"{assistant.base_url}/demo/{query}")
    return Widget(page)


def first_paragraph(topic: str) -> str:
    return ANSWERS[topic].split("\n\n")[0]


def rest(assistant, sender: str, message: str) -> list[dict]:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(assistant.rest_url, body, method="POST")
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def test_the_script_is_small_and_served_gzipped(assistant) -> None:
    request = urllib.request.Request(
        f"{assistant.base_url}/widget/widget.js", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        body = answer.read()
        assert answer.headers["Content-Encoding"] == "gzip"
        assert "javascript" in answer.headers["Content-Type"]
    assert len(body) <= MAX_GZIPPED, f"{len(body)} bytes gzipped"
    assert gzip.decompress(body) == paths.WIDGET_SCRIPT.read_bytes()


def test_a_faq_question_and_a_clarification_button(context, assistant) -> None:
    widget = demo(context, assistant).open()
    expect(widget.log).to_contain_text("assistant automatique")  # the welcome
    expect(widget.log).to_contain_text("effacées 90 jours après votre dernier message")
    # An unsure first message gets topics as buttons: the ones the channel offers.
    offered = rest(assistant, "browser-clarify", "livraison")[-1]["buttons"]
    widget.say("livraison", offered[0]["title"])
    expected = rest(assistant, "browser-clarify", offered[0]["payload"])[0]["text"]
    widget.page.get_by_role("button", name=offered[0]["title"]).click()
    expect(widget.log).to_contain_text(expected.split("\n\n")[0])
    widget.say("vous livrez en Belgique ?", first_paragraph("faq/pays_livraison"))
    paths.REPORTS.mkdir(exist_ok=True)
    widget.page.screenshot(path=str(paths.REPORTS / "widget-desktop.png"))


def test_the_conversation_survives_a_reload_and_reaches_a_second_tab(context, assistant) -> None:
    widget = demo(context, assistant).open()
    widget.say("où en est ma commande ?", "référence")
    widget.say("KQZPTRBWE", "adresse email")
    widget.say("claire.martin@example.fr", "j’ai bien retrouvé votre commande KQZPTRBWE")
    session_id = widget.session_id()
    widget.page.reload()
    # Still open after the reload, with the history from the server.
    reloaded = Widget(widget.page)
    expect(reloaded.dialog).to_be_visible()
    expect(reloaded.log).to_contain_text("j’ai bien retrouvé votre commande KQZPTRBWE")
    assert reloaded.session_id() == session_id
    # The order stays identified: a question about it is answered from it.
    reloaded.say("elle arrive quand ?", "expédition prévue le")
    second = demo(context, assistant).open()
    expect(second.log).to_contain_text("expédition prévue le")
    second.say("vous livrez en Belgique ?", first_paragraph("faq/pays_livraison"))
    expect(reloaded.log).to_contain_text(first_paragraph("faq/pays_livraison"))


def photo(size: tuple[int, int] = (640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (150, 90, 40)).save(out, "JPEG")
    return out.getvalue()


def test_an_order_conversation_with_a_photo(context, assistant) -> None:
    widget = demo(context, assistant).open()
    widget.say("La bougie parfumée de ma commande est arrivée cassée en deux", "référence")
    widget.say("FGHJKLMNB", "code postal")
    widget.say("44000", "Envoyez-moi maintenant une seule photo")
    attach = widget.page.get_by_role("button", name="Joindre une photo")
    expect(attach).to_be_visible()
    chooser = widget.page.locator("input[type=file]")
    chooser.set_input_files(
        files=[{"name": "facture.txt", "mimeType": "text/plain", "buffer": b"Facture 42"}]
    )
    expect(widget.log).to_contain_text("n’est pas une photo que je peux lire")
    chooser.set_input_files(
        files=[{"name": "huge.jpg", "mimeType": "image/jpeg", "buffer": b"\xff" * 10_000_100}]
    )
    expect(widget.log).to_contain_text("Cette photo est trop lourde")
    sender = sender_of(widget.session_id())
    assert assistant.orders.get(f"/v1/requests?conversation_id={sender}")["requests"] == []
    chooser.set_input_files(
        files=[{"name": "bougie.jpg", "mimeType": "image/jpeg", "buffer": photo()}]
    )
    expect(widget.log).to_contain_text("C’est transmis")
    expect(widget.page.get_by_role("img", name="Votre photo")).to_be_visible()
    [request] = assistant.orders.get(f"/v1/requests?conversation_id={sender}")["requests"]
    assert request["kind"] == "sav" and len(request["attachments"]) == 1
    with urllib.request.urlopen(request["attachments"][0], timeout=10) as opened:
        assert Image.open(io.BytesIO(opened.read())).size == (640, 480)


def test_a_logged_in_customer_picks_an_order_without_proof(context, assistant) -> None:
    widget = demo(context, assistant, "?customer=claire.martin@example.fr").open()
    widget.say("où en est ma commande ?", "KQZPTRBWE")
    expect(widget.log).not_to_contain_text("adresse email")
    widget.page.get_by_role("button", name=re.compile("KQZPTRBWE")).click()
    expect(widget.log).to_contain_text("expédition prévue le")
    expect(widget.log).not_to_contain_text("code postal")


def test_a_forged_token_is_an_anonymous_visitor(context, assistant) -> None:
    page = context.new_page()
    forged = sign("claire.martin@example.fr", "not the shop's secret, but long enough!!")
    # The page embeds the widget with a token the shop never signed.
    page.add_init_script(
        "new MutationObserver(() => {"
        "  const tag = document.querySelector('script[src*=\"widget.js\"]');"
        f"  if (tag && !tag.dataset.token) tag.dataset.token = '{forged}';"
        "}).observe(document, {childList: true, subtree: true});"
    )
    page.goto(f"{assistant.base_url}/demo/")
    assert page.locator("script[data-token]").count() == 1
    widget = Widget(page).open()
    widget.say("où en est ma commande ?", "référence")
    expect(widget.page.get_by_role("button", name=re.compile("KQZPTRBWE"))).to_have_count(0)


def test_links_in_answers_can_be_opened(context, assistant) -> None:
    widget = demo(context, assistant).open()
    widget.say("ou en est ma commande WXCVBNQSD", "code postal")
    widget.say("59000", "6A23918475260")
    carrier = widget.log.get_by_role("link", name=re.compile(r"^www\.laposte\.fr"))
    expect(carrier.first).to_have_attribute("href", re.compile(r"^https://www\.laposte\.fr"))
    expect(carrier.first).to_have_attribute("rel", "noopener noreferrer")


def test_the_keyboard_alone_is_enough(context, assistant) -> None:
    widget = demo(context, assistant)
    page = widget.page
    expect(widget.launcher).to_be_visible()
    for _ in range(20):
        if widget.launcher.evaluate("e => e.matches(':focus')"):
            break
        page.keyboard.press("Tab")
    expect(widget.launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(widget.dialog).to_be_visible()
    expect(widget.input).to_be_focused()
    # (Before the session is ready the text stays in the box, unsent: wait for it, as a customer
    # sees the send button enabled.)
    expect(widget.send).to_be_enabled()
    page.keyboard.type("vous livrez en Belgique ?")
    page.keyboard.press("Enter")
    expect(widget.log).to_contain_text(first_paragraph("faq/pays_livraison"))
    expect(widget.log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("button", name="Fermer la discussion")).to_be_visible()
    widget.input.fill("a" * 2500)  # the box keeps 2 000 characters, and says so
    expect(widget.input).to_have_value("a" * 2000)
    widget.input.press("End")
    widget.input.type("b")
    expect(page.get_by_role("status").filter(has_text="limite de 2 000 caractères")).to_be_visible()
    page.keyboard.press("Escape")
    expect(widget.dialog).to_be_hidden()
    expect(widget.launcher).to_be_focused()


def test_on_a_phone_the_panel_takes_the_whole_screen(browser, assistant) -> None:
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="fr-FR"
    )
    try:
        page = phone.new_page()
        page.goto(f"{assistant.base_url}/demo/")
        widget = Widget(page).open()
        widget.say("je peux payer en plusieurs fois ?", re.compile(r"\w"))
        expect(widget.log).to_contain_text("?")
        box = widget.dialog.bounding_box()
        assert box and box["width"] >= 389 and box["height"] >= 843
        paths.REPORTS.mkdir(exist_ok=True)
        page.screenshot(path=str(paths.REPORTS / "widget-phone.png"))
    finally:
        phone.close()


def test_a_server_restart_shows_the_lost_connection_then_goes_on(context, assistant) -> None:
    widget = demo(context, assistant).open()
    widget.say("vous livrez en Belgique ?", first_paragraph("faq/pays_livraison"))
    assistant.stack.rasa.stop()
    try:
        expect(
            widget.page.get_by_role("status").filter(has_text="Connexion perdue")
        ).to_be_visible()
        expect(widget.send).to_be_disabled()
    finally:
        assistant.stack.rasa.start()
    expect(widget.page.get_by_text("Connexion rétablie")).to_be_visible(timeout=60_000)
    widget.say("quels sont les frais de livraison ?", first_paragraph("faq/delais_frais_livraison"))
