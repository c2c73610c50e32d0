"""Load and check the FAQ corpus: one YAML file per FAQ question under `faq_corpus/<category>/`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from cadomaestro import paths
from cadomaestro.faq.facts import missing_facts

CORPUS_DIR = paths.FAQ_CORPUS

CATEGORIES = (
    "livraison",
    "retrait_entrepot",
    "retours_reclamations",
    "commande",
    "paiement",
    "compte_client",
    "produits",
    "contact",
)
# Retrieval intents: `faq` for questions answered from the FAQ alone, the order problems for
# questions that the order backend will answer from the order's state.
RETRIEVAL_INTENTS = (
    "faq",
    "colis_perdu",
    "produit_defectueux",
    "modifier_commande",
    "points_fidelite",
)

MIN_EXAMPLES = 15
MAX_ANSWER_CHARS = 900  # two chat bubbles (paragraphs), the longest for modes_livraison
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Rasa entity annotation inside an example: "[KQZPTRBWE](reference_commande)".
_ANNOTATION = re.compile(r"\[([^\]]+)\]\([a-z_]+\)")
# Informal "tu" forms; customer-facing text uses vouvoiement.
_TUTOIEMENT = re.compile(r"\b(tu|toi|ton|ta|tes|t'|te)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FaqEntry:
    id: str
    category: str
    intent: str
    title: str
    question: str
    source: str
    answer: str
    examples: tuple[str, ...]
    path: Path

    @property
    def full_intent(self) -> str:
        """The retrieval intent with its response key, e.g. `faq/pays_livraison`."""
        return f"{self.intent}/{self.id}"

    @property
    def response_name(self) -> str:
        return f"utter_{self.full_intent}"


def plain_text(example: str) -> str:
    """An example as the customer typed it, without entity annotations."""
    return _ANNOTATION.sub(r"\1", example)


class CorpusError(ValueError):
    pass


def load_entry(path: Path) -> FaqEntry:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: expected a mapping")
    try:
        examples = data.get("examples") or []
        return FaqEntry(
            id=str(data["id"]),
            category=str(data["category"]),
            intent=str(data["intent"]),
            title=str(data.get("title") or ""),
            question=str(data["question"]).strip(),
            source=str(data["source"]).strip(),
            answer=str(data.get("answer") or "").strip(),
            examples=tuple(str(e).strip() for e in examples),
            path=path,
        )
    except KeyError as missing:
        raise CorpusError(f"{path}: missing field {missing}") from None


def load_corpus(directory: Path = CORPUS_DIR) -> list[FaqEntry]:
    """All entries, sorted by category order then id; raises CorpusError on structural errors."""
    entries = [load_entry(p) for p in sorted(directory.glob("*/*.yml"))]
    seen: dict[str, Path] = {}
    for entry in entries:
        if entry.id in seen:
            raise CorpusError(f"{entry.path}: id {entry.id!r} already used by {seen[entry.id]}")
        seen[entry.id] = entry.path
        if not _ID.match(entry.id):
            raise CorpusError(f"{entry.path}: id must be snake_case ascii")
        if entry.category not in CATEGORIES or entry.path.parent.name != entry.category:
            raise CorpusError(f"{entry.path}: category must be one of {CATEGORIES} and its folder")
        if entry.intent not in RETRIEVAL_INTENTS:
            raise CorpusError(f"{entry.path}: intent must be one of {RETRIEVAL_INTENTS}")
    entries.sort(key=lambda e: (CATEGORIES.index(e.category), e.id))
    return entries


def entry_problems(entry: FaqEntry) -> list[str]:
    """Content problems of one entry (empty list when the entry is ready)."""
    problems = []
    if not entry.title:
        problems.append("no title")
    if not entry.answer:
        problems.append("no answer")
    elif len(entry.answer) > MAX_ANSWER_CHARS:
        problems.append(f"answer has {len(entry.answer)} characters (max {MAX_ANSWER_CHARS})")
    if _TUTOIEMENT.search(entry.answer):
        problems.append("answer uses tutoiement")
    lost = missing_facts(entry.source, entry.answer)
    if lost:
        problems.append(f"answer drops facts of its source: {sorted(lost)}")
    if len(set(entry.examples)) < MIN_EXAMPLES:
        problems.append(f"{len(set(entry.examples))} distinct examples (min {MIN_EXAMPLES})")
    return problems
