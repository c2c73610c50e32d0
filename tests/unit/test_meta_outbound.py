"""The assistant's bubbles shaped for Messenger and WhatsApp, and the customer's reply read back
(cadomaestro/channels/meta/outbound.py)."""

from __future__ import annotations

from typing import Any

import pytest

from cadomaestro.channels.meta.model import Bubble, Choice
from cadomaestro.channels.meta.outbound import (
    CHOICE_PROMPT,
    HANDOVER_PAYLOAD,
    NUMBER_PROMPT,
    choice_id,
    chosen_payload,
    messenger_bodies,
    payload_of,
    short_title,
    split_text,
    units,
    whatsapp_bodies,
)

PSID, WA_ID = "6543210987654321", "16505551234"
HANDOVER = Choice("Parler à un conseiller", HANDOVER_PAYLOAD)
YES_NO = (Choice("Oui", "/affirm"), Choice("Non", "/deny"))
SENTENCE = "Votre colis est parti de notre entrepôt de Lyon ce matin, avec La Poste. "


def topics(count: int) -> tuple[Choice, ...]:
    return tuple(
        Choice(f"Question numéro {n} sur la livraison", f"/q{n}") for n in range(1, count + 1)
    )


# --- split_text ---------------------------------------------------------------------------

SPLITS = [
    ("fits", "Bonjour !", 20, ["Bonjour !"]),
    ("empty", "", 20, []),
    ("spaces only", " \n\t ", 20, []),
    ("trimmed", "  Bonjour  ", 20, ["Bonjour"]),
    ("paragraphs", "Premier paragraphe.\n\nSecond paragraphe.", 25,
     ["Premier paragraphe.", "Second paragraphe."]),
    ("paragraphs packed", "aa\n\nbb\n\ncc", 6, ["aa\n\nbb", "cc"]),
    ("blank line with spaces", "aa\n  \n\nbb", 3, ["aa", "bb"]),
    ("lines before sentences", "1. Oui\n2. Non\n3. Peut-être", 13,
     ["1. Oui\n2. Non", "3. Peut-être"]),
    ("sentences", "Un. Deux. Trois.", 10, ["Un. Deux.", "Trois."]),
    ("sentences ending with ? and !", "Vous livrez en Belgique ? Oui ! Dès demain.", 25,
     ["Vous livrez en Belgique ?", "Oui ! Dès demain."]),
    ("sentence ending inside « »", "Il a dit « non. » Puis il est parti.", 18,
     ["Il a dit « non. »", "Puis il est parti."]),
    ("words", "un deux trois quatre", 9, ["un deux", "trois", "quatre"]),
    ("never before : ? ! ;", "mot1 mot2 : mot3", 10, ["mot1", "mot2 :", "mot3"]),
    ("never after «", "voir « Mes commandes »", 15, ["voir « Mes", "commandes »"]),
    ("word too long: cut", "x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
    ("long link between words", "voir https://exemple.fr/" + "a" * 20 + " merci", 12,
     ["voir", "https://exem", "ple.fr/aaaaa", "aaaaaaaaaaaa", "aaa merci"]),
    ("emoji count for two", "😀😀😀", 4, ["😀😀", "😀"]),
    ("non-breaking spaces are not split", "a\u00a0b\u00a0c d", 5, ["a\u00a0b\u00a0c", "d"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "limit", "pieces"), [c[1:] for c in SPLITS],
                         ids=[c[0] for c in SPLITS])  # fmt: skip
def test_split_text(text: str, limit: int, pieces: list[str]) -> None:
    assert split_text(text, limit) == pieces


@pytest.mark.parametrize("limit", [1, 7, 60, 500, 2000])
def test_split_text_keeps_every_word_within_the_limit(limit: int) -> None:
    text = ("\n\n".join(SENTENCE * n + "Merci ! « Mes commandes » : voilà." for n in range(1, 40))
            + " https://www.cadomaestro.fr/" + "z" * 300)  # fmt: skip
    pieces = split_text(text, limit)
    assert all(0 < units(piece) <= limit for piece in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


def test_split_text_refuses_a_limit_below_one() -> None:
    with pytest.raises(ValueError):
        split_text("x", 0)


# --- titles -------------------------------------------------------------------------------

TITLES = [
    ("fits", "Oui", 20, "Oui"),
    ("exactly the limit", "Retourner un article", 20, "Retourner un article"),
    ("whole words", "Parler à un conseiller", 20, "Parler à un…"),
    ("order button", "KQZPTRBWE · 20 nov. · Paiement accepté", 20, "KQZPTRBWE · 20 nov.…"),
    ("no comma before …", "Suivi de ma commande, s’il vous plaît", 20, "Suivi de ma…"),
    ("list row", "Parler à un conseiller humain", 24, "Parler à un conseiller…"),
    ("one long word", "Anticonstitutionnellement", 20, "Anticonstitutionnel…"),
    ("a short word then a long one", "Les anticonstitutionnellement", 20,
     "Les anticonstitutio…"),
    ("spaces collapsed", "  Oui \n merci ", 20, "Oui merci"),
    ("emoji count for two", "😀" * 11, 20, "😀" * 9 + "…"),
    ("empty", "", 20, ""),
]  # fmt: skip


@pytest.mark.parametrize(("title", "limit", "short"), [c[1:] for c in TITLES],
                         ids=[c[0] for c in TITLES])  # fmt: skip
def test_short_title(title: str, limit: int, short: str) -> None:
    assert short_title(title, limit) == short
    assert units(short) <= limit


# --- ids and answers ----------------------------------------------------------------------

LONG = "/q" + "x" * 300
IDS = [
    ("a short payload is its own id", Choice("A", "/affirm"), 256, "/affirm"),
    ("a payload at the limit", Choice("A", "p" * 200), 200, "p" * 200),
    ("too long", Choice("A", "p" * 201), 200, "choice:3:"),
    ("looks like a key", Choice("A", "choice:1:00000000"), 256, "choice:3:"),
    ("empty", Choice("A", ""), 256, "choice:3:"),
    ("surrounding spaces", Choice("A", " /affirm"), 256, "choice:3:"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("choice", "limit", "start"), [c[1:] for c in IDS], ids=[c[0] for c in IDS]
)
def test_choice_id(choice: Choice, limit: int, start: str) -> None:
    identifier = choice_id(3, choice, limit)
    assert identifier.startswith(start) and units(identifier) <= limit
    offered = (Choice("x", "/x"), Choice("y", "/y"), choice)
    assert payload_of(identifier, offered) == choice.payload


OFFERED = (Choice("Livraison", "/q1"), Choice("Retours", LONG), HANDOVER)
KEY = choice_id(2, OFFERED[1], 256)
PAYLOADS_OF = [
    ("a payload, offered", "/q1", OFFERED, "/q1"),
    ("a payload, nothing offered any more", "/parler_humain", (), "/parler_humain"),
    ("a key", KEY, OFFERED, LONG),
    ("a key, the choice moved", KEY, (OFFERED[1], HANDOVER), LONG),
    ("a key, other choices offered since", KEY, (Choice("A", "/a"), Choice("B", "/b")), None),
    ("a key, nothing offered", KEY, (), None),
    ("a key beyond the choices", "choice:9:" + KEY.rsplit(":", 1)[1], OFFERED, LONG),
    ("a forged key", "choice:2:00000000", OFFERED, None),
]  # fmt: skip


@pytest.mark.parametrize(("reply_id", "offered", "payload"), [c[1:] for c in PAYLOADS_OF],
                         ids=[c[0] for c in PAYLOADS_OF])  # fmt: skip
def test_payload_of(reply_id: str, offered: tuple[Choice, ...], payload: str | None) -> None:
    assert payload_of(reply_id, offered) == payload


CHOSEN = [
    ("2", "/q2"), ("2.", "/q2"), (" 2 ", "/q2"), ("2)", "/q2"), ("n°2", "/q2"), ("n° 2", "/q2"),
    ("N°2", "/q2"), ("no 2", "/q2"), ("le 2", "/q2"), ("Le numéro 2", "/q2"), ("numero 2", "/q2"),
    ("choix 2", "/q2"), ("#2", "/q2"), ("3 !", HANDOVER_PAYLOAD), ("1", "/q1"),
    ("4", "/q4"), ("0", None), ("5", None), ("12", None), ("2 3", None), ("-2", None), ("2e", None),
    ("retourner un article", "/q2"), ("RETOURNER UN ARTICLE", "/q2"),
    ("Retourner un article.", "/q2"),
    ("parler a un conseiller", HANDOVER_PAYLOAD), ("Parler  à un conseiller !", HANDOVER_PAYLOAD),
    ("« Livraison en Belgique »", "/q1"), ("l'emballage", "/q4"),
    ("un article", None), ("oui", None), ("", None), ("   ", None),
]  # fmt: skip
CHOICES = (Choice("Livraison en Belgique", "/q1"), Choice("Retourner un article", "/q2"), HANDOVER,
           Choice("L’emballage", "/q4"))  # fmt: skip


@pytest.mark.parametrize(("text", "payload"), CHOSEN, ids=[repr(c[0]) for c in CHOSEN])
def test_chosen_payload(text: str, payload: str | None) -> None:
    assert chosen_payload(text, CHOICES) == payload


def test_chosen_payload_needs_offered_choices_and_one_meaning() -> None:
    assert chosen_payload("1", ()) is None
    twins = (Choice("Oui", "/affirm"), Choice("oui", "/other"))
    assert chosen_payload("OUI", twins) is None
    assert chosen_payload("Oui", (Choice("Oui", "/affirm"), Choice("Oui", "/affirm"))) == "/affirm"


# --- Messenger ----------------------------------------------------------------------------


def messenger(text: str, **message: Any) -> dict[str, Any]:
    return {"recipient": {"id": PSID}, "messaging_type": "RESPONSE",
            "message": {"text": text, **message}}  # fmt: skip


def quick(title: str, payload: str) -> dict[str, str]:
    return {"content_type": "text", "title": title, "payload": payload}


MESSENGER = [
    ("text", Bubble("Bonjour !"), [messenger("Bonjour !")]),
    ("nothing to say", Bubble("  "), []),
    ("yes or no", Bubble("Est-ce bien cela ?", YES_NO),
     [messenger("Est-ce bien cela ?",
                quick_replies=[quick("Oui", "/affirm"), quick("Non", "/deny")])]),
    ("titles cut to 20", Bubble("Que voulez-vous ?", (HANDOVER,)),
     [messenger("Que voulez-vous ?", quick_replies=[quick("Parler à un…", HANDOVER_PAYLOAD)])]),
    ("choices without text", Bubble("", YES_NO),
     [messenger(CHOICE_PROMPT, quick_replies=[quick("Oui", "/affirm"), quick("Non", "/deny")])]),
    ("long text: quick replies on the last piece",
     Bubble(SENTENCE * 60, YES_NO),
     [messenger((SENTENCE * 27).strip()), messenger((SENTENCE * 27).strip()),
      messenger((SENTENCE * 6).strip(),
                quick_replies=[quick("Oui", "/affirm"), quick("Non", "/deny")])]),
]  # fmt: skip


@pytest.mark.parametrize(("bubble", "bodies"), [c[1:] for c in MESSENGER],
                         ids=[c[0] for c in MESSENGER])  # fmt: skip
def test_messenger_bodies(bubble: Bubble, bodies: list[dict[str, Any]]) -> None:
    assert messenger_bodies(PSID, bubble) == bodies


@pytest.mark.parametrize(
    ("choices", "kept"),
    [(topics(13), list(range(1, 14))),
     (topics(13) + (HANDOVER,), [*range(1, 13), 14]),
     (topics(15), list(range(1, 14))),
     ((HANDOVER, *topics(20)), list(range(1, 14)))],
    ids=["13: all", "14 with the handover last: 12 and the handover", "15: the first 13",
         "handover first: the first 13"],
)  # fmt: skip
def test_messenger_many_choices(choices: tuple[Choice, ...], kept: list[int]) -> None:
    [body] = messenger_bodies(PSID, Bubble("Laquelle ?", choices))
    replies = body["message"]["quick_replies"]
    assert [payload_of(r["payload"], choices) for r in replies] == [choices[n - 1].payload
                                                                    for n in kept]  # fmt: skip
    text = body["message"]["text"]
    if len(choices) <= 13:
        assert text == "Laquelle ?"
    else:  # every choice numbered in the text, and read back from its number
        assert text.startswith("Laquelle ?\n\n1. ") and text.endswith(f"\n\n{NUMBER_PROMPT}")
        assert f"\n{len(choices)}. {choices[-1].title}\n" in text
        assert chosen_payload(str(len(choices)), choices) == choices[-1].payload


def test_messenger_long_payload_gets_a_key() -> None:
    choices = (Choice("Long", "/q" + "y" * 1000), *YES_NO)
    [body] = messenger_bodies(PSID, Bubble("?", choices))
    ids = [reply["payload"] for reply in body["message"]["quick_replies"]]
    assert ids[0].startswith("choice:1:") and ids[1:] == ["/affirm", "/deny"]
    assert payload_of(ids[0], choices) == choices[0].payload


# --- WhatsApp -----------------------------------------------------------------------------


def wa_text(body: str) -> dict[str, Any]:
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": WA_ID,
            "type": "text", "text": {"body": body, "preview_url": False}}  # fmt: skip


def wa_interactive(interactive: dict[str, Any]) -> dict[str, Any]:
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": WA_ID,
            "type": "interactive", "interactive": interactive}  # fmt: skip


def buttons(body: str, *replies: tuple[str, str]) -> dict[str, Any]:
    return wa_interactive({"type": "button", "body": {"text": body}, "action": {"buttons": [
        {"type": "reply", "reply": {"id": i, "title": t}} for i, t in replies]}})  # fmt: skip


def rows(body: str, *items: dict[str, str]) -> dict[str, Any]:
    action = {"button": "Choisir", "sections": [{"title": "Choix possibles", "rows": list(items)}]}
    return wa_interactive({"type": "list", "body": {"text": body}, "action": action})


FOUR = (Choice("Livraison", "/q1"), Choice("Retourner un article reçu abîmé", "/q2"),
        Choice("Carte cadeau", "/q3"), HANDOVER)  # fmt: skip
WHATSAPP = [
    ("text", Bubble("Bonjour !"), [wa_text("Bonjour !")]),
    ("nothing to say", Bubble(""), []),
    ("long text", Bubble(SENTENCE * 80),
     [wa_text((SENTENCE * 56).strip()), wa_text((SENTENCE * 24).strip())]),
    ("yes or no: buttons", Bubble("Est-ce bien cela ?", YES_NO),
     [buttons("Est-ce bien cela ?", ("/affirm", "Oui"), ("/deny", "Non"))]),
    ("three buttons, cut titles", Bubble("Que voulez-vous ?", (*YES_NO, HANDOVER)),
     [buttons("Que voulez-vous ?", ("/affirm", "Oui"), ("/deny", "Non"),
              (HANDOVER_PAYLOAD, "Parler à un…"))]),
    ("cut titles that collide are numbered",
     Bubble("Laquelle ?", (Choice("Livraison en Belgique", "/be"),
                           Choice("Livraison en Belgique et Suisse", "/ch"))),
     [buttons("Laquelle ?", ("/be", "1. Livraison en…"), ("/ch", "2. Livraison en…"))]),
    ("choices without text", Bubble("", YES_NO),
     [buttons(CHOICE_PROMPT, ("/affirm", "Oui"), ("/deny", "Non"))]),
    ("text too long for buttons: sent first", Bubble(SENTENCE * 20, YES_NO),
     [wa_text((SENTENCE * 20).strip()),
      buttons(CHOICE_PROMPT, ("/affirm", "Oui"), ("/deny", "Non"))]),
    ("four choices: a list", Bubble("Quel sujet ?", FOUR),
     [rows("Quel sujet ?", {"id": "/q1", "title": "Livraison"},
           {"id": "/q2", "title": "Retourner un article…",
            "description": "Retourner un article reçu abîmé"},
           {"id": "/q3", "title": "Carte cadeau"},
           {"id": HANDOVER_PAYLOAD, "title": "Parler à un conseiller"})]),
    ("a list takes a long body", Bubble(SENTENCE * 20, FOUR),
     [rows((SENTENCE * 20).strip(), {"id": "/q1", "title": "Livraison"},
           {"id": "/q2", "title": "Retourner un article…",
            "description": "Retourner un article reçu abîmé"},
           {"id": "/q3", "title": "Carte cadeau"},
           {"id": HANDOVER_PAYLOAD, "title": "Parler à un conseiller"})]),
]  # fmt: skip


@pytest.mark.parametrize(("bubble", "bodies"), [c[1:] for c in WHATSAPP],
                         ids=[c[0] for c in WHATSAPP])  # fmt: skip
def test_whatsapp_bodies(bubble: Bubble, bodies: list[dict[str, Any]]) -> None:
    assert whatsapp_bodies(WA_ID, bubble) == bodies


def test_whatsapp_same_payload_twice_gets_a_key_resolved_back() -> None:
    choices = (Choice("Livraison", "/q1"), Choice("Carte", "/q3"), Choice("Délais", "/q1"),
               Choice("Colis", "/q4"))  # fmt: skip
    [body] = whatsapp_bodies(WA_ID, Bubble("?", choices))
    ids = [row["id"] for row in body["interactive"]["action"]["sections"][0]["rows"]]
    assert ids[:2] == ["/q1", "/q3"] and ids[2].startswith("choice:3:") and ids[3] == "/q4"
    assert [payload_of(i, choices) for i in ids] == ["/q1", "/q3", "/q1", "/q4"]


def test_whatsapp_text_too_long_for_a_list_is_sent_first() -> None:
    bodies = whatsapp_bodies(WA_ID, Bubble(SENTENCE * 60, FOUR))
    assert [b["type"] for b in bodies] == ["text", "text", "interactive"]
    assert bodies[-1]["interactive"]["body"] == {"text": CHOICE_PROMPT}


@pytest.mark.parametrize("count", [11, 14, 40])
def test_whatsapp_more_than_ten_choices_a_numbered_list(count: int) -> None:
    choices = topics(count)
    bodies = whatsapp_bodies(WA_ID, Bubble("Quelle question ?", choices))
    assert {body["type"] for body in bodies} == {"text"}
    text = "\n\n".join(body["text"]["body"] for body in bodies)
    assert text.startswith("Quelle question ?\n\n1. Question numéro 1 sur la livraison\n")
    assert text.endswith(f"{count}. Question numéro {count} sur la livraison\n\n{NUMBER_PROMPT}")
    assert chosen_payload(f"le {count}", choices) == f"/q{count}"


@pytest.mark.parametrize(
    ("payload", "limit_kind"),
    [("/q" + "x" * 254, "button"), ("/q" + "x" * 198, "list")],
    ids=["256 characters in a button", "200 characters in a list row"],
)
def test_whatsapp_ids_at_and_over_the_limit(payload: str, limit_kind: str) -> None:
    over = Choice("Long", payload + "z")
    at = Choice("Juste", payload)
    choices = (at, over) if limit_kind == "button" else (at, over, *YES_NO)
    [body] = whatsapp_bodies(WA_ID, Bubble("?", choices))
    action = body["interactive"]["action"]
    items = ([b["reply"] for b in action["buttons"]] if limit_kind == "button"
             else action["sections"][0]["rows"])  # fmt: skip
    assert items[0]["id"] == payload
    assert items[1]["id"].startswith("choice:2:")
    assert payload_of(items[1]["id"], choices) == over.payload


BUBBLES = [
    Bubble(SENTENCE * k + "😀" * k, choices)
    for k in (0, 1, 14, 28, 56, 120)
    for choices in ((), YES_NO, FOUR, topics(10), topics(11), topics(13), topics(14) + (HANDOVER,),
                    (Choice("😀" * 30, "😀" * 300),) * 3)
]  # fmt: skip


@pytest.mark.parametrize("bubble", BUBBLES)
def test_every_body_within_metas_limits(bubble: Bubble) -> None:
    for body in messenger_bodies(PSID, bubble):
        message = body["message"]
        assert 0 < units(message["text"]) <= 2000
        for reply in message.get("quick_replies", []):
            assert 0 < units(reply["title"]) <= 20 and 0 < units(reply["payload"]) <= 1000
        assert len(message.get("quick_replies", [])) <= 13
    for body in whatsapp_bodies(WA_ID, bubble):
        if body["type"] == "text":
            assert 0 < units(body["text"]["body"]) <= 4096
            continue
        interactive = body["interactive"]
        action = interactive["action"]
        if interactive["type"] == "button":
            assert 0 < units(interactive["body"]["text"]) <= 1024
            assert 1 <= len(action["buttons"]) <= 3
            titles = [b["reply"]["title"] for b in action["buttons"]]
            assert len({t.casefold() for t in titles}) == len(titles)
            assert all(0 < units(t) <= 20 for t in titles)
            assert all(0 < units(b["reply"]["id"]) <= 256 for b in action["buttons"])
        else:
            assert 0 < units(interactive["body"]["text"]) <= 4096
            assert units(action["button"]) <= 20
            [section] = action["sections"]
            assert units(section["title"]) <= 24 and 4 <= len(section["rows"]) <= 10
            for row in section["rows"]:
                assert 0 < units(row["id"]) <= 200 and 0 < units(row["title"]) <= 24
                assert units(row.get("description", "")) <= 72
            assert len({row["id"] for row in section["rows"]}) == len(section["rows"])
