"""The deployment kit (Dockerfile, compose.yaml, systemd unit, health check) agrees with the code."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import re
import shlex
import socket
import sqlite3
import tomllib
from pathlib import Path

import pytest

from bot.config import ENV_OVERRIDES
from bot.storage import migrate
from bot.storage.db import Storage

ROOT = Path(__file__).resolve().parents[2]


def logical_lines(text: str) -> list[str]:
    """Dockerfile/Makefile lines with comments dropped and backslash continuations joined."""
    out: list[str] = []
    pending = ""
    for raw in text.splitlines():
        if not pending and raw.lstrip().startswith("#"):
            continue
        line = raw.rstrip()
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        out.append((pending + line).strip())
        pending = ""
    return [line for line in out if line]


def pip_installs(commands: list[str]) -> list[tuple[str, ...]]:
    """Each `pip install` in the commands as (kind, target, flags): what gets installed and how."""
    found: list[tuple[str, ...]] = []
    for command in commands:
        for part in command.split("&&"):
            words = shlex.split(part.replace("$(PY) -m pip", "pip").replace("python -m pip", "pip"))
            if words[:2] != ["pip", "install"]:
                continue
            args = [w for w in words[2:] if w not in ("--quiet", "--disable-pip-version-check")]
            if "-r" in args:
                found.append(("requirements", args[args.index("-r") + 1]))
            else:
                flags = tuple(sorted(a for a in args if a.startswith("--")))
                found.append(("package", *flags))
    return found


def makefile_venv_recipe() -> list[str]:
    """The recipe lines of the Makefile rule that builds the virtualenv stamp."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("$(STAMP):"))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) for every instruction of the Dockerfile."""
    pairs = []
    for line in logical_lines((ROOT / "Dockerfile").read_text(encoding="utf-8")):
        instruction, _, rest = line.partition(" ")
        pairs.append((instruction.upper(), rest.strip()))
    return pairs


def exec_form(args: str) -> list[str]:
    """A JSON-array (exec form) instruction argument; shell form is refused so signals reach the bot."""
    assert args.startswith("["), f"expected exec form, got {args!r}"
    return json.loads(args)


def test_dockerfile_installs_exactly_what_the_makefile_venv_installs():
    """Same requirement files in the same order, then the package itself without dependencies:
    a pin added to the Makefile but not the image (or the reverse) fails here.
    """
    make = pip_installs(makefile_venv_recipe())
    docker = pip_installs([args for ins, args in dockerfile() if ins == "RUN"])
    assert [k for k in make if k[0] == "requirements"] == [
        ("requirements", "requirements.lock"),
        ("requirements", "requirements-model.txt"),
    ]
    assert [k for k in docker if k[0] == "requirements"] == [k for k in make if k[0] == "requirements"]
    make_pkg = [k for k in make if k[0] == "package"]
    docker_pkg = [k for k in docker if k[0] == "package"]
    assert len(make_pkg) == len(docker_pkg) == 1
    assert "--no-deps" in docker_pkg[0]
    assert "--no-deps" in make_pkg[0]
    # the package comes last, after everything it depends on
    assert make[-1][0] == docker[-1][0] == "package"


def test_dockerfile_copies_the_files_it_installs_and_they_exist():
    """Every COPY source is in the repository and not hidden by .dockerignore; the model pin
    carries its hash so the build installs exactly that pipeline.
    """
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    sources: list[str] = []
    for ins, args in dockerfile():
        if ins == "COPY":
            sources += args.split()[:-1]
    for src in sources:
        assert (ROOT / src).exists(), src
        assert src.split("/")[0] not in ignored, f"{src} is excluded by .dockerignore"
    for name in ("requirements.lock", "requirements-model.txt", "pyproject.toml", "bot"):
        assert name in sources
    assert "--hash=sha256:" in (ROOT / "requirements-model.txt").read_text(encoding="utf-8")


def test_dockerfile_base_python_satisfies_pyproject():
    """The slim base image's Python meets requires-python (">=3.X")."""
    base = next(args for ins, args in dockerfile() if ins == "FROM")
    m = re.fullmatch(r"python:(\d+)\.(\d+)-slim(?:-\w+)?", base)
    assert m, base
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    need = re.fullmatch(r">=(\d+)\.(\d+)", pyproject["project"]["requires-python"])
    assert need
    assert (int(m[1]), int(m[2])) >= (int(need[1]), int(need[2]))


def test_dockerfile_runs_the_bot_as_non_root_with_a_healthcheck():
    """The last USER is neither root nor uid 0; the model is loaded at build time; HEALTHCHECK
    runs a script the image contains; CMD starts `attache run` on the mounted config.
    """
    steps = dockerfile()
    users = [args for ins, args in steps if ins == "USER"]
    assert users
    assert users[-1].split(":")[0] not in ("root", "0")
    assert any("spacy.load(" in args for ins, args in steps if ins == "RUN")
    health = [args for ins, args in steps if ins == "HEALTHCHECK"]
    assert len(health) == 1
    check = exec_form(health[0].split(" CMD ", 1)[1])
    assert check[:2] == ["python", "/app/deploy/healthcheck.py"]
    assert (ROOT / "deploy" / "healthcheck.py").is_file()
    cmd = exec_form(next(args for ins, args in steps if ins == "CMD"))
    assert cmd == ["attache", "run", "--config", "/config/config.toml"]
    assert "TELEGRAM_BOT_TOKEN" not in "".join(args for ins, args in steps if ins in ("ENV", "ARG"))


