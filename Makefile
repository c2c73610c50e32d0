# The project's vocabulary. Every target sets up what it needs, so each works on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(PY) -m rasa
MODEL := models/cadomaestro.tar.gz

# The services' settings and their defaults are in cadomaestro/settings.py (one table; see
# docs/configuration.md): scripts/run.sh applies them. Overrides go in the environment or in a
# .env file (copy .env.example), which is read here and exported.
-include .env
ENV_FILE_NAMES := $(shell sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1/p' .env 2>/dev/null)
ifneq ($(ENV_FILE_NAMES),)
export $(ENV_FILE_NAMES)
endif
# No network at run time: no telemetry; quieter TensorFlow and SQLAlchemy.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)
# What the model is trained from: Make retrains only when one of them changed.
MODEL_INPUTS := config.yml domain.yml $(shell find data -name '*.yml') \
	$(wildcard cadomaestro/nlu/*.py) cadomaestro/training/importer.py
# `make eval`'s baseline: Rasa's default NLU pipeline, trained NLU-only on the same data.
BASELINE_CONFIG := cadomaestro/evaluation/baseline_rasa_default.yml
BASELINE := models/baseline-rasa-default.tar.gz
BASELINE_INPUTS := $(BASELINE_CONFIG) $(shell find data -name '*.yml')
# pytest's worker processes (pytest-xdist), each given whole files: on 2 cores, 2 workers take
# 12 min 30 s instead of 21 min (docs/testing.md). Each worker that needs one starts its own
# test stack (about 1.5 GB); 0 runs the tests in one process.
TEST_WORKERS ?= 2
# Folds of `make eval`'s cross-validation of config.yml (0 skips it; about 4 min on 2 cores).
FOLDS ?= 5

.PHONY: help install run chat train faq test lint types format eval baseline bench clean state import-orders widget agent annotations

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml uv.lock
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv sync --frozen
	touch $@

install: $(VENV)/.installed ## Install Python 3.10 dependencies with uv (from uv.lock)

$(MODEL): $(VENV)/.installed $(MODEL_INPUTS)
	$(RASA) train --fixed-model-name cadomaestro --out models
	touch $@

train: $(MODEL) ## Train the model (only when data, config or NLU components changed)

state:
	mkdir -p state

# The website's chat widget: npm ci only when the lockfile changed, a build only when its
# sources did (widget/README.md).
widget/node_modules/.installed: widget/package-lock.json
	npm ci --no-audit --no-fund --prefix widget
	touch $@

build/widget/widget.js: widget/node_modules/.installed widget/build.mjs $(wildcard widget/src/*)
	node widget/build.mjs

widget: build/widget/widget.js ## Build the chat widget (build/widget/widget.js) from widget/src

# `make run` is the local demo: it serves the demo shop page /demo/ (DEMO_PAGES=1), unless the
# environment or .env says otherwise (a shop's secret for logged-in customers, say).
run: train state widget ## Start the assistant and the demo shop page: Rasa (REST + widget, 5005), actions (5055), order backend (5060)
	DEMO_PAGES=$${DEMO_PAGES-$$([ -n "$${WIDGET_TOKEN_SECRET:-}" ] && echo 0 || echo 1)} scripts/run.sh

agent: install state ## Create an agent of the console: EMAIL=… NAME=… [ROLE=admin]; the password is read from standard input (empty: one is generated and printed once)
	@test -n "$(EMAIL)" -a -n "$(NAME)" || { echo "usage: make agent EMAIL=… NAME=… [ROLE=admin]" >&2; exit 2; }
	$(PY) -m cadomaestro.console agent --email "$(EMAIL)" --name "$(NAME)" --role "$(or $(ROLE),agent)"

import-orders: install state ## Load customers and orders from FILE=path.json into ORDERS_DATABASE_URL
	@test -n "$(FILE)" || { echo "usage: make import-orders FILE=path.json" >&2; exit 2; }
	$(PY) -m cadomaestro.backend import "$(FILE)"

chat: train state ## Talk to the assistant in the terminal (rasa shell)
	scripts/run.sh shell

faq: install ## Regenerate data/generated/faq_*.yml and tests/conversations/test_faq_stories.yml from faq_corpus/
	$(PY) -m cadomaestro.faq generate

# The console's corrections into faq_corpus/ and data/nlu/corrections.yml (docs/console.md): review
# them with git diff, then make train. DIFF=1 prints the changes instead of writing them.
annotations: install state ## The agents' corrections (console) as training data, then make faq's generation
	$(PY) -m cadomaestro.console annotations $(if $(DIFF),--diff)
	$(if $(DIFF),,$(PY) -m cadomaestro.faq generate)

lint: install ## ruff check and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

types: install ## mypy on the packages listed in pyproject.toml ([tool.mypy])
	$(PY) -m mypy

format: install ## Format the code with ruff
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Rasa prints some data warnings without failing on them: any UserWarning fails the test, except
# responses sent by custom actions (cadomaestro/training/validation.py).
test: lint types train widget ## Run every test: data validation, pytest, conversation tests
	@mkdir -p reports
	set -o pipefail; $(RASA) data validate --fail-on-warnings 2>&1 | tee reports/validate.log
	$(PY) -m cadomaestro.training.validation reports/validate.log
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile
	$(RASA) test core --e2e --model $(MODEL) --stories tests/conversations \
	  --fail-on-prediction-errors --out reports/conversations

# Trained again only when what it is trained from changed (its inputs' fingerprint, kept beside
# it): Rasa's default pipeline takes hours on 2 cores with 10 400 examples (80 s an epoch; 11 900 since),
# so `make eval` does not train it: it compares with it when `make baseline` has trained it (and
# says when it was trained on other data), and says it was left out otherwise.
$(BASELINE): $(VENV)/.installed $(BASELINE_INPUTS)
	$(PY) -m cadomaestro.evaluation.baseline_model --model $@

baseline: $(BASELINE) ## Train make eval's Rasa-default baseline (hours on 2 cores: run it overnight)

eval: train ## Realistic and held-out sets vs the baselines, conversations, FOLDS=5 cross-validation, to reports/
	$(PY) -m cadomaestro.evaluation --model $(MODEL) --baseline-model $(BASELINE) \
	  --folds $(FOLDS) --out reports/eval.md

# Starts its own stack on free ports (it does not need, nor disturb, `make run`); BENCH_ARGS
# takes the options of `python -m cadomaestro.perf --help` (--no-train skips the training time).
bench: train ## Latency p50/p95/p99 at concurrency 1/8/32, memory, start-up and training time
	$(PY) -m cadomaestro.perf --out reports $(BENCH_ARGS)

clean: ## Remove trained models, reports and local state
	rm -rf models reports state build .pytest_cache .ruff_cache
