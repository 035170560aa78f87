"""Shared fixtures: a private copy of the example project, and the CLI run as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
PROJECT_PARTS = ("content", "data", "site_config", "templates", "mkdocs.yml")


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 300) -> Result:
    """Run a command with the test date pinned, capturing what a user would see."""
    full_env = {**os.environ, "JOURNEYBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full_env.pop("JOURNEYBOOK_DEBUG", None)
    done = subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)
    return Result(done.returncode, done.stdout, done.stderr)


def journeybook(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    return run([sys.executable, "-m", "journeybook.cli.main", *args], cwd=cwd, env=env)


def mkdocs_build(project: Path, *extra: str, config: str = "mkdocs.yml") -> Result:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config, *extra], cwd=project)


def copy_project(target: Path) -> Path:
    """A private copy of the example project (node_modules linked, not copied)."""
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    (target / "node_modules").symlink_to(REPO / "node_modules")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once with --strict for every test that reads its HTML."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    return root / "site"


def matches_golden(kind: str, name: str, actual: str) -> None:
    """``actual`` equals ``tests/golden/<kind>/<name>``; JOURNEYBOOK_UPDATE_GOLDEN=1 rewrites it."""
    path = Path(__file__).parent / "golden" / kind / name
    if os.environ.get("JOURNEYBOOK_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing; run with JOURNEYBOOK_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")
