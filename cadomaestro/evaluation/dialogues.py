"""The conversation evaluation: multi-turn conversations written the way customers type
(tests/dialogues/, apart from the training data and never trained on), replayed through the REST
channel of a running assistant on the demo shop, each turn checked for the facts its replies must
contain and what they must never contain.

A conversation is right when every turn is. The report gives the share of conversations fully
right, per category, and the failing turns with what was missing or leaked.

    python -m cadomaestro.evaluation.dialogues [--split test|dev] [--url REST_URL]

It also sends the realistic split's out-of-scope messages alone
(cadomaestro/evaluation/declining.py).

Without `--url`, an assistant of its own is started on free ports (cadomaestro.perf.stack) with
a fresh demo shop (its dates are relative to the day it is seeded).

File format (`tests/dialogues/<split>/<category>.yml`):

    conversations:
    - id: suivi_colis_01
      category: suivi_colis
      description: …
      never: [...]                 # optional, checked on every turn
      turns:
      - user: ou en est ma commande  # or `click: <text of a button of the previous reply>`
        expect: ["référence | numéro de commande"]  # each entry: one of its alternatives
        never: ["6A23918475260"]

Matching ignores case, accents, apostrophe styles and all white space.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import unicodedata
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from cadomaestro import paths

DIALOGUES = paths.DIALOGUES
CONCURRENCY = 4
# The evaluation fails proofs on purpose, from one address: the backend's limit per client
# would otherwise refuse the later conversations' proofs.
STACK_ENV = {"ORDERS_PROOF_LIMIT": "100000"}


@dataclass(frozen=True)
class Turn:
    user: str | None
    click: str | None
    expect: tuple[str, ...]
    never: tuple[str, ...]


@dataclass(frozen=True)
class Dialogue:
    id: str
    category: str
    description: str
    turns: tuple[Turn, ...]


@dataclass
class TurnResult:
    index: int
    sent: str
    replies: list[dict[str, Any]]
    missing: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.leaked


@dataclass
class DialogueResult:
    dialogue: Dialogue
    turns: list[TurnResult]

    @property
    def ok(self) -> bool:
        return all(turn.ok for turn in self.turns)


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def load_dialogues(folder: Path) -> list[Dialogue]:
    dialogues = []
    for path in sorted(folder.glob("*.yml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
            shared_never = _strings(raw.get("never"))
            turns = tuple(
                Turn(
                    user=None if turn.get("user") is None else str(turn["user"]),
                    click=turn.get("click"),
                    expect=_strings(turn.get("expect")),
                    never=_strings(turn.get("never")) + shared_never,
                )
                for turn in raw["turns"]
            )
            dialogues.append(
                Dialogue(raw["id"], raw["category"], raw.get("description", ""), turns)
            )
    return dialogues


def normalise(text: str) -> str:
    """Lower case, no accents, one apostrophe, no white space."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return "".join(text.split())


def reply_text(replies: Sequence[dict[str, Any]]) -> str:
    """Everything the customer sees: texts and button titles."""
    parts = []
    for reply in replies:
        parts.append(str(reply.get("text") or ""))
        parts += [str(button.get("title") or "") for button in reply.get("buttons") or []]
    return "\n".join(parts)


