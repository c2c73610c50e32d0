"""Generate the Rasa files that come from the FAQ corpus.

Run `make faq` (= `python -m cadomaestro.faq generate`) after editing `faq_corpus/`; the test
suite fails when the committed files differ from what this module generates.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from cadomaestro import paths
from cadomaestro.faq.corpus import FaqEntry, load_corpus

NLU_FILE = paths.GENERATED_DATA / "faq_nlu.yml"
RESPONSES_FILE = paths.GENERATED_DATA / "faq_responses.yml"
STORIES_FILE = paths.CONVERSATION_TESTS / "test_faq_stories.yml"

HEADER = (
    "# Generated from faq_corpus/ by `make faq` (python -m cadomaestro.faq generate).\n"
    "# Do not edit: change the corpus entry and regenerate.\n"
)


class _Dumper(yaml.SafeDumper):
    """Block style for multi-line strings, so the generated files read like hand-written ones."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(document: dict) -> str:
    body = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return HEADER + body


def training_examples(entry: FaqEntry) -> list[str]:
    """The entry's examples, with its original FAQ question first (clarification buttons send
    the question as the customer's message, so it must be understood)."""
    examples = [entry.question, *entry.examples]
    return list(dict.fromkeys(e for e in examples if e))


def render_nlu(entries: list[FaqEntry]) -> str:
    nlu = [
        {
            "intent": entry.full_intent,
            "examples": "".join(f"- {example}\n" for example in training_examples(entry)),
        }
        for entry in entries
    ]
    return _dump({"version": "3.1", "nlu": nlu})


def render_responses(entries: list[FaqEntry]) -> str:
    responses = {entry.response_name: [{"text": entry.answer}] for entry in entries}
    return _dump({"version": "3.1", "responses": responses})


def render_test_stories(entries: list[FaqEntry]) -> str:
    """One conversation test per FAQ topic: the original question is understood as its topic and
    answered by the dialogue (what it answers is tested through the REST channel,
    tests/integration/).

    The question is what a clarification button sends for the topic, so each test checks a real
    path end to end; how well the model generalises is measured on the evaluation sets."""
    stories = [
        {
            "story": f"FAQ {entry.full_intent}",
            "steps": [
                {"user": entry.question, "intent": entry.full_intent},
                {"action": "action_respond"},
            ],
        }
        for entry in entries
    ]
    return _dump({"version": "3.1", "stories": stories})


def rendered_files(entries: list[FaqEntry] | None = None) -> dict[Path, str]:
    entries = load_corpus() if entries is None else entries
    return {
        NLU_FILE: render_nlu(entries),
        RESPONSES_FILE: render_responses(entries),
        STORIES_FILE: render_test_stories(entries),
    }


def generate() -> int:
    for path, content in rendered_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(paths.ROOT)}")
    return 0
