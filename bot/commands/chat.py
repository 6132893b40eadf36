"""`attache chat`: the real bot against an in-process fake Bot API; the terminal is the user.

No token and no network: a temporary SQLite database, the seed feeds and storylines. Inline
buttons are shown as numbered choices; typing the number presses the button.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import sys
import tempfile
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from bot.commands.common import run_async, seeds_dir

CHAT_ID = 4242  # the terminal user: a private chat whose user is also a bot admin
QUIT = {"quit", "exit", "/quit", "/exit"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("chat", help="talk to the bot in this terminal (offline, no token)")
    p.add_argument("--keep", metavar="DB", help="keep the chat database at this path")
    p.add_argument("--tick", type=float, default=2.0, metavar="S", help="scheduler tick in seconds")
    p.set_defaults(func=lambda args: run_async(_chat, args))


def chat_settings(db_path: Path) -> Any:
    """Defaults plus the seed feeds and storylines, a temporary database, the user as admin."""
    from bot.config import DatabaseSettings, FeedEntry, StorylineSettings, load_settings

    seeds = seeds_dir()
    feed_files = sorted(f for f in (seeds / "feeds").iterdir() if f.suffix in (".xml", ".atom"))
    base = load_settings(None)
    return dataclasses.replace(
        base,
        database=DatabaseSettings(url=f"sqlite+aiosqlite:///{db_path}"),
        feeds=dataclasses.replace(
            base.feeds,
            sources=tuple(FeedEntry(url=f.as_uri()) for f in feed_files),
            allow_private=True,  # the seed feeds are local files
        ),
        storylines=dataclasses.replace(StorylineSettings(), paths=(str(seeds / "storylines"),)),
        telegram=dataclasses.replace(base.telegram, admins=(CHAT_ID,)),
    )


async def _stdin_lines() -> AsyncIterator[str]:
    """Lines typed in the terminal. A daemon thread reads them, so Ctrl-C never waits for Enter."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    wanted = threading.Event()

    def reader() -> None:
        while True:
            wanted.wait()
            wanted.clear()
            line = sys.stdin.readline()
            loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n") if line else None)
            if not line:
                return

    threading.Thread(target=reader, name="attache-chat-stdin", daemon=True).start()
    while True:
        if sys.stdin.isatty():
            print("> ", end="", flush=True)
        wanted.set()  # read the next line only once the previous one was answered
        line = await queue.get()
        if line is None:
            return
        yield line


async def _chat(args: argparse.Namespace) -> int:
    if args.tick <= 0:
        raise ValueError("--tick must be a positive number of seconds")
    if not getattr(args, "verbose", False):
        logging.getLogger().setLevel(logging.WARNING)  # the terminal is the chat, not a log
    with tempfile.TemporaryDirectory(prefix="attache-chat-") as tmp:
        db = Path(args.keep) if args.keep else Path(tmp) / "chat.db"
        print("Attaché in your terminal. Type /start or /help; a number presses a button; "
              "Ctrl-D or 'quit' ends.", flush=True)
        await chat_session(
            chat_settings(db), _stdin_lines(), print, tick_interval=args.tick, pictures=Path(tmp)
        )
    return 0


