"""Migrations run from an installed wheel, not only from a checkout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

OPEN_AND_LIST = """
import asyncio, sys
import bot.storage.migrate as m
from sqlalchemy import inspect
from bot.storage import Storage

async def main():
    storage = await Storage.open("sqlite+aiosqlite:///" + sys.argv[1])
    async with storage.engine.connect() as conn:
        names = await conn.run_sync(lambda c: sorted(inspect(c).get_table_names()))
        revision = await conn.run_sync(m.current_revision)
    await storage.close()
    print(m.__file__)
    print(revision, " ".join(names))

asyncio.run(main())
"""


def test_wheel_ships_migrations_and_opens_a_database(tmp_path: Path) -> None:
    """Build the wheel, install it in an empty folder, and open (migrate) a database from there."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    target = tmp_path / "site"
    wheel = next(wheels.glob("attache-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target)]
        + [str(wheel)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    out = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LIST, str(tmp_path / "wheel.db")],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    ).stdout.splitlines()
    assert out[0].startswith(str(target))
    revision, *tables = out[1].split()
    assert revision == "0008"  # every shipped migration ran
    assert {"feeds", "articles", "matches", "outbox", "alembic_version"} <= set(tables)
