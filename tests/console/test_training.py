"""The training export (cadomaestro/console/training.py) on a small copy of the repository:
what is added where and how it is written, what is skipped and why, proposals, identifiers, and
that a second run changes nothing."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from cadomaestro.console import training
from cadomaestro.console.review import Correction
from cadomaestro.faq.corpus import entry_problems, load_corpus
from cadomaestro.faq.generate import render_nlu
from tests.console.tiny_repo import make_root

ABSENCE = "faq_corpus/livraison/absence_livraison.yml"
PAYS = "faq_corpus/livraison/pays_livraison.yml"
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=timezone.utc)


def correction(text: str, label: str | None, proposed: str | None = None, index: int = 0):
    return Correction("web:abc", index, text, "nlu_fallback", label, proposed, "a@b.fr", NOW)


# (message, label) -> why it is skipped
SKIPPED = [
    ("Bonjour", "greet", training.ALREADY),
    ("SALUT !!", "greet", training.ALREADY),
    ("Absent le jour de la livraison, il se passe quoi ?", "faq/absence_livraison",
     training.in_set("tests/heldout/")),
    ("vous envoyez aux USA", "faq/pays_livraison", training.in_set("tests/realistic/")),
    ("Coucou toi", "greet", training.in_set("tests/realistic/")),
    ("vous livrez en Italie ? ça coute combien ?", "faq/pays_livraison",
     training.in_set("tests/realistic/")),
    ("ok parfait merci", "thanks", training.in_set("tests/dialogues/")),
    ("je veux parler à quelqu’un", "parler_humain", training.in_set("tests/dialogues/")),
    ("quel temps fait-il", "greet", training.trained_as("out_of_scope")),
    ("[promo](code) marche pas", "faq/absence_livraison", training.HAS_MARKUP),
    ("   \n ", "greet", training.EMPTY),
    ("?!", "greet", training.NO_WORDS),
    ("mot " * 80, "greet", training.TOO_LONG),
    ("un sujet disparu", "faq/sujet_disparu", training.UNKNOWN_LABEL),
]  # fmt: skip
# (message, label) -> the example written, in which file
ADDED = [
    ("le livreur est passe quand j'étais au travail", "faq/absence_livraison",
     "le livreur est passe quand j'étais au travail", ABSENCE),
    ("oui : c'est « urgent » # vraiment", "faq/absence_livraison",
     "oui : c'est « urgent » # vraiment", ABSENCE),
    ("LIVRAISON en  Belgique\npossible ?", "faq/pays_livraison",
     "LIVRAISON en [Belgique](pays) possible ?", PAYS),
    ("yo la team", "greet", "yo la team", training.CORRECTIONS_FILE),
    ("c'est quoi la capitale du pérou", "out_of_scope", "c'est quoi la capitale du pérou",
     training.CORRECTIONS_FILE),
]  # fmt: skip
PERSONAL = ("ma commande pvnkrzqhl, mail jean.dupont@gmail.com, tel 06 12 34 56 78, "
            "cp 69003, livré en Belgique par tnt")  # fmt: skip


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "repo")


def corrections() -> list[Correction]:
    found = [correction(text, label) for text, label, _ in SKIPPED]
    found += [correction(text, label) for text, label, _, _ in ADDED]
    found += [
        correction("Le livreur est passé quand j’étais au TRAVAIL !", "faq/absence_livraison"),
        correction("tu peux me dire l'heure", "out_of_scope"),
        correction("Tu peux me dire l’heure ?", "greet"),
        correction("vous vendez des vélos ?", None, "Vente de vélos"),
        correction("des velos vous en avez", None, "vente de  VÉLOS"),
        correction(PERSONAL, "donner_infos"),
    ]
    return found


def test_skipped_messages_say_why(root: Path) -> None:
    result = training.export(corrections(), root)
    reasons = {(s.label, s.correction.text): s.reason for s in result.skipped if s.correction}
    for text, label, reason in SKIPPED:
        assert reasons[(label, text)] == reason, text
    duplicate = "Le livreur est passé quand j’étais au TRAVAIL !"
    assert reasons[("faq/absence_livraison", duplicate)] == training.DUPLICATE
    assert reasons[("out_of_scope", "tu peux me dire l'heure")] == training.CONFLICT
    assert reasons[("greet", "Tu peux me dire l’heure ?")] == training.CONFLICT
    assert len(result.skipped) == len(SKIPPED) + 3
    assert result.corrections == len(corrections())
    report = "\n".join(result.report())
    assert "2 same message corrected to different labels" in report
    assert "1 in an evaluation or test set (tests/heldout/)" in report


def test_added_examples_land_in_their_files_as_written(root: Path) -> None:
    before = {path: (root / path).read_text(encoding="utf-8") for path in (ABSENCE, PAYS)}
    result = training.export(corrections(), root)
    added = {(a.example, a.path) for a in result.added}
    for _, _, example, path in ADDED:
        assert (example, path) in added
    result.write(root)
    for path, old in before.items():  # appended: the rest of the file untouched
        new = (root / path).read_text(encoding="utf-8")
        assert new.startswith(old)
        assert [a.example for a in result.added if a.path == path] == [
            yaml.safe_load(line)[0] for line in new[len(old) :].splitlines()
        ]
    absence = (root / ABSENCE).read_text(encoding="utf-8")
    assert absence.endswith(
        "- le livreur est passe quand j'étais au travail\n- 'oui : c''est « urgent » # vraiment'\n"
    )
    entries = load_corpus(root / "faq_corpus")
    assert [p for e in entries for p in entry_problems(e)] == []
    generated = (root / "data/generated/faq_nlu.yml").read_text(encoding="utf-8")
    assert generated == render_nlu(entries)  # as make faq generates it


def test_the_corrections_file_is_rasa_nlu_data_with_its_header(root: Path) -> None:
    training.export(corrections(), root).write(root)
    content = (root / training.CORRECTIONS_FILE).read_text(encoding="utf-8")
    assert content.startswith("# Generated by `make annotations`")
    assert "reviewed by a developer before commit" in content.lower()
    examples = RasaYAMLReader().reads(content).training_examples
    by_intent = {(m.get("intent"), m.get("text")) for m in examples}
    assert ("greet", "yo la team") in by_intent
    assert ("out_of_scope", "c'est quoi la capitale du pérou") in by_intent


def test_identifiers_are_fictional_and_entities_annotated(root: Path) -> None:
    result = training.export(corrections(), root)
    [example] = [a.example for a in result.added if a.label == "donner_infos"]
    for personal in ("pvnkrzqhl", "jean.dupont", "gmail", "06 12 34 56 78"):
        assert personal not in example
    assert "[69003](code_postal)" in example and "[Belgique](pays)" in example
    assert "[tnt](transporteur)" in example and "tel 01 99 00 " in example
    [parsed] = (
        RasaYAMLReader()
        .reads(f'version: "3.1"\nnlu:\n- intent: donner_infos\n  examples: |\n    - {example}\n')
        .training_examples
    )
    entities = {e["entity"]: e["value"] for e in parsed.get("entities")}
    assert set(entities) == {"reference_commande", "email", "code_postal", "pays", "transporteur"}
    assert entities["reference_commande"].islower() and entities["email"].endswith("@example.fr")
    again = training.export([correction(PERSONAL, "donner_infos")], root)
    assert again.added[0].example == example  # the same fictional values every time


def test_an_address_the_entity_regex_misses_is_hidden_too(root: Path) -> None:
    """The same identifiers as a test story hides (identifiers.personal_spans): an e-mail
    data/nlu/entities.yml's regex misses (`_` in its domain), a reference, a phone number."""
    text = "jean.dupont@mon_fai.fr commande PVNKRZQHL tel 06 12 34 56 78 merci"
    [added] = training.export([correction(text, "donner_infos")], root).added
    for personal in ("jean", "dupont", "mon_fai", "pvnkrzqhl", "06 12 34 56 78"):
        assert personal not in added.example.lower()
    assert added.example.startswith("[") and "@example.fr](email) commande [" in added.example
    assert "](reference_commande) tel 01 99 00 " in added.example


