"""A small checkout for the training export's tests: three real FAQ entries, the real domain and
entity data, a little hand-written NLU data, the generated data, and one message in each
evaluation or test set."""

from __future__ import annotations

import shutil
from pathlib import Path

from cadomaestro import paths
from cadomaestro.faq.corpus import load_corpus
from cadomaestro.faq.generate import render_nlu

ENTRIES = ("livraison/absence_livraison.yml", "livraison/pays_livraison.yml",
           "livraison/colis_perdu.yml")  # fmt: skip
FILES = {
    "data/nlu/chitchat.yml": """\
# Hand-written small talk.
version: "3.1"
nlu:
- intent: greet
  examples: |
    - bonjour
    - salut
- intent: out_of_scope
  examples: |
    - quel temps fait-il
""",
    "tests/heldout/part1.yml": """\
version: "3.1"
nlu:
- intent: faq/absence_livraison
  examples: |
    - absent le jour de la livraison il se passe quoi
""",
    "tests/realistic/dev/messages.yml": """\
version: "3.1"
nlu:
- intent: faq/pays_livraison
  examples: |
    - vous envoyez aux usa ?
""",
    "tests/realistic/test/messages.yml": """\
version: "3.1"
nlu:
- intent: greet
  examples: |
    - coucou toi
""",
    "tests/realistic/two_questions/dev.yml": """\
- kind: A
  text: vous livrez en italie ? ca coute combien ?
  first: faq/pays_livraison
  second: faq/delais_frais_livraison
""",
    "tests/dialogues/dev/humain.yml": """\
conversations:
- id: d01
  category: humain
  turns:
  - user: ok parfait merci
  - click: Parler à un conseiller
""",
    "tests/dialogues/test/humain.yml": """\
conversations:
- id: t01
  category: humain
  turns:
  - user: je veux parler a quelqu'un
""",
    "tests/conversations/test_stories.yml": """\
version: "3.1"
stories:
  - story: A reference
    steps:
      - user: "[KQZPTRBWE](reference_commande) c'est ma commande"
        intent: donner_infos
      - action: action_respond
      - user: 'en [Belgique]{"entity": "pays", "value": "BE"} vous livrez'
        intent: faq/pays_livraison
      - action: action_respond
""",
}


def make_root(folder: Path) -> Path:
    for entry in ENTRIES:
        target = folder / "faq_corpus" / entry
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(paths.FAQ_CORPUS / entry, target)
    shutil.copy(paths.DOMAIN, folder / "domain.yml")
    (folder / "data" / "nlu").mkdir(parents=True)
    shutil.copy(paths.DATA / "nlu" / "entities.yml", folder / "data" / "nlu" / "entities.yml")
    for name, content in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    generated = folder / "data" / "generated" / "faq_nlu.yml"
    generated.parent.mkdir(parents=True)
    generated.write_text(render_nlu(load_corpus(folder / "faq_corpus")), encoding="utf-8")
    return folder
