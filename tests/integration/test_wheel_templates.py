"""Templates load from an installed wheel, not only from a checkout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_templates_and_renders(tmp_path: Path) -> None:
    """Build the wheel, install it into an empty folder, and render a digest from there."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True, cwd=tmp_path,
    )
    target = tmp_path / "site"
    wheel = next(wheels.glob("attache-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True, capture_output=True, cwd=tmp_path,
    )
    code = (
        "import bot.briefings.render as r, datetime as d\n"
        "from bot.briefings.views import DigestView\n"
        "print(r._template_dirs())\n"
        "print(r.render_digest(DigestView((), None, d.datetime(2018,10,6,tzinfo=d.UTC)), 'txt'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    ).stdout
    assert str(target) in out.splitlines()[0]
    assert str(ROOT) not in out.splitlines()[0]
    assert "Nothing new in your storylines" in out
