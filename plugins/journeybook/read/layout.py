"""Where a Journeybook project keeps things, relative to its root (the folder of mkdocs.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain keys while ignoring its ``!!python/name`` tags."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Layout:
    """Paths of one project. ``docs_dir`` follows mkdocs.yml; the rest are fixed by convention."""

    root: Path
    docs_dir: Path

    @classmethod
    def at(cls, root: Path, docs_dir: str | Path = "content") -> Layout:
        root = root.resolve()
        return cls(root=root, docs_dir=(root / docs_dir).resolve())

    @property
    def journeys_dir(self) -> Path:
        return self.docs_dir / "journeys"

    @property
    def personas_dir(self) -> Path:
        return self.docs_dir / "personas"

    @property
    def owners_file(self) -> Path:
        return self.root / "data" / "owners.yml"

    @property
    def kpi_dir(self) -> Path:
        return self.root / "data" / "kpis"

    @property
    def config_dir(self) -> Path:
        return self.root / "site_config"

    @classmethod
    def from_mkdocs_yml(cls, root: Path) -> Layout:
        """The layout a CLI run uses: docs_dir as mkdocs.yml says, without importing MkDocs."""
        with (root / "mkdocs.yml").open(encoding="utf-8") as stream:
            config: Any = yaml.load(stream, Loader=_TolerantLoader) or {}
        return cls.at(root, config.get("docs_dir", "docs") if isinstance(config, dict) else "docs")

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def labels_dir(self) -> Path:
        return self.config_dir / "labels"

    def languages(self) -> tuple[str, ...]:
        """The label sets the site has (``en``, ``es``...: its files in ``labels_dir``), English always."""
        found = {path.stem for path in self.labels_dir.glob("*.yml")} if self.labels_dir.is_dir() else set()
        return tuple(sorted(found | {"en"}))

    def rel(self, path: Path) -> str:
        """A path as findings show it: relative to the project root when inside it."""
        if path.is_absolute() and path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()  # the usual case; resolve() costs a system call per part
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def src_uri(self, path: Path) -> str:
        """The page's path inside docs_dir, as MkDocs names it."""
        if path.is_absolute() and path.is_relative_to(self.docs_dir):
            return path.relative_to(self.docs_dir).as_posix()
        return path.resolve().relative_to(self.docs_dir).as_posix()

    def playbook_files(self) -> list[Path]:
        return sorted(p for p in self.journeys_dir.rglob("*.md") if p.name != "index.md") if self.journeys_dir.is_dir() else []