def yaml_keys(text: str) -> dict[str, list[str]]:
    """Mapping keys by dotted path for the block-style YAML we write (no PyYAML in the venv)."""
    assert "\t" not in text, "YAML forbids tabs for indentation"
    keys: dict[str, list[str]] = {}
    stack: list[tuple[int, str]] = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith(("#", "- ")):
            continue
        indent = len(raw) - len(raw.lstrip())
        m = re.fullmatch(r"([A-Za-z_][\w.-]*):(?:\s+(.*))?", raw.strip())
        assert m, f"not a mapping line: {raw!r}"
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = ".".join(k for _, k in stack)
        keys.setdefault(parent, []).append(m[1])
        stack.append((indent, m[1]))
    return keys


def test_compose_names_bot_postgres_redis_and_their_volumes():
    """Three services; the bot's database URL uses the env name bot/config.py reads and points at
    the db service; every named volume a service mounts is declared.
    """
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    keys = yaml_keys(text)
    assert keys["services"] == ["bot", "db", "redis"]
    env = keys["services.bot.environment"]
    assert "TELEGRAM_BOT_TOKEN" in env
    assert "ATTACHE_DATABASE_URL" in env
    assert "ATTACHE_DATABASE_URL" in ENV_OVERRIDES
    assert re.search(r"ATTACHE_DATABASE_URL: postgresql\+asyncpg://\S+@db:5432/", text)
    mounted = set(re.findall(r"^\s+- ([a-z][\w-]*):/", text, flags=re.M))
    assert mounted == {"bot-data", "pg-data", "redis-data"}
    assert set(keys["volumes"]) == mounted
    assert "./config.toml:/config/config.toml:ro" in text


def test_systemd_unit_starts_attache_run():
    """ExecStart runs `attache run` on a config file; the token comes from an EnvironmentFile."""
    unit = (ROOT / "deploy" / "attache.service").read_text(encoding="utf-8")
    sections = re.findall(r"^\[(\w+)\]", unit, flags=re.M)
    assert sections == ["Unit", "Service", "Install"]
    exec_start = re.search(r"^ExecStart=(.+)$", unit, flags=re.M)
    assert exec_start
    argv = shlex.split(exec_start[1])
    assert argv[0].endswith("/attache")
    assert argv[1:3] == ["run", "--config"]
    assert re.search(r"^EnvironmentFile=", unit, flags=re.M)
    assert "TELEGRAM_BOT_TOKEN=" not in unit.replace("TELEGRAM_BOT_TOKEN=...", "")


def load_healthcheck():
    spec = importlib.util.spec_from_file_location("healthcheck", ROOT / "deploy" / "healthcheck.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def healthcheck(monkeypatch):
    monkeypatch.delenv("ATTACHE_DATABASE_URL", raising=False)
    return load_healthcheck()


def test_healthcheck_main_reports_healthy_with_exit_0(tmp_path, monkeypatch, capsys):
    """End to end through main(): exit status 0 and one "healthy" line for a migrated database."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'attache.db'}"

    async def make() -> None:
        await (await Storage.open(url)).close()

    asyncio.run(make())
    monkeypatch.setenv("ATTACHE_DATABASE_URL", url)
    assert load_healthcheck().main([]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("healthy: database sqlite+aiosqlite:///")
    assert line.endswith(f"at schema {migrate.head_revision()}")


def test_healthcheck_fails_without_creating_a_missing_sqlite_file(tmp_path, monkeypatch, healthcheck, capsys):
    """Before the bot's first start there is no database: unhealthy, and no empty file is left behind."""
    path = tmp_path / "attache.db"
    monkeypatch.setenv("ATTACHE_DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    assert healthcheck.main([]) == 1
    assert "does not exist yet" in capsys.readouterr().out
    assert not path.exists()


def test_healthcheck_fails_on_an_unmigrated_database(tmp_path, monkeypatch, healthcheck):
    """A database file with no schema (bot never started, or an older one) is not healthy."""
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    monkeypatch.setenv("ATTACHE_DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    healthy, line = healthcheck.check(None, 5.0)
    assert not healthy
    assert "at schema None" in line


def test_healthcheck_unreachable_postgres_hides_the_password(monkeypatch, healthcheck):
    """A closed port on 127.0.0.1: unhealthy within the timeout, and the password is not printed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("ATTACHE_DATABASE_URL", f"postgresql://attache:s3cret-pw@127.0.0.1:{port}/x")
    healthy, line = healthcheck.check(None, 5.0)
    assert not healthy
    assert "unreachable" in line
    assert "s3cret-pw" not in line
    assert "***" in line


def test_healthcheck_bad_config_is_a_clear_error(tmp_path, healthcheck):
    """A config key the bot would refuse makes the check fail with the key's name."""
    bad = tmp_path / "config.toml"
    bad.write_text("[database]\nurll = 'x'\n", encoding="utf-8")
    healthy, line = healthcheck.check(str(bad), 5.0)
    assert not healthy
    assert "unknown key database.urll" in line
