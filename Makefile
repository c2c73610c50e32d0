# The project's vocabulary. Every target sets up what it needs, so each works on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(PY) -m rasa
MODEL := models/cadomaestro.tar.gz

# Defaults for the services (override in the environment; see .env.example).
export TRACKER_STORE_URL ?= sqlite:///state/conversations.db
export ACTION_ENDPOINT_URL ?= http://localhost:5055/webhook
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
# No network at run time: no telemetry; quieter TensorFlow and SQLAlchemy.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)

.PHONY: help install run chat train faq test lint format eval latency clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml uv.lock
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv sync --frozen
	touch $@

install: $(VENV)/.installed ## Install Python 3.10 dependencies with uv (from uv.lock)

train: install ## Train the model (skipped by Rasa when data and config are unchanged)
	$(RASA) train --fixed-model-name cadomaestro --out models

run: train ## Start the assistant: Rasa server (REST + socket.io, port 5005) and action server (5055)
	scripts/run.sh

chat: train ## Talk to the assistant in the terminal (rasa shell)
	$(RASA) run actions --actions actions --port $(ACTION_PORT) --quiet & trap "kill $$!" EXIT; \
	$(RASA) shell -m $(MODEL) --endpoints endpoints.yml

faq: install ## Regenerate data/faq_*.yml and tests/conversations/test_faq_stories.yml from faq_corpus/
	$(PY) -m cadomaestro.faq generate

lint: install ## ruff check and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install ## Format the code with ruff
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

test: lint train ## Run every test: data validation, pytest, conversation tests
	$(RASA) data validate --fail-on-warnings
	$(PY) -m pytest
	$(RASA) test core --e2e --model $(MODEL) --stories tests/conversations \
	  --fail-on-prediction-errors --out reports/conversations

eval: train ## Held-out report (per topic, confusions) printed and written to reports/
	$(PY) -m cadomaestro.evaluation --model $(MODEL) --out reports/eval.md

latency: install ## p50/p95 latency of one message through REST (needs `make run` running)
	$(PY) -m cadomaestro.latency --url http://localhost:$(RASA_PORT)/webhooks/rest/webhook

clean: ## Remove trained models, reports and local state
	rm -rf models reports state .pytest_cache .ruff_cache
