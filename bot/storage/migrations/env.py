"""Alembic environment: runs migrations on the connection handed over by bot.storage.migrate."""

from __future__ import annotations

from alembic import context

from bot.storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    # Offline SQL generation and the alembic command line are not supported: the application
    # migrates its own database when it opens it.
    raise RuntimeError("run migrations through bot.storage.Storage.open or bot.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things in place; batch mode rebuilds tables when a migration must.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