def check(turn: Turn, replies: Sequence[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(expected entries none of whose alternatives appear, forbidden strings that appear)."""
    seen = normalise(reply_text(replies))
    missing = [
        entry
        for entry in turn.expect
        if not any(normalise(alt) in seen for alt in entry.split(" | ") if alt.strip())
    ]
    leaked = [entry for entry in turn.never if normalise(entry) and normalise(entry) in seen]
    return missing, leaked


def button_payload(replies: Sequence[dict[str, Any]], text: str) -> str | None:
    wanted = normalise(text)
    for reply in replies:
        for button in reply.get("buttons") or []:
            if wanted in normalise(str(button.get("title") or "")):
                return str(button.get("payload") or button.get("title"))
    return None


async def replay(session: aiohttp.ClientSession, url: str, dialogue: Dialogue) -> DialogueResult:
    sender = f"eval-{dialogue.id}-{uuid.uuid4().hex[:8]}"
    results: list[TurnResult] = []
    previous: list[dict[str, Any]] = []
    for index, turn in enumerate(dialogue.turns):
        message = turn.user
        if message is None:
            message = button_payload(previous, turn.click or "")
            if message is None:
                results.append(TurnResult(index, f"[click {turn.click}]", [],
                                          missing=[f"a button « {turn.click} »"]))  # fmt: skip
                break
        async with session.post(url, json={"sender": sender, "message": message}) as response:
            replies = await response.json() if response.status == 200 else []
        missing, leaked = check(turn, replies)
        results.append(TurnResult(index, message, replies, missing, leaked))
        previous = replies
    return DialogueResult(dialogue, results)


async def replay_all(url: str, dialogues: Sequence[Dialogue]) -> list[DialogueResult]:
    limit = asyncio.Semaphore(CONCURRENCY)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:

        async def one(dialogue: Dialogue) -> DialogueResult:
            async with limit:
                return await replay(session, url, dialogue)

        return list(await asyncio.gather(*(one(d) for d in dialogues)))


def _clip(text: str, length: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def to_markdown(results: Sequence[DialogueResult], title: str) -> str:
    total = len(results)
    right = sum(r.ok for r in results)
    per_category: dict[str, Counter[str]] = {}
    for result in results:
        counts = per_category.setdefault(result.dialogue.category, Counter())
        counts["total"] += 1
        counts["right"] += result.ok
    turns = [t for r in results for t in r.turns]
    lines = [
        title,
        "",
        f"**{right} of {total} conversations fully right ({right / max(total, 1):.1%})**; "
        f"{sum(t.ok for t in turns)} of {len(turns)} turns right.",
        "",
        "| category | right | conversations | share |",
        "|---|---|---|---|",
    ]
    for category, counts in sorted(per_category.items()):
        share = counts["right"] / counts["total"]
        lines.append(f"| {category} | {counts['right']} | {counts['total']} | {share:.0%} |")
    lines += ["", "### Failing turns", ""]
    for result in results:
        if result.ok:
            continue
        lines.append(f"- **{result.dialogue.id}** ({result.dialogue.description})")
        for turn in result.turns:
            if turn.ok:
                continue
            problems = [f"missing « {m} »" for m in turn.missing]
            problems += [f"leaked « {leak} »" for leak in turn.leaked]
            got = _clip(reply_text(turn.replies))
            lines.append(
                f"  - turn {turn.index + 1} « {_clip(turn.sent, 80)} »: {'; '.join(problems)} — "
                f"got: {got}"
            )
    return "\n".join(lines) + "\n"


@contextmanager
def running_assistant(url: str | None = None) -> Iterator[str]:
    """The REST webhook of `url`'s assistant, or of one started on free ports for the block."""
    if url is not None:
        yield url
        return
    from cadomaestro.perf.stack import Stack  # starts processes: only when asked to

    with tempfile.TemporaryDirectory(prefix="dialogues-") as folder:
        stack = Stack(Path(folder), env=STACK_ENV)
        stack.start()
        try:
            yield stack.rest_url
        finally:
            stack.stop()


def evaluate_split(split: str, url: str) -> list[DialogueResult]:
    return asyncio.run(replay_all(url, load_dialogues(DIALOGUES / split)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.evaluation.dialogues")
    parser.add_argument("--split", default="test", choices=("test", "dev"))
    parser.add_argument("--url", help="REST webhook of a running assistant (demo shop)")
    parser.add_argument("--out", type=Path, default=None, help="write the report there too")
    args = parser.parse_args(argv)
    # Here, not at the top: declining.py imports this module (CONCURRENCY).
    from cadomaestro.evaluation.declining import replay_out_of_scope
    from cadomaestro.evaluation.declining import to_markdown as declining_markdown

    with running_assistant(args.url) as url:
        results = evaluate_split(args.split, url)
        declined = replay_out_of_scope(url, args.split)
    text = to_markdown(results, f"## Conversations ({args.split} split, tests/dialogues/)")
    text += "\n" + declining_markdown(declined, args.split)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
