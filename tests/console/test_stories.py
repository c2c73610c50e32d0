"""A conversation as a test story (cadomaestro/console/stories.py), on events shaped as Rasa's
tracker store keeps them; the result read back by Rasa's own story reader."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

from cadomaestro.console import stories
from cadomaestro.console.review import Correction

SENDER = "whatsapp:33612345678"
T0 = 1_780_000_000.0  # 2026-05-28


def user(text: str, intent: str, confidence: float = 0.95, entities=(), parsed: str | None = None,
         topic: str | None = None) -> dict[str, Any]:  # fmt: skip
    parse: dict[str, Any] = {
        "text": parsed if parsed is not None else text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}],
        "entities": [dict(e) for e in entities],
    }
    if topic:
        parse["response_selector"] = {
            intent: {"response": {"intent_response_key": topic, "confidence": 0.9}, "ranking": []}
        }
    return {"event": "user", "text": text, "parse_data": parse}


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


def conversation(*turns: dict[str, Any]) -> list[dict[str, Any]]:
    events = [action("action_session_start"), {"event": "session_started"},
              action("action_listen")]  # fmt: skip
    for turn in turns:
        events += [turn, action("action_respond"), {"event": "bot", "text": "…"},
                   action("action_listen")]  # fmt: skip
    return [{**event, "timestamp": T0 + i} for i, event in enumerate(events)]


EVENTS = conversation(
    user("bonjour", "greet"),
    user("vous livrez en Belgique ?", "faq", topic="faq/pays_livraison",
         entities=[{"entity": "pays", "start": 15, "end": 23, "value": "BE"}]),
    user("ma commande  kqzptrbwe, mail sophie.martin@gmail.com", "donner_infos",
         parsed="ma commande kqzptrbwe, mail sophie.martin@gmail.com",
         entities=[{"entity": "reference_commande", "start": 12, "end": 21, "value": "KQZPTRBWE"},
                   {"entity": "email", "start": 28, "end": 51,
                    "value": "sophie.martin@gmail.com"}]),
    user("livraison", "nlu_fallback", confidence=0.4),
    user("/parler_humain", "parler_humain", confidence=1.0),
)  # fmt: skip


def text_of(events: list[dict[str, Any]], index: int) -> str:
    return [e for e in events if e["event"] == "user"][index]["text"]


def corrected(index: int, label: str | None, proposed: str | None = None,
              text: str | None = None) -> Correction:  # fmt: skip
    """A correction of EVENTS' message `index` (recorded with its text unless `text` is given)."""
    text = text_of(EVENTS, index) if text is None else text
    return Correction(SENDER, index, text, "nlu_fallback", label, proposed, "a@b.fr",
                      datetime(2026, 5, 28, tzinfo=timezone.utc))  # fmt: skip


def read_back(content: str, tmp_path: Path) -> list[Any]:
    """The story's events as `rasa test` reads them (the file must be named test_*)."""
    path = tmp_path / "test_console_stories.yml"
    path.write_text(content, encoding="utf-8")
    [step] = YAMLStoryReader().read_from_file(str(path))
    return step.events


def test_a_message_not_understood_and_not_corrected_is_refused() -> None:
    with pytest.raises(stories.StoryError) as refused:
        stories.story(SENDER, EVENTS, [])
    message = str(refused.value)
    assert "message n° 4 « livraison »" in message and "pas encore corrigé" in message
    assert "message n° 1" not in message


def test_the_story_carries_corrections_entities_and_actions(tmp_path: Path) -> None:
    block = stories.story(SENDER, EVENTS, [corrected(3, "faq/delais_frais_livraison"),
                                           corrected(0, "goodbye")])  # fmt: skip
    events = read_back(stories.story_file(block), tmp_path)
    said = [e for e in events if isinstance(e, UserUttered)]
    intents = [e.intent.get("full_retrieval_intent_name") or e.intent_name for e in said]
    assert intents == ["goodbye", "faq/pays_livraison", "donner_infos",
                       "faq/delais_frais_livraison", "parler_humain"]  # fmt: skip
    assert [e.action_name for e in events if isinstance(e, ActionExecuted)] == [
        "action_respond"
    ] * 5
    assert said[1].entities == [{"entity": "pays", "start": 15, "end": 23, "value": "BE"}]
    reference, email = said[2].entities
    assert said[2].text[reference["start"] : reference["end"]] == reference["value"].lower()
    assert reference["value"] != "KQZPTRBWE" and reference["value"].isupper()
    assert said[2].text[email["start"] : email["end"]] == email["value"]
    assert email["value"].endswith("@example.fr")
    assert said[2].text.startswith("ma commande ")  # spaces as the pipeline read them
    assert said[4].text == "/parler_humain"
    assert "# corrected in the console (the assistant understood nlu_fallback)" in block


