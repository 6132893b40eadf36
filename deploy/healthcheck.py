"""Container health check: the bot's /healthz when `[ops] listen` is set, else the config loads
and the database answers at this code's schema revision.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.config import ConfigError, load_settings
from bot.ops.address import parse_listen
from bot.storage import migrate
from bot.storage.db import create_engine_for, normalise_url
from bot.storage.errors import StorageError


def sqlite_file_missing(url: str) -> str | None:
    """The path of an on-disk SQLite database that does not exist yet, else None.

    Connecting would create an empty file and report it healthy; the bot creates it at start.
    """
    parsed = normalise_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return None if Path(parsed.database).exists() else parsed.database


async def schema_revision(url: str, timeout_s: float) -> str | None:
    """The schema revision the database reports, within timeout_s seconds."""
    engine = create_engine_for(url)
    try:
        async with asyncio.timeout(timeout_s), engine.connect() as conn:
            return await conn.run_sync(migrate.current_revision)
    finally:
        await engine.dispose()


def healthz_url(listen: str) -> str | None:
    """Where the running bot answers /healthz, or None when its server is off. A server on
    all addresses is asked on the loopback address.
    """
    address = parse_listen(listen)
    if address is None:
        return None
    host, port = address
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/healthz"


def ask_healthz(url: str, timeout_s: float) -> tuple[bool, str]:
    """(healthy, one line): healthy on HTTP 200 only; otherwise the bot's reasons."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            body = json.loads(response.read())
            return True, f"healthy: {url} answered {response.status}, last poll {body.get('last_poll_at')}"
    except urllib.error.HTTPError as exc:
        try:
            reasons = "; ".join(json.loads(exc.read()).get("reasons") or []) or exc.reason
        except ValueError:
            reasons = str(exc.reason)
        return False, f"unhealthy: {url} answered {exc.code}: {reasons}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return False, f"unhealthy: {url} did not answer: {reason}"


def check(config: str | None, timeout_s: float) -> tuple[bool, str]:
    """(healthy, one line saying why); the line never shows a database password."""
    try:
        settings = load_settings(config)
        health_url = healthz_url(settings.ops.listen)
        if health_url is not None:
            return ask_healthz(health_url, timeout_s)
        url = settings.database.url
        shown = make_url(url).render_as_string(hide_password=True)
        missing = sqlite_file_missing(url)
        if missing:
            return False, f"unhealthy: SQLite database {missing} does not exist yet"
        revision = asyncio.run(schema_revision(url, timeout_s))
    except (ConfigError, StorageError) as exc:
        return False, f"unhealthy: {exc}"
    except TimeoutError:
        return False, f"unhealthy: database {shown} did not answer within {timeout_s:g} s"
    except Exception as exc:  # any driver error means "not reachable"; say which
        return False, f"unhealthy: database {shown} unreachable: {type(exc).__name__}: {exc}"
    head = migrate.head_revision()
    if revision != head:
        return False, f"unhealthy: database {shown} at schema {revision}, this version expects {head}"
    return True, f"healthy: database {shown} at schema {revision}"


def main(argv: list[str] | None = None) -> int:
    """Print one line; 0 when healthy, 1 when not."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", metavar="FILE", help="TOML settings (default: built-in defaults)")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="S")
    args = parser.parse_args(argv)
    healthy, line = check(args.config, args.timeout)
    print(line)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
