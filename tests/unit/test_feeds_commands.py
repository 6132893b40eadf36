"""`attache feeds ...` and `attache poll` end to end on a temporary SQLite file and the seed feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.feeds.opml import parse_opml

SEED_OPML = Path(__file__).resolve().parents[2] / "seeds" / "feeds" / "seeds.opml"


@pytest.fixture
def config(tmp_path: Path) -> str:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "cmd.db"}"\n'
        # the seed feeds are local files and the failing feed is on loopback
        "[feeds]\nallow_private = true\n",
        encoding="utf-8",
    )
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_poll_export_round_trip(config: str, capsys: pytest.CaptureFixture[str]):
    """Importing the seed OPML, polling twice (new, then 304) and exporting all work together."""
    code, out, _ = run(capsys, "feeds", "import", str(SEED_OPML), "--config", config)
    assert code == 0
    assert "imported 3 feeds" in out
    assert "(3 new)" in out

    code, out, _ = run(capsys, "feeds", "list", "--config", config)
    assert code == 0
    assert out.count("active; next poll") == 3
    assert "Capital Wire" in out

    code, out, _ = run(capsys, "poll", "--fetch-only", "--config", config)
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0].rsplit("/", 1)[1] for line in lines[:3]] == [
        "dispatch.atom",
        "seed.xml",
        "wire.xml",
    ]
    assert all(" new " in f" {line} " for line in lines[:3])
    # 12 items in three feeds, one story carried by two of them: 11 stored.
    assert lines[3] == "3 feeds polled: 11 new items, 0 failed, 0 disabled"

    code, out, _ = run(capsys, "poll", "--fetch-only", "--config", config)
    assert code == 0
    assert out.count("unchanged (304)") == 3

    code, out, _ = run(capsys, "feeds", "export", "--config", config)
    assert code == 0
    assert {f.title for f in parse_opml(out.encode())} == {
        "Asia Desk Daily",
        "Capital Wire",
        "Diplomatic Dispatch",
    }


def test_add_remove_enable(config: str, capsys: pytest.CaptureFixture[str]):
    """A feed can be added, re-enabled and removed; unknown feeds are reported."""
    url = "http://127.0.0.1:9/feed.xml"
    assert run(capsys, "feeds", "add", url, "--title", "Local", "--config", config)[0] == 0
    code, out, _ = run(capsys, "feeds", "enable", url, "--config", config)
    assert code == 0
    assert "enabled" in out
    assert run(capsys, "feeds", "remove", url, "--config", config)[:2] == (0, f"removed {url}\n")
    code, _, err = run(capsys, "feeds", "remove", url, "--config", config)
    assert code == 1
    assert "no feed" in err


def test_failing_feed_is_reported_by_poll(config: str, capsys: pytest.CaptureFixture[str]):
    """A feed that cannot be reached prints "failed: why" and the run exits non-zero."""
    run(capsys, "feeds", "add", "http://127.0.0.1:9/feed.xml", "--config", config)
    code, out, _ = run(capsys, "poll", "--fetch-only", "--config", config)
    assert code == 1
    assert "failed: connection failed" in out
    assert "retry after" in out


def test_bad_feed_url_is_refused(config: str, capsys: pytest.CaptureFixture[str]):
    """A URL that is not http(s) or file: is refused with a clear message."""
    code, _, err = run(capsys, "feeds", "add", "ftp://x.example/feed", "--config", config)
    assert code == 2
    assert "must be http://, https:// or file:" in err


def test_bad_opml_names_the_file(config: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Importing something that is not OPML fails with the file's name and the reason."""
    bad = tmp_path / "bad.opml"
    bad.write_text("<html><body>no</body></html>", encoding="utf-8")
    code, _, err = run(capsys, "feeds", "import", str(bad), "--config", config)
    assert code == 2
    assert str(bad) in err
    assert "not OPML" in err
    code, _, err = run(
        capsys, "feeds", "import", str(tmp_path / "missing.opml"), "--config", config
    )
    assert code == 2
    assert "no such OPML file" in err


def test_poll_without_feeds_says_how_to_add_them(config: str, capsys: pytest.CaptureFixture[str]):
    """With no feeds at all, poll explains how to add some instead of printing nothing."""
    code, out, _ = run(capsys, "poll", "--fetch-only", "--config", config)
    assert code == 0
    assert "no feeds" in out


@pytest.fixture
def strict_config(tmp_path: Path) -> Path:
    """A config with [feeds] allow_private off (the default)."""
    path = tmp_path / "strict.toml"
    path.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "strict.db"}"\n', encoding="utf-8"
    )
    return path


def test_internal_and_file_feeds_are_refused_without_allow_private(
    strict_config: Path, capsys: pytest.CaptureFixture[str]
):
    """`feeds add` refuses internal addresses in any notation and file: URLs, and OPML import
    takes the allowed feeds only, naming each refused one (exit status 1); nothing else stored."""
    config = str(strict_config)
    for url in ("http://2130706433/rss", "http://[::1]/rss", "http://localhost/rss", "file:///etc/passwd"):
        code, _, err = run(capsys, "feeds", "add", url, "--config", config)
        assert code == 2, (url, err)
        assert "allow_private" in err, (url, err)
    code, out, err = run(capsys, "feeds", "import", str(SEED_OPML), "--config", config)
    assert code == 1
    assert "imported 0 feeds" in out
    assert err.count("not imported:") == 3
    assert "file: URLs" in err
    code, out, _ = run(capsys, "feeds", "list", "--config", config)
    assert code == 0
    assert out.startswith("no feeds yet")


def test_a_configured_file_feed_stops_the_start_with_the_reason(
    strict_config: Path, capsys: pytest.CaptureFixture[str]
):
    """A file: feed in [feeds] sources without allow_private: a one-line error, exit status 2."""
    text = strict_config.read_text(encoding="utf-8")
    strict_config.write_text(
        text + '[feeds]\nsources = [{ url = "file:seeds/feeds/seed.xml" }]\n', encoding="utf-8"
    )
    code, _, err = run(capsys, "feeds", "list", "--config", str(strict_config))
    assert code == 2
    assert "file:seeds/feeds/seed.xml" in err
    assert "allow_private" in err
    assert "Traceback" not in err
