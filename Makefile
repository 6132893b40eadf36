# Attaché: every target sets up what it needs on a fresh machine (.venv, pinned dependencies).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
EVAL   := $(SHARED)/eval

.PHONY: help venv demo test run chat bench reliability eval ablation reach lint clean

help:
	@echo "make demo   offline demo: seed feeds -> storylines -> briefings (no token)"
	@echo "make test   all tests (SQLite; PostgreSQL too when ATTACHE_TEST_DATABASE_URL is set)"
	@echo "make run    the live bot (TELEGRAM_BOT_TOKEN, config.toml)"
	@echo "make chat   the bot in your terminal against the in-process fake Bot API"
	@echo "make bench  benchmarks (last line: one JSON object)"
	@echo "make reliability  hostile feeds, updates, kill -9, Bot API storms (fails on any fault)"
	@echo "make eval   storyline matching and extraction scored on $(EVAL)/dev and $(EVAL)/wire"
	@echo "make ablation  gold quotes and meetings each rule wins and loses on dev + wire"
	@echo "make reach  records each rule changes on the 1,358 unlabelled agency items (about 25 min)"

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
	$(PY) -m mypy
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
# dev/ and wire/ are scored separately (two tables each: storyline matching, extraction).
eval: $(STAMP)
	@test -d $(EVAL) || { echo "$(EVAL) not found: set SHARED=path/to/shared"; exit 2; }
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && set -e && \
	echo "== dev: storyline matching" && \
	$(PY) -m bot match $(EVAL)/dev/feed_items.jsonl --storylines $(EVAL)/storylines.json -o $$tmp/feed_items.jsonl && \
	$(PY) -m bot match $(EVAL)/dev/articles.jsonl --storylines $(EVAL)/storylines.json -o $$tmp/articles.jsonl && \
	cat $$tmp/feed_items.jsonl $$tmp/articles.jsonl > $$tmp/storylines.jsonl && \
	$(PYTHON) $(EVAL)/score.py $(EVAL)/dev/storyline_gold.jsonl $$tmp/storylines.jsonl && \
	echo "== dev: extraction" && \
	$(PY) -m bot extract $(EVAL)/dev/articles.jsonl --only-ids $(EVAL)/dev/gold.jsonl -o $$tmp/extract.jsonl && \
	$(PYTHON) $(EVAL)/score.py $(EVAL)/dev/gold.jsonl $$tmp/extract.jsonl --articles $(EVAL)/dev/articles.jsonl && \
	echo "== wire: storyline matching" && \
	$(PY) -m bot match $(EVAL)/wire/items.jsonl --storylines $(EVAL)/wire/storylines.json -o $$tmp/wire_storylines.jsonl && \
	$(PYTHON) $(EVAL)/score.py $(EVAL)/wire/storyline_gold.jsonl $$tmp/wire_storylines.jsonl && \
	echo "== wire: extraction" && \
	$(PY) -m bot extract $(EVAL)/wire/articles.jsonl -o $$tmp/wire_extract.jsonl && \
	$(PYTHON) $(EVAL)/score.py $(EVAL)/wire/gold.jsonl $$tmp/wire_extract.jsonl --articles $(EVAL)/wire/articles.jsonl

# Reads the shared sets at run time only; prints one line per rule family, then one JSON object.
ablation: $(STAMP)
	@test -d $(EVAL) || { echo "$(EVAL) not found: set SHARED=path/to/shared"; exit 2; }
	ATTACHE_SHARED=$(SHARED) $(PY) -m bench.ablation

# Reads the agency items at run time only; prints one line per rule, then one JSON object.
reach: $(STAMP)
	@test -d $(EVAL) || { echo "$(EVAL) not found: set SHARED=path/to/shared"; exit 2; }
	ATTACHE_SHARED=$(SHARED) $(PY) -m bench.reach

lint: $(STAMP)
	$(PY) -m ruff check bot tests bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache build *.egg-info
