"""The package's shape: a core that runs without MkDocs, no import cycles, small modules.

These guard what a second front end (another static-site tool) relies on: everything outside
``journeybook.mkdocs_plugin`` must import and work with MkDocs and Material absent.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import journeybook

PACKAGE = Path(journeybook.__file__).parent
ADAPTER = "journeybook.mkdocs_plugin"
FOREIGN_FRONT_ENDS = ("mkdocs", "material", "mermaid2", "pymdownx")


def module_name(path: Path) -> str:
    parts = ["journeybook", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
CORE = sorted(name for name in MODULES if not name.startswith(ADAPTER))


def top_level_imports(path: Path) -> list[str]:
    """Modules imported when ``path`` is imported (not under TYPE_CHECKING, not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.Import):
                found.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append(node.module)
                found.extend(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, (ast.If, ast.Try)):
                visit(node.body)
                visit(getattr(node, "orelse", []))

    visit(tree.body)
    return found


def test_core_imports_with_mkdocs_and_material_unimportable() -> None:
    blocker = textwrap.dedent(f"""
        import importlib.abc, sys
        class Refuse(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {FOREIGN_FRONT_ENDS!r}:
                    raise ImportError(f"{{name}} is not installed here")
        sys.meta_path.insert(0, Refuse())
        import importlib
        for name in {CORE!r}:
            importlib.import_module(name)
        leaked = sorted(m for m in sys.modules if m.split(".")[0] in {FOREIGN_FRONT_ENDS!r})
        assert not leaked, leaked
        print("imported", len({CORE!r}))
    """)
    result = subprocess.run([sys.executable, "-c", blocker], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"imported {len(CORE)}" in result.stdout


def test_only_the_adapter_names_mkdocs() -> None:
    offenders = {
        name: imported
        for name in CORE
        for imported in top_level_imports(MODULES[name])
        if imported.split(".")[0] in FOREIGN_FRONT_ENDS
    }
    assert offenders == {}


def test_no_import_cycles() -> None:
    graph = {
        name: {target for target in top_level_imports(path) if target in MODULES and target != name}
        for name, path in MODULES.items()
    }
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def walk(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [node, target])
            elif target not in state:
                walk(target, [*trail, target])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert cycles == []


def test_modules_and_functions_stay_small() -> None:
    too_long: list[str] = []
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if (lines := len(text.splitlines())) > 400:
            too_long.append(f"{name}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and (size := node.end_lineno - node.lineno + 1) > 60:
                too_long.append(f"{name}.{node.name}: {size} lines")
    assert too_long == []


def test_every_package_says_what_it_holds() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init.relative_to(PACKAGE)} has no docstring"
