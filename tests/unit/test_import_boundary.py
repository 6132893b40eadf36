"""The pure core never imports the Telegram library (DESIGN: import boundary)."""

from __future__ import annotations

import subprocess
import sys

CORE = ("bot.storylines", "bot.briefings", "bot.extract", "bot.feeds", "bot.maps", "bot.models",
        "bot.tgtext")


def test_core_packages_do_not_import_telegram() -> None:
    """Importing every core module in a fresh interpreter leaves `telegram` unimported."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {CORE!r}:\n"
        "    mod = importlib.import_module(name)\n"
        "    for info in pkgutil.walk_packages(getattr(mod, '__path__', []), name + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'telegram' or m.startswith('telegram.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
