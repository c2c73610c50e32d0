"""Where things are in the repository: the one module that knows its folders.

Every path is absolute, so commands and tests work from any working directory. Processes that
write (state, models, reports) take these as defaults; their settings can point elsewhere.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The Rasa project
CONFIG = ROOT / "config.yml"
DOMAIN = ROOT / "domain.yml"
ENDPOINTS = ROOT / "endpoints.yml"
CREDENTIALS = ROOT / "credentials.yml"
DATA = ROOT / "data"
# Training data generated from the FAQ corpus by `make faq` (never edited by hand)
GENERATED_DATA = DATA / "generated"
ACTIONS = ROOT / "actions"

# The FAQ corpus: one YAML file per question, and the shop's FAQ page
FAQ_CORPUS = ROOT / "faq_corpus"
FAQ_PAGE = FAQ_CORPUS / "faq_cadomaestro.txt"

# Tests and evaluation sets
TESTS = ROOT / "tests"
CONVERSATION_TESTS = TESTS / "conversations"
HELDOUT = TESTS / "heldout"
# Written apart from the training data the way customers type; never trained on. Each has a
# dev split (choices are made on it) and a test split (`make eval` reports it).
REALISTIC = TESTS / "realistic"
DIALOGUES = TESTS / "dialogues"

# What the commands write (ignored by git)
BUILD = ROOT / "build"
# The chat widget's script, built by `make widget` from widget/src
WIDGET_SCRIPT = BUILD / "widget" / "widget.js"
MODELS = ROOT / "models"
MODEL = MODELS / "cadomaestro.tar.gz"
STATE = ROOT / "state"
REPORTS = ROOT / "reports"

DOCS = ROOT / "docs"
README = ROOT / "README.md"
