"""A storyline as a TOML file in the schema `attache storylines check` reads, for /export."""

from __future__ import annotations

import json
from typing import Any

from bot.models import Storyline
from bot.storylines.definitions import storyline_to_dict


def _value(value: Any) -> str:
    """A TOML value: JSON's string escapes are TOML's basic-string escapes."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def storyline_toml(storyline: Storyline) -> str:
    """The storyline's definition as TOML: plain keys first, then [window] and [[actors]]."""
    data = storyline_to_dict(storyline)
    lines = [f"# {storyline.title}", "# Check it with: attache storylines check FILE", ""]
    for key in ("slug", "title", "description", "places", "keywords", "require"):
        if key in data:
            lines.append(f"{key} = {_value(data[key])}")
    window = data.get("window")
    if window:
        # Dates are TOML dates, written bare.
        lines += ["", "[window]", *(f"{k} = {v}" for k, v in window.items())]
    for actor in data["actors"]:
        lines += ["", "[[actors]]", *(f"{k} = {_value(v)}" for k, v in actor.items())]
    return "\n".join(lines) + "\n"


def export_filename(slug: str) -> str:
    """The file name /export gives the storyline's definition."""
    return f"{slug}.toml"
