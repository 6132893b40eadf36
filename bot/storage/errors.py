"""Errors the storage layer raises, phrased for the person running the bot."""

from __future__ import annotations


class StorageError(Exception):
    """The database could not be opened, migrated or written as asked."""
