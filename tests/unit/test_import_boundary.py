"""Import boundaries (DESIGN): the pure core never imports the Telegram library; handlers and
commands never import storage."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ("bot.storylines", "bot.briefings", "bot.events", "bot.extract", "bot.feeds", "bot.maps",
        "bot.models", "bot.tgtext")


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


# Handlers and commands reach the database only through the application services.
NO_STORAGE = ("bot.telegram.handlers", "bot.commands")


def _modules(package: str) -> list[Path]:
    root = ROOT / Path(*package.split("."))
    return sorted(root.rglob("*.py"))


def _imported(tree: ast.AST, module: str) -> set[str]:
    """Every module a source file imports, anywhere in it (functions, TYPE_CHECKING blocks)."""
    found: set[str] = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the file's own package
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _storage_imports(package: str) -> list[str]:
    bad = []
    for path in _modules(package):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for name in sorted(_imported(tree, module)):
            if name == "bot.storage" or name.startswith("bot.storage."):
                bad.append(f"{module} imports {name}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "storage":
                bad.append(f"{module}:{node.lineno} reaches for .storage")
    return bad


def test_handlers_and_commands_import_no_storage() -> None:
    """No module of the handlers or the commands imports bot.storage (or names `.storage`),
    read from the source, so an import inside a function or a TYPE_CHECKING block counts too."""
    for package in NO_STORAGE:
        assert _modules(package), f"no modules found for {package}"
        assert _storage_imports(package) == []


def test_the_storage_check_sees_what_it_looks_for() -> None:
    """The services do use storage: the same check finds it there, so a pass above means
    something."""
    assert any("imports bot.storage" in line for line in _storage_imports("bot.services"))
    tree = ast.parse("def f():\n    from ..storage import chats\n")
    assert "bot.storage" in _imported(tree, "bot.commands.x")
