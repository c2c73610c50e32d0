"""Check `rasa data validate`'s output: any UserWarning fails, except responses that custom
actions send (Rasa only looks for responses in stories and rules).

Usage: python -m cadomaestro.training.validation reports/validate.log
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from cadomaestro import paths
from cadomaestro.domain import domain
from cadomaestro.faq.corpus import RETRIEVAL_INTENTS

_UNUSED = re.compile(r"The utterance '([\w/]+)' is not used in any story or rule")
# The code that sends responses by name: the action server, and the Rasa server's channels and
# failure handling.
SENDERS = (
    paths.ACTIONS,
    paths.ROOT / "cadomaestro" / "channels",
    paths.ROOT / "cadomaestro" / "server",
)


def sent_by_actions() -> set[str]:
    """Responses named in the action server's and the Rasa server's code, the forms' questions
    (`utter_ask_{slot}`), and the retrieval intents' responses (sent as `utter_{topic}` by
    action_respond)."""
    sources = [path for folder in SENDERS for path in sorted(folder.glob("*.py"))]
    code = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    named = set(re.findall(r"""["'](utter_\w+)["']""", code))
    forms = domain().get("forms") or {}
    asked = {f"utter_ask_{slot}" for form in forms.values() for slot in form["required_slots"]}
    return named | asked | {f"utter_{intent}" for intent in RETRIEVAL_INTENTS}


def real_warnings(log: str) -> list[str]:
    allowed = sent_by_actions()
    problems = []
    for line in log.splitlines():
        if "UserWarning" not in line:
            continue
        unused = _UNUSED.search(line)
        if unused and unused.group(1) in allowed:
            continue
        problems.append(line.strip())
    return problems


def main(argv: list[str]) -> int:
    problems = real_warnings(Path(argv[0]).read_text(encoding="utf-8"))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
