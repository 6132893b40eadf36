"""A database that cannot be used is refused at open with one clear line: corrupt pages
(quick_check), random bytes, a truncated file, an unreadable path, a newer schema. Every CLI
command that opens storage prints that line and exits 2, without a traceback."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot import cli
from bot.storage import Storage, StorageError

# Invented, token-shaped: `attache run` needs one before it opens the database.
TOKEN = "5550001111:AAG-invented-for-the-open-error-tests"


def _big_db(path: Path, rows: int = 2000) -> None:
    """A plain SQLite file of many pages (quick_check runs before any migration)."""
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        db.executemany("INSERT INTO notes (body) VALUES (?)", [("x" * 300,)] * rows)
        db.commit()


def _overwrite_middle(path: Path) -> None:
    """Garbage over a run of pages in the middle: the header still says "SQLite"."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2)
        f.write(os.urandom(8192))


def _damaged(kind: str, tmp_path: Path) -> Path:
    """A database file spoiled in the way `kind` names."""
    path = tmp_path / f"{kind}.db"
    if kind == "random":
        path.write_bytes(os.urandom(20000))
    elif kind == "unreadable":
        path.mkdir()  # a folder where the file should be (permissions do not stop root)
    elif kind == "newer":  # as a newer Attaché leaves it: at a revision this one never shipped
        with closing(sqlite3.connect(path)) as db:
            db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
            db.execute("INSERT INTO alembic_version VALUES ('9999')")
            db.commit()
    else:
        _big_db(path)
        if kind == "pages":
            _overwrite_middle(path)
        else:
            os.truncate(path, path.stat().st_size // 2)
    return path


EXPECTED = {
    "pages": "damaged (SQLite quick_check",
    "random": "file is not a database",
    "truncated": "malformed",
    "unreadable": "is not a database file",
    "newer": "newer version of Attaché (schema revision 9999",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
async def test_open_refuses_an_unusable_database_with_a_clear_reason(kind, tmp_path):
    """Storage.open raises StorageError with the reason in plain words, on one line."""
    path = _damaged(kind, tmp_path)
    with pytest.raises(StorageError) as caught:
        await Storage.open(f"sqlite+aiosqlite:///{path}")
    message = str(caught.value)
    assert EXPECTED[kind] in message, message
    assert "\n" not in message
    assert "sqlalche.me" not in message


@pytest.mark.parametrize(
    "argv",
    [["feeds", "list"], ["poll"], ["digest"], ["run"]],
    ids=["feeds-list", "poll", "digest", "run"],
)
@pytest.mark.parametrize("kind", ["pages", "newer"])
def test_cli_commands_print_one_line_and_exit_2(argv, kind, tmp_path, capsys, monkeypatch):
    """Each command that opens storage turns StorageError into "attache: ..." and status 2."""
    path = _damaged(kind, tmp_path)
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{path}"\n[storylines]\npaths = []\n')
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.chdir(tmp_path)
    status = cli.main([*argv, "--config", str(config)])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert [line for line in err if line.startswith("attache: ")] == err[-1:]
    assert EXPECTED[kind] in err[-1]
    assert not any("Traceback" in line for line in err)