def test_no_sender_id_nor_identifier_is_written() -> None:
    block = stories.story(SENDER, EVENTS, [corrected(3, "out_of_scope")])
    for personal in ("33612345678", "kqzptrbwe", "sophie.martin", "gmail"):
        assert personal not in block.lower()
    name = yaml.safe_load(stories.story_file(block))["stories"][0]["story"]
    assert name.startswith("Console conversation of 2026-05-28 (whatsapp ")
    assert stories.story_id(SENDER, EVENTS) in name
    other = [{**e, "timestamp": e["timestamp"] + 0.5} for e in EVENTS]  # salted by its time
    assert stories.story_id(SENDER, other) != stories.story_id(SENDER, EVENTS)


def test_a_proposed_topic_keeps_the_assistants_reading_with_a_comment() -> None:
    block = stories.story(SENDER, EVENTS, [corrected(3, None, "Livraison des cadeaux")])
    assert "# a new topic proposed in the console: Livraison des cadeaux" in block
    assert '- user: "livraison"\n        intent: nlu_fallback' in block


def test_a_conversation_without_customer_message_is_refused() -> None:
    with pytest.raises(stories.StoryError, match="aucun message du client"):
        stories.story(SENDER, conversation()[:3], [])


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("non c'est tout", '"non c\'est tout"'),
        ('il a dit "demain"', "'il a dit \"demain\"'"),
        ('l\'a dit "x"', "'l''a dit \"x\"'"),
        ("a\\b", '"a\\\\b"'),
        ("deux\nlignes", '"deux\\nlignes"'),
    ],
)
def test_messages_are_quoted_as_yaml_needs(text: str, written: str) -> None:
    assert stories._quoted(text) == written
    assert yaml.safe_load(written) == text


def test_a_story_replaces_its_older_version_and_others_stay() -> None:
    first = stories.story(SENDER, EVENTS, [corrected(3, "out_of_scope")])
    other = stories.story("web:autre", EVENTS, [corrected(3, "out_of_scope")])
    content = stories.with_story(stories.with_story(None, first), other)
    newer = stories.story(SENDER, EVENTS, [corrected(3, "faq/delais_frais_livraison")])
    updated = stories.with_story(content, newer)
    names = [s["story"] for s in yaml.safe_load(updated)["stories"]]
    assert len(names) == 2 and updated.count("faq/delais_frais_livraison") == 1
    assert stories.with_story(updated, newer) == updated  # idempotent
    assert updated.startswith(stories.HEADER)


def test_a_file_of_another_layout_is_not_rewritten() -> None:
    block = stories.story(SENDER, EVENTS, [corrected(3, "out_of_scope")])
    other = 'version: "3.1"\nstories:\n- story: hand-written\n  steps:\n  - intent: greet\n'
    with pytest.raises(stories.StoryError, match="forme attendue"):
        stories.with_story(other, block)


def test_a_message_without_words_is_an_intent_step() -> None:
    events = conversation(user("", "donner_infos"), user("merci", "thanks"))
    block = stories.story(SENDER, events, [])
    assert "      - intent: donner_infos\n      - action: action_respond\n" in block


def test_text_rasa_would_read_as_markup_is_refused() -> None:
    events = conversation(user("le code [PROMO](promo) marche pas", "faq", topic="faq/code_promo"))
    with pytest.raises(stories.StoryError, match="annotation d’entité"):
        stories.story(SENDER, events, [])


# An e-mail the project's regex misses (data/nlu/entities.yml: no `_` in a domain), a reference
# and a phone number, none of them in the parse's entities.
PERSONAL = "jean.dupont@mon_fai.fr commande PVNKRZQHL tel 06 12 34 56 78 merci"


def test_identifiers_the_parse_missed_are_hidden_all_the_same(tmp_path: Path) -> None:
    events = conversation(user(PERSONAL, "donner_infos"))
    block = stories.story(SENDER, events, [])
    for personal in ("jean", "dupont", "mon_fai", "pvnkrzqhl", "06 12 34 56 78"):
        assert personal not in block.lower()
    [said] = [e for e in read_back(stories.story_file(block), tmp_path)
              if isinstance(e, UserUttered)]  # fmt: skip
    assert said.text.endswith(" merci") and " tel 01 99 00 " in said.text
    # annotated as the pipeline will read the fictional values
    entities = {e["entity"]: e for e in said.entities}
    assert set(entities) == {"email", "reference_commande"}
    email, reference = entities["email"], entities["reference_commande"]
    assert said.text[email["start"] : email["end"]] == email["value"]
    assert email["value"].endswith("@example.fr")
    assert said.text[reference["start"] : reference["end"]] == reference["value"]
    assert reference["value"].isupper() and reference["value"] != "PVNKRZQHL"


def test_a_correction_of_another_message_at_the_same_place_is_ignored() -> None:
    """A WhatsApp id outlives its conversations: a correction recorded for an older one, at
    the same index, is not of this message."""
    stale = corrected(0, "goodbye", text="ancienne conversation, autre message")
    block = stories.story(SENDER, EVENTS, [stale, corrected(3, "out_of_scope")])
    assert stories.IGNORED_CORRECTION + '\n      - user: "bonjour"\n        intent: greet' in block
    assert "ancienne conversation" not in block and "goodbye" not in block
    with pytest.raises(stories.StoryError, match="message n° 4 « livraison »"):
        stories.story(SENDER, EVENTS, [corrected(3, "out_of_scope", text="livraison ?")])