class Terminal:
    """Prints the bot's messages and maps numbers to the inline buttons last shown."""

    def __init__(self, api: Any, out: Callable[[str], None], pictures: Path | None = None) -> None:
        self.api = api
        self.out = out
        self.pictures = pictures  # where photos the bot sends are written, to be opened
        self.shown: set[tuple[int, int]] = set()  # (message_id, edits) already printed
        self.choices: list[tuple[int, str]] = []  # number - 1 -> (message_id, callback_data)
        self.answers_seen = 0

    def show(self, message: Any) -> None:
        self.shown.add((message.message_id, message.edits))
        head = "bot (edited)" if message.edits else "bot"
        self.out(f"\n[{head}]\n{message.text}")
        if message.photo is not None:
            self.out(self._photo_line(message))
        if message.buttons:
            self.choices = []
            for button in message.buttons:
                if "callback_data" in button:
                    self.choices.append((message.message_id, button["callback_data"]))
                    self.out(f"  {len(self.choices)}. {button['text']}")
                elif "url" in button:
                    self.out(f"  ↗ {button['text']}: {button['url']}")

    def _photo_line(self, message: Any) -> str:
        """A photo (a map, a graph) cannot be shown here: its size, and where it was written."""
        photo = message.photo
        size = f"{photo.width}×{photo.height}, {len(photo.data) // 1024} KB"
        if self.pictures is None:
            return f"  🖼 photo ({size})"
        path = self.pictures / f"photo-{message.chat_id}-{message.message_id}.png"
        path.write_bytes(photo.data)
        return f"  🖼 photo ({size}): {path}"

    def show_answers(self) -> None:
        for answer in self.api.callback_answers[self.answers_seen :]:
            if answer.get("text"):
                self.out(f"  ({answer['text']})")
        self.answers_seen = len(self.api.callback_answers)

    def unseen(self, message: Any) -> bool:
        return (message.message_id, message.edits) not in self.shown

    async def printer(self) -> None:
        """Print every new or edited message as it arrives (event-based, no polling loop)."""
        while True:
            message = await self.api.wait_for_message(CHAT_ID, self.unseen, timeout=3600, since=0)
            self.show(message)
            self.show_answers()

    async def settle(self, first_wait: float, quiet: float = 0.4, step: float = 0.05) -> None:
        """Wait for the bot's answer (a message or a button answer), then until it is quiet."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + first_wait
        answered_at: float | None = None
        while loop.time() < deadline:
            try:
                message = await self.api.wait_for_message(CHAT_ID, self.unseen, timeout=step, since=0)
            except TimeoutError:
                message = None
            if message is not None:
                self.show(message)
                answered_at = loop.time()
            if len(self.api.callback_answers) > self.answers_seen:
                self.show_answers()
                answered_at = answered_at or loop.time()
            if answered_at is not None and loop.time() - answered_at >= quiet:
                break
        self.show_answers()

    def press(self, number: int) -> bool:
        if not 1 <= number <= len(self.choices):
            self.out(f"  (no button {number}; there are {len(self.choices)})")
            return False
        message_id, data = self.choices[number - 1]
        self.api.user_presses(CHAT_ID, message_id, data, user_id=CHAT_ID)
        return True


async def chat_session(
    settings: Any,
    lines: AsyncIterator[str],
    out: Callable[[str], None],
    *,
    extractor: Any = None,
    tick_interval: float | None = 2.0,
    reply_wait: float = 30.0,
    pictures: Path | None = None,
) -> Terminal:
    """Run the real application against an in-process fake Bot API until `lines` ends; photos
    the bot sends are written to `pictures` (when given) and their paths printed."""
    from bot.app import build
    from bot.telegram.application import build_application, serve
    from bot.telegram.fake import DEFAULT_TOKEN, FakeBotAPI

    app = await build(settings, extractor=extractor)
    try:
        async with FakeBotAPI() as api:
            application = build_application(
                app, DEFAULT_TOKEN, base_url=api.base_url, tick_interval=tick_interval
            )
            stop, started = asyncio.Event(), asyncio.Event()
            server = asyncio.create_task(serve(application, stop, poll_timeout=1, started=started))
            terminal = Terminal(api, out, pictures)
            try:
                await asyncio.wait_for(started.wait(), 30)
                printer = asyncio.create_task(terminal.printer())
                async for line in lines:
                    text = line.strip()
                    if not text:
                        continue
                    if text.lower() in QUIT:
                        break
                    printer.cancel()
                    if text.isdigit():
                        if not terminal.press(int(text)):
                            printer = asyncio.create_task(terminal.printer())
                            continue
                    else:
                        api.user_sends(CHAT_ID, text, user_id=CHAT_ID, first_name="You")
                    # answers for this input are printed before the next line is read
                    await terminal.settle(reply_wait)
                    printer = asyncio.create_task(terminal.printer())
                printer.cancel()
            finally:
                tick = application.bot_data.tick_task
                if tick is not None and not tick.done():
                    out("(finishing the feed poll in progress; at most 30 s)")
                stop.set()
                await asyncio.wait_for(server, 60)
            return terminal
    finally:
        await app.close()
