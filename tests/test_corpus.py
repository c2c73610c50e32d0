"""The FAQ corpus: covers the whole FAQ page, keeps its facts, and drives the generated files."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from cadomaestro import paths
from cadomaestro.console.training import same_input
from cadomaestro.evaluation.dialogues import load_dialogues
from cadomaestro.evaluation.metrics import load_heldout
from cadomaestro.evaluation.two_questions import load as load_two_questions
from cadomaestro.faq.corpus import MIN_EXAMPLES, entry_problems
from cadomaestro.faq.generate import rendered_files, training_examples
from cadomaestro.faq.seed import HEADER_LINES, SEED_PATH, is_navigation, load_seed
from tests.faq_entries import faq_entries

ENTRIES = faq_entries()
SEED = load_seed()
HELDOUT = load_heldout()
# The hand-written intents of domain.yml (the retrieval intents come from the corpus).
SMALL_TALK = yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))["intents"]


def test_corpus_has_one_entry_per_seed_question() -> None:
    assert sorted(e.question for e in ENTRIES) == sorted(q.question for q in SEED)


def test_every_line_of_the_faq_page_belongs_to_an_entry() -> None:
    """Independent of the heading heuristic: no line of the page is left out of the corpus."""
    covered = set()
    for entry in ENTRIES:
        covered.add(entry.question)
        covered.update(entry.source.splitlines())
    lines = SEED_PATH.read_text(encoding="utf-8").splitlines()[HEADER_LINES:]
    missing = [line for line in lines if line.strip() and not is_navigation(line)]
    missing = [line for line in missing if line.strip() not in covered]
    assert missing == []


def test_sources_are_the_faq_paragraphs_verbatim() -> None:
    by_question = {q.question: q for q in SEED}
    for entry in ENTRIES:
        seed = by_question[entry.question]
        assert entry.source == seed.source, entry.id
        assert entry.category == seed.category, entry.id


def test_shared_seed_copy_is_current() -> None:
    shared = paths.ROOT.parent / "shared" / "seed" / SEED_PATH.name
    if not shared.exists():
        pytest.skip("no ../shared checkout beside the repository")
    assert shared.read_text(encoding="utf-8") == SEED_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.full_intent)
def test_entry_is_complete_faithful_and_polite(entry) -> None:
    """Title, answer within two bubbles, vouvoiement, every number/hour/phone/path of the
    source kept in the answer, enough training examples."""
    assert entry_problems(entry) == []


def test_titles_are_distinct() -> None:
    titles = Counter(e.title for e in ENTRIES)
    assert [t for t, n in titles.items() if n > 1] == []


def test_no_training_example_is_claimed_by_two_topics() -> None:
    owners: dict[str, set[str]] = {}
    for entry in ENTRIES:
        for example in training_examples(entry):
            owners.setdefault(same_input(example), set()).add(entry.full_intent)
    assert {text: o for text, o in owners.items() if len(o) > 1} == {}


def test_generated_files_are_up_to_date() -> None:
    for path, content in rendered_files(ENTRIES).items():
        assert path.exists(), f"{path} missing: run `make faq`"
        assert path.read_text(encoding="utf-8") == content, f"{path} is stale: run `make faq`"


def test_generated_data_holds_only_generated_files() -> None:
    """data/generated/ holds what `make faq` writes, and nothing left over from earlier runs."""
    written = {path for path in rendered_files(ENTRIES) if path.parent == paths.GENERATED_DATA}
    assert set(paths.GENERATED_DATA.glob("*")) == written


def test_heldout_covers_every_topic_and_small_talk_intent() -> None:
    counts = Counter(e.intent for e in HELDOUT)
    expected = {e.full_intent for e in ENTRIES} | set(SMALL_TALK)
    assert set(counts) == expected
    assert min(counts.values()) >= 5


def hand_written_nlu() -> list[dict]:
    """The intent blocks of the hand-written NLU files (data/**/*.yml except data/generated/)."""
    blocks = []
    for path in sorted(paths.DATA.rglob("*.yml")):
        if paths.GENERATED_DATA in path.parents:
            continue
        blocks += yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []
    return blocks


def training_inputs() -> set[str]:
    nlu = hand_written_nlu()
    training = {
        same_input(line[2:])
        for block in nlu
        if "intent" in block
        for line in block["examples"].splitlines()
        if line.startswith("- ")
    }
    return training | {same_input(x) for e in ENTRIES for x in training_examples(e)}


def test_evaluation_messages_are_not_training_examples() -> None:
    """No message of the held-out or realistic sets is a training example (short common messages
    that happened to be both were taken out of the realistic set when it was added)."""
    training = training_inputs()
    realistic = [e for split in ("dev", "test") for e in load_heldout(paths.REALISTIC / split)]
    assert len(realistic) >= 600
    leaked = [e.text for e in HELDOUT + realistic if same_input(e.text) in training]
    assert leaked == []
    two_questions = [m.text for m in load_two_questions()]
    assert [text for text in two_questions if same_input(text) in training] == []


# A customer's turn of this many words or more is a message of its own, not « ok merci ».
TURN_WORDS = 4


def test_conversation_turns_are_not_training_examples() -> None:
    """No customer turn of the conversation evaluation (of TURN_WORDS words or more) is a
    training example; « merci », « oui » or a postcode are common to both by nature, and the
    FAQ page's own questions are known to the conversations' writers."""
    training = training_inputs() - {same_input(entry.question) for entry in ENTRIES}
    turns = [
        turn.user
        for split in ("dev", "test")
        for dialogue in load_dialogues(paths.DIALOGUES / split)
        for turn in dialogue.turns
        if turn.user and len(turn.user.split()) >= TURN_WORDS
    ]
    assert len(turns) >= 500
    assert [text for text in turns if same_input(text) in training] == []


def test_the_conversation_evaluation_has_its_two_splits() -> None:
    dev, test = (load_dialogues(paths.DIALOGUES / split) for split in ("dev", "test"))
    assert len(test) >= 80 and len(dev) >= 20
    ids = [d.id for d in dev + test]
    assert len(ids) == len(set(ids))


def test_small_talk_intents_have_enough_training_examples() -> None:
    nlu = hand_written_nlu()
    counts = {
        block["intent"]: sum(1 for line in block["examples"].splitlines() if line.strip())
        for block in nlu
        if "intent" in block
    }
    assert set(SMALL_TALK) <= set(counts)
    assert min(counts[i] for i in SMALL_TALK) >= MIN_EXAMPLES
