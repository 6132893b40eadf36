"""`attache run`: the live-bot command, pointed at the fake Bot API with --api-url."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

import pytest

from bot.commands import run as run_command
from bot.telegram.fake import DEFAULT_TOKEN, FakeBotAPI

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "storylines"


def write_config(tmp_path: Path, api_url: str = "https://api.telegram.org/bot") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[database]
url = "sqlite+aiosqlite:///{tmp_path / 'run.db'}"
[storylines]
paths = ["{SEEDS}"]
[feeds]
sources = []
[telegram]
api_url = "{api_url}"
""",
        encoding="utf-8",
    )
    return path


def args_for(config: Path, api_url: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(config=str(config), api_url=api_url, tick=5.0)


async def test_run_without_a_token_explains_where_it_comes_from(tmp_path, monkeypatch, capsys):
    """No TELEGRAM_BOT_TOKEN: exit status 2 and a one-line hint, no traceback."""
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    status = await run_command._run(args_for(write_config(tmp_path)))
    assert status == 2
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


async def test_run_refuses_an_api_url_that_is_not_http(tmp_path, monkeypatch):
    """--api-url must be an http(s) URL; anything else is a clear ValueError."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", DEFAULT_TOKEN)
    with pytest.raises(ValueError, match="--api-url"):
        await run_command._run(args_for(write_config(tmp_path), api_url="ftp://example.org/bot"))


async def test_run_with_a_refused_token_says_so_without_printing_it(tmp_path, monkeypatch, capsys):
    """A token the Bot API rejects ends the run with a message that does not contain it."""
    wrong = "999:WRONG-secret-value"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", wrong)
    async with FakeBotAPI() as api:
        status = await run_command._run(args_for(write_config(tmp_path), api_url=api.base_url))
    err = capsys.readouterr().err
    assert status == 2
    assert "refused the token" in err
    assert "WRONG-secret-value" not in err


async def test_run_serves_commands_from_the_configured_api_url(tmp_path, monkeypatch):
    """With the token and telegram.api_url pointing at the fake server, /start is answered."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", DEFAULT_TOKEN)
    async with FakeBotAPI() as api:
        stop = asyncio.Event()
        task = asyncio.create_task(
            run_command._run(args_for(write_config(tmp_path, api_url=api.base_url)), stop)
        )
        api.user_sends(7, "/start")
        reply = await api.wait_for_message(7, timeout=20)
        assert "Attaché" in reply.text
        assert reply.buttons
        stop.set()
        assert await asyncio.wait_for(task, 20) == 0
