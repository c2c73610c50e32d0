"""A conversation held with the running assistant, read back from its conversation store as the
console reads it, exported as a test story (cadomaestro/console/stories.py) and run by
`rasa test core --e2e` with the trained model: the story passes; the same kind of story with one
message corrected to another intent than the model's fails, so the export carries corrections.

Both stories are run in one `rasa test` (half a minute each run), told apart by its report files:
without `--fail-on-prediction-errors`, which stops at the first wrong prediction, a story with
any wrong intent, entity or action is written to failed_test_stories.yml, as that option would
have failed on it; with `--successes` the others are written to successful_test_stories.yml.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
import uuid
from datetime import datetime, timezone
from pathlib import Path

import yaml

from cadomaestro import paths
from cadomaestro.console import stories
from cadomaestro.console.review import Correction
from cadomaestro.console.store import ConversationStore


def say(assistant, sender: str, message: str) -> None:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(assistant.rest_url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200


def hold(assistant, messages: list[str]) -> tuple[str, list[dict]]:
    sender = f"story-{uuid.uuid4().hex}"
    for message in messages:
        say(assistant, sender, message)
    store = ConversationStore(f"sqlite:///{assistant.tracker_db}")
    try:
        return sender, store.events(sender)
    finally:
        store.close()


def names(report: Path) -> list[str]:
    if not report.exists():
        return []
    return [s["story"] for s in (yaml.safe_load(report.read_text()) or {}).get("stories") or []]


def test_an_exported_conversation_passes_rasa_test_and_a_correction_is_tested(
    assistant, tmp_path: Path
) -> None:
    sender, events = hold(assistant, [
        "bonjour",
        "vous livrez en Belgique ?",
        "mon colis KQZPTRBWE est perdu",
        "mon mail c'est  sophie.petit@example.fr",  # two spaces: positions as the pipeline read
        "merci beaucoup",
    ])  # fmt: skip
    understood = stories.story(sender, events, [])
    for expected in ("intent: faq/pays_livraison", '"entity": "pays", "value": "BE"',
                     "](reference_commande)", "](email)", "intent: thanks"):  # fmt: skip
        assert expected in understood
    assert "KQZPTRBWE" not in understood and "sophie.petit" not in understood
    other, other_events = hold(assistant, ["bonjour", "merci beaucoup"])
    # an agent says « merci beaucoup » meant goodbye: the model, not retrained, says thanks
    goodbye = Correction(other, 1, "merci beaucoup", "thanks", "goodbye", None, "a@b.fr",
                         datetime.now(timezone.utc))  # fmt: skip
    corrected = stories.story(other, other_events, [goodbye])
    file = tmp_path / "test_console_stories.yml"
    file.write_text(stories.with_story(stories.with_story(None, understood), corrected))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "rasa", "test", "core", "--e2e", "--model", str(paths.MODEL),
               "--stories", str(file), "--successes", "--out", str(out)]  # fmt: skip
    finished = subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True,
                              timeout=600, env=assistant.stack.rasa.env)  # fmt: skip
    assert finished.returncode == 0, finished.stderr[-3000:]
    passed = " ".join(names(out / "successful_test_stories.yml"))
    failed = " ".join(names(out / "failed_test_stories.yml"))
    first, second = (stories.story_name(s, e) for s, e in ((sender, events),
                                                           (other, other_events)))  # fmt: skip
    assert first in passed and first not in failed, failed
    assert second in failed and second not in passed
    assert "# predicted: thanks" in (out / "failed_test_stories.yml").read_text()