@pytest.mark.parametrize(
    "folder",
    ["tests/heldout", "tests/realistic/dev", "tests/realistic/test", "tests/dialogues/dev",
     "tests/dialogues/test", "tests/realistic/two_questions"],
)  # fmt: skip
@pytest.mark.parametrize("how", ["missing", "empty"])
def test_without_an_evaluation_set_the_export_is_refused(root: Path, folder: str, how: str) -> None:
    """Fails closed: without a set (a console deployed without tests/, `--root` at a partial
    checkout) its messages could not be kept out of the training data."""
    shutil.rmtree(root / folder)
    if how == "empty":
        (root / folder).mkdir()
        empty = "conversations: []\n" if "dialogues" in folder else 'version: "3.1"\nnlu: []\n'
        empty = "[]\n" if "two_questions" in folder else empty
        (root / folder / "rien.yml").write_text(empty, encoding="utf-8")
    with pytest.raises(training.ExportError, match=f"absent ou vide : {folder}/"):
        training.export([correction("yo la team", "greet")], root)


def test_an_unreadable_evaluation_set_refuses_the_export(root: Path) -> None:
    (root / "tests/dialogues/dev/casse.yml").write_text("conversations: [", encoding="utf-8")
    with pytest.raises(training.ExportError, match="illisible : tests/dialogues/dev/"):
        training.export([correction("yo la team", "greet")], root)


def test_proposals_are_reported_not_trained(root: Path) -> None:
    result = training.export(corrections(), root)
    [proposal] = result.proposals
    assert proposal.topic == "Vente de vélos" and len(proposal.messages) == 2
    assert all("vélos" not in a.example for a in result.added)
    assert "« Vente de vélos » (2 message(s))" in "\n".join(result.report())
    assert "# proposed new topics" in result.diff()


def test_a_second_run_changes_nothing(root: Path) -> None:
    first = training.export(corrections(), root)
    assert first.added
    first.write(root)
    second = training.export(corrections(), root)
    assert second.after == {} and second.added == []
    assert {s.reason for s in second.skipped} >= {training.ALREADY}
    assert second.diff().count("\n+++ ") == 0


def test_the_diff_applies_to_the_checkout(root: Path, tmp_path: Path) -> None:
    result = training.export(corrections(), root)
    patch = tmp_path / "corrections.diff"
    patch.write_text(result.diff(), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "apply", str(patch)], cwd=root, check=True)
    for path, content in result.after.items():
        assert (root / path).read_text(encoding="utf-8") == content


def test_a_corpus_file_not_ending_with_its_examples_is_refused(root: Path) -> None:
    path = root / ABSENCE
    path.write_text(path.read_text(encoding="utf-8") + "extra: 1\n", encoding="utf-8")
    with pytest.raises(training.ExportError, match="last block"):
        training.export([correction("un exemple tout neuf", "faq/absence_livraison")], root)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Où est ma commande ?", "ou est ma commande"),
        ("j’ai  pas reçu [KQZPTRBWE](reference_commande)", "j ai pas recu kqzptrbwe"),
        ('en [Belgique]{"entity": "pays", "value": "BE"} ?', "en belgique"),
        ("ÉTÉ\u00a0!", "ete"),
    ],
)
def test_same_input_compares_as_the_model_reads(text: str, key: str) -> None:
    assert training.same_input(text) == key
