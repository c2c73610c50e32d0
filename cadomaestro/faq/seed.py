"""Split the shop's FAQ page (plain text) into its questions and source paragraphs.

The page has no markup: a question heading is a line ending with "?" whose previous line is not
itself a heading (every question has an answer) and that is not one of the rhetorical
"Vous souhaitez …?" openings used inside answers. Sections end with a "Revenir au sommaire <name>"
line; the questions after the last one form the contact section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cadomaestro import paths

SEED_PATH = paths.FAQ_PAGE

# Section names as printed on the page -> corpus category.
SECTION_CATEGORIES = {
    "Livraison": "livraison",
    "Retrait entrepôt": "retrait_entrepot",
    "Retours et Réclamations": "retours_reclamations",
    "Commande": "commande",
    "Paiement": "paiement",
    "Compte Client": "compte_client",
    "Produits": "produits",
}
LAST_CATEGORY = "contact"
HEADER_LINES = 3  # page title, "EN QUOI PUIS-JE VOUS AIDER ?", intro sentence
_SECTION_END = re.compile(r"^Revenir au sommaire (?P<name>.+?) / Haut de page$")


@dataclass(frozen=True)
class SeedQuestion:
    question: str
    category: str
    source: str  # the answer paragraph(s), verbatim, lines joined with "\n"


def is_question_heading(line: str, previous_is_heading: bool) -> bool:
    line = line.strip()
    return (
        line.endswith("?")
        and not line.isupper()
        and not previous_is_heading
        and not line.startswith("Vous souhaitez")
    )


def is_navigation(line: str) -> bool:
    return _SECTION_END.match(line.strip()) is not None


def parse_seed(text: str) -> list[SeedQuestion]:
    """Return the page's questions in order, each with its category and source paragraph."""
    lines = text.splitlines()[HEADER_LINES:]
    blocks: list[tuple[str, list[str]]] = []  # (question, body lines)
    categories: list[str | None] = []
    previous_is_heading = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        section = _SECTION_END.match(line)
        if section:
            category = SECTION_CATEGORIES[section.group("name")]
            categories = [c if c is not None else category for c in categories]
            previous_is_heading = False
            continue
        if is_question_heading(line, previous_is_heading):
            blocks.append((line, []))
            categories.append(None)
            previous_is_heading = True
            continue
        if blocks:
            blocks[-1][1].append(line)
        previous_is_heading = False
    return [
        SeedQuestion(question=q, category=c or LAST_CATEGORY, source="\n".join(body))
        for (q, body), c in zip(blocks, categories, strict=True)
    ]


def load_seed(path: Path = SEED_PATH) -> list[SeedQuestion]:
    return parse_seed(path.read_text(encoding="utf-8"))
