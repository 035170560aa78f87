"""Where a Journeybook project keeps things, relative to its root (the folder of mkdocs.yml).

A site's own ``templates/`` and ``site_config/`` come first; any file it does not have is taken
from the packaged defaults (``journeybook.defaults``), so defaults it never copied follow upgrades.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from journeybook.defaults import Defaults, packaged_defaults


def _unique(*folders: Path) -> tuple[Path, ...]:
    """Folders in order, each once (the example site's own folders are the packaged defaults)."""
    seen: list[Path] = []
    for folder in folders:
        if folder not in seen:
            seen.append(folder)
    return tuple(seen)


@dataclass(frozen=True)
class Layout:
    """Paths of one project. ``docs_dir`` follows mkdocs.yml; the rest are fixed by convention."""

    root: Path
    docs_dir: Path
    defaults: Defaults = field(default_factory=packaged_defaults)

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

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def labels_dir(self) -> Path:
        return self.config_dir / "labels"

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates are looked up: the site's ``templates/`` first, then the packaged ones."""
        return _unique(self.templates_dir, self.defaults.templates_dir)

    @property
    def label_dirs(self) -> tuple[Path, ...]:
        """Label folders in merge order: the packaged labels, then the site's keys over them."""
        return _unique(self.defaults.config_dir / "labels", self.labels_dir)

    def config_file(self, name: str) -> Path:
        """``site_config/<name>``: the site's own file when it has one (it replaces the packaged one)."""
        own = self.config_dir / name
        return own if own.is_file() else self.defaults.config_dir / name

    def template_file(self, name: str) -> Path:
        """``templates/<name>`` from the first template folder that has it (the packaged one if none)."""
        for folder in self.template_dirs:
            if (folder / name).is_file():
                return folder / name
        return self.defaults.templates_dir / name

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
