"""The command registry: one source for handlers, /help and setMyCommands, valid for Telegram."""

from __future__ import annotations

import re

from bot.telegram import keyboards as kb
from bot.telegram.handlers import callbacks
from bot.telegram.handlers.registry import COMMANDS, public_bot_commands


def test_every_command_is_valid_for_set_my_commands():
    """Names are 1-32 lower-case letters, digits or _, descriptions 1-256 chars, ≤ 100 commands."""
    assert len(COMMANDS) <= 100
    names = [spec.name for spec in COMMANDS]
    assert len(names) == len(set(names))
    for spec in COMMANDS:
        assert re.fullmatch(r"[a-z0-9_]{1,32}", spec.name)
        assert 1 <= len(spec.description) <= 256


def test_public_commands_leave_out_admin_commands():
    """The menu everyone sees has no admin commands; they are still registered."""
    public = {c.command for c in public_bot_commands()}
    admin = {spec.name for spec in COMMANDS if spec.admin}
    assert admin == {"feeds", "addfeed", "removefeed", "status", "share", "publish", "unpublish"}
    assert not public & admin
    assert {"start", "help", "storylines", "track", "pause", "resume"} <= public


def test_help_lines_escape_argument_placeholders_for_telegram_html():
    """'<storyline>' in a help line is escaped, or Telegram would reject the message."""
    line = next(spec for spec in COMMANDS if spec.name == "subscribe").help_line()
    assert "&lt;storyline&gt;" in line
    assert "<storyline>" not in line


def test_every_callback_action_has_a_route():
    """No button the bot can emit is left without a handler."""
    assert set(callbacks.ROUTES) == set(kb.ACTIONS)
