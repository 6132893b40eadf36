"""Configuration: defaults, the documented example file, and clear errors for wrong keys."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_example_config_loads_and_documents_every_key() -> None:
    """config.example.toml is valid and names every key of every section, each with a comment
    (an optional key whose default is "not set" is shown commented out)."""
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    settings = load_settings(ROOT / "config.example.toml")
    assert settings.database.url.startswith("sqlite")
    for section in dataclasses.fields(Settings):
        if section.name == "source":
            continue
        value = getattr(settings, section.name)
        if not dataclasses.is_dataclass(value):
            assert re.search(rf"^{section.name} = ", text, re.M), section.name
            continue
        assert f"[{section.name}]" in text
        for key in dataclasses.fields(value):
            shown = rf"^{key.name} = " if getattr(value, key.name) is not None else rf"^# {key.name} = "
            assert re.search(shown, text, re.M), f"{section.name}.{key.name} undocumented"


def test_unknown_key_names_key_file_and_expected(tmp_path: Path) -> None:
    """A typo fails at start with the key's name, the file and the keys expected."""
    cfg = tmp_path / "c.toml"
    cfg.write_text('[feeds]\npoll_intervall_s = 5\n')
    with pytest.raises(ConfigError) as err:
        load_settings(cfg)
    msg = str(err.value)
    assert "feeds.poll_intervall_s" in msg
    assert str(cfg) in msg
    assert "poll_interval_s" in msg


def test_wrong_type_says_what_is_expected(tmp_path: Path) -> None:
    """A string where a number belongs names the key and the expected type."""
    cfg = tmp_path / "c.toml"
    cfg.write_text('[telegram]\nmax_retries = "three"\n')
    with pytest.raises(ConfigError, match=r"telegram.max_retries must be int"):
        load_settings(cfg)


def test_missing_file_and_bad_toml(tmp_path: Path) -> None:
    """A missing file and a file that is not TOML both give one clear line."""
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[feeds\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad)


def test_secrets_come_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The token is read from TELEGRAM_BOT_TOKEN; a token key in the file is rejected as unknown."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    assert load_settings().telegram_token == "123:abc"
    cfg = tmp_path / "c.toml"
    cfg.write_text('[telegram]\ntoken = "123:abc"\n')
    with pytest.raises(ConfigError, match="telegram.token"):
        load_settings(cfg)


def test_environment_overrides_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """ATTACHE_DATABASE_URL replaces the configured database URL."""
    monkeypatch.setenv("ATTACHE_DATABASE_URL", "sqlite+aiosqlite:///x.db")
    assert load_settings().database.url == "sqlite+aiosqlite:///x.db"


def test_enumerated_values_are_checked(tmp_path: Path) -> None:
    """log_level and telegram.mode accept only their documented values."""
    cfg = tmp_path / "c.toml"
    cfg.write_text('log_level = "LOUD"\n')
    with pytest.raises(ConfigError, match="log_level must be one of"):
        load_settings(cfg)
    cfg.write_text('[telegram]\nmode = "carrier-pigeon"\n')
    with pytest.raises(ConfigError, match="telegram.mode"):
        load_settings(cfg)


def _refusal(cfg: Path, text: str) -> str:
    """Write `text` to `cfg` and return the ConfigError message loading it gives."""
    cfg.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_settings(cfg)
    return str(err.value)


def test_misspelt_key_gets_a_suggestion(tmp_path: Path) -> None:
    """A key one letter off a real one is answered with "did you mean" and the real key."""
    msg = _refusal(tmp_path / "c.toml", '[digest]\ndefault_timezon = "UTC"\n')
    assert "unknown key digest.default_timezon" in msg
    assert "(did you mean 'default_timezone'?)" in msg


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    """Three mistakes in three sections give three lines, each with the file and the key."""
    cfg = tmp_path / "c.toml"
    text = '[feeds]\ntimeout_s = "slow"\n[telegram]\nadmins = [1, "two"]\n[extract]\nbatch = 2\n'
    lines = _refusal(cfg, text).splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"{cfg}: ") for line in lines)
    assert any("feeds.timeout_s must be float, got str 'slow'" in line for line in lines)
    assert any("telegram.admins[1] must be int, got str 'two'" in line for line in lines)
    assert any("unknown key extract.batch" in line for line in lines)


def test_source_is_set_by_the_loader_not_the_file(tmp_path: Path) -> None:
    """`source` records where settings came from; a file cannot set it, and a bool is no int."""
    cfg = tmp_path / "c.toml"
    assert "unknown key source;" in _refusal(cfg, 'source = "elsewhere"\n')
    msg = _refusal(cfg, "[feeds]\nmax_redirects = true\n")
    assert "feeds.max_redirects must be int, got bool True" in msg
    cfg.write_text("[feeds]\ntimeout_s = 3\n")
    settings = load_settings(cfg)
    assert settings.source == str(cfg)
    assert settings.feeds.timeout_s == 3.0


def test_settings_are_frozen_and_replace_validates_again() -> None:
    """Settings cannot be changed in place; dataclasses.replace checks the new value too."""
    settings = load_settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.log_level = "DEBUG"  # type: ignore[misc]  # the assignment is what is tested
    with pytest.raises(ValidationError, match="carrier-pigeon"):
        dataclasses.replace(settings.telegram, mode="carrier-pigeon")
    assert dataclasses.replace(settings.telegram, mode="webhook").mode == "webhook"
