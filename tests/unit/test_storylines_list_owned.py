"""`attache storylines list` shows the storylines chats made with /track, with their owners."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from bot.models import Actor, Storyline
from bot.storage import Storage


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "attache.db"}"\n', encoding="utf-8"
    )
    return config


async def _store(tmp_path: Path) -> None:
    storage = await Storage.open(f"sqlite+aiosqlite:///{tmp_path / 'attache.db'}")
    try:
        mine = Storyline(slug="okafor-watch", title="Okafor watch", actors=(Actor("Maria Okafor"),),
                         require=("actor",), source="telegram /track")
        await storage.storylines.add(mine, owner_chat_id=101)
        shared = Storyline(slug="berg-watch", title="Berg watch", actors=(Actor("Jonas Berg"),),
                           require=("actor",), source="telegram /track")
        await storage.storylines.add(shared)
    finally:
        await storage.close()


def test_list_adds_stored_storylines_with_their_owner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the files' storylines, each stored one not from a file, with the chat that owns
    it or "shared"; the seeds are listed as before."""
    asyncio.run(_store(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert main(["storylines", "list", "--config", str(_config(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "pompeo-asia-trip-2018" in out
    [mine] = [line for line in out.splitlines() if line.startswith("okafor-watch")]
    assert mine.endswith("owner: chat 101")
    [shared] = [line for line in out.splitlines() if line.startswith("berg-watch")]
    assert shared.endswith("owner: shared with every chat")


def test_list_with_paths_reads_only_those_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Naming files lists exactly them: the database is not read."""
    asyncio.run(_store(tmp_path))
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "one.toml"
    story.write_text('slug = "one"\ntitle = "One"\nplaces = ["Oslo"]\nrequire = ["place"]\n', encoding="utf-8")
    assert main(["storylines", "list", "--config", str(_config(tmp_path)), str(story)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("one ")
    assert "okafor-watch" not in out
