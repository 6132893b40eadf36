"""`attache demo` ends with the seed storyline's itinerary map written to a file it names."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from bot.maps.itinerary_png import HEIGHT_PX, WIDTH_PX

pytestmark = pytest.mark.slow  # the demo loads the spaCy pipeline


def test_the_demo_writes_the_itinerary_image_and_names_it_last(tmp_path: Path) -> None:
    """The last line is "itinerary image: PATH"; the file is a PNG of the map's size, written to
    the temporary folder (TMPDIR), and the timeline is printed before it."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "bot", "demo"], capture_output=True, text=True,
                         env=env, timeout=300, check=True).stdout
    lines = out.rstrip("\n").splitlines()
    assert "6. Timeline and itinerary map: pompeo-asia-trip-2018" in lines
    assert lines[-1].startswith("itinerary image: ")
    path = Path(lines[-1].removeprefix("itinerary image: "))
    assert path.parent == tmp_path
    assert path.suffix == ".png"
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) < 300_000
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (WIDTH_PX, HEIGHT_PX)
