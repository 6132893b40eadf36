"""Applies the Alembic migrations shipped in bot/storage/migrations to an open connection."""

from __future__ import annotations

import logging
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

# Alembic announces its dialect choices at INFO on every start; keep that out of the bot's log
# unless someone has configured the "alembic" logger on purpose.
if logging.getLogger("alembic").level == logging.NOTSET:
    logging.getLogger("alembic").setLevel(logging.WARNING)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config built in code: no alembic.ini, works from a checkout and from a wheel."""
    location = str(resources.files("bot.storage") / "migrations")
    cfg = Config()
    # Config values go through configparser interpolation, where "%" is special.
    cfg.set_main_option("script_location", location.replace("%", "%%"))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the schema to `revision`; a database already there is left untouched."""
    command.upgrade(alembic_config(connection), revision)


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this code."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    """Every revision shipped with this code."""
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
