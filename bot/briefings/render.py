"""Jinja2 → Telegram HTML (autoescaped, only Telegram's tags) or plain terminal text."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import jinja2

from bot.briefings.views import (
    BriefingView,
    DigestView,
    FollowUpView,
    PersonView,
    TimelineView,
    meeting_phrase,
    quote_text,
    short_date,
)
from bot.tgtext.split import split_for_sending

FORMATS = ("html", "txt")


def _template_dirs() -> list[str]:
    """Templates ship in the wheel as `bot/templates`; a checkout keeps them at the top level."""
    dirs: list[str] = []
    try:
        packaged = resources.files("bot") / "templates"
        if packaged.is_dir():
            dirs.append(str(packaged))
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        dirs.append(str(checkout))
    return dirs


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment over the packaged (or checkout) templates, with the view filters."""
    dirs = _template_dirs()
    if not dirs:
        raise RuntimeError("templates not found: reinstall the package or run from a checkout")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )
    env.filters["meeting"] = meeting_phrase
    env.filters["day"] = short_date
    env.filters["quoted"] = quote_text
    return env


def _render(name: str, fmt: str, **context: object) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    text = environment().get_template(f"{name}.{fmt}.j2").render(**context)
    # Templates keep their logic readable with line breaks; collapse the runs they leave.
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def render_briefing(view: BriefingView, fmt: str = "html") -> str:
    """One briefing as Telegram HTML (or plain text)."""
    return _render("briefing", fmt, b=view)


def render_follow_up(view: FollowUpView) -> str:
    """A follow-up to a briefing past its edit window, as one Telegram HTML message (cut where
    Telegram's length demands: the briefing it follows tells the rest).
    """
    return as_messages(_render("follow_up", "html", u=view))[0]


def render_digest(view: DigestView, fmt: str = "html") -> str:
    """A chat's digest as Telegram HTML (or plain text)."""
    return _render("digest", fmt, d=view)


def render_timeline(view: TimelineView, fmt: str = "html") -> str:
    """A storyline's timeline as Telegram HTML (or plain text)."""
    return _render("timeline", fmt, t=view)


def render_person(view: PersonView, fmt: str = "html") -> str:
    """What one person did and said across storylines, as Telegram HTML (or plain text)."""
    return _render("person", fmt, p=view)


def as_messages(text: str, fmt: str = "html") -> list[str]:
    """Telegram messages for HTML, none of them blank; terminal text is never split."""
    if fmt != "html":
        return [text]
    return split_for_sending(text)
