"""Where a Journeybook project keeps things, relative to its root (the folder of mkdocs.yml).

A site's own ``templates/`` and ``site_config/`` come first; any file it does not have is taken
from the packaged defaults (``journeybook.defaults``), so defaults it never copied follow upgrades.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from journeybook.defaults import Defaults, packaged_defaults
from journeybook.errors import BuildProblem
from journeybook.findings import unreadable
from journeybook.read.front_matter import YamlProblem, decode
from journeybook.read.yaml_syntax import syntax_problem


def _unique(*folders: Path) -> tuple[Path, ...]:
    """Folders in order, each once (the example site's own folders are the packaged defaults)."""
    seen: list[Path] = []
    for folder in folders:
        if folder not in seen:
            seen.append(folder)
    return tuple(seen)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain keys while ignoring its ``!!python/name`` and ``!ENV`` tags."""


class Tagged:
    """A value behind a tag (``!ENV [...]``): only MkDocs knows what it becomes."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: Tagged())


def folder_setting(config_file: Path, key: str, default: str, example: str) -> str | None:
    """A folder a MkDocs configuration names (``docs_dir``, ``site_dir``), read without MkDocs.

    Relative to the configuration's folder, ``default`` when not set. A configuration that
    cannot be read stops the run with its line, as MkDocs itself would. ``None`` when the value
    is behind a tag (``!ENV``), which only MkDocs' loader resolves.
    """
    name = config_file.name
    try:
        text = decode(config_file.read_bytes())
        config: Any = yaml.load(text, Loader=_TolerantLoader) or {}
    except YamlProblem as problem:
        raise BuildProblem(f"{name}:{problem.line}:{problem.column}: {problem.message}") from None
    except OSError as problem:
        raise BuildProblem(f"{name}: {unreadable(problem)}") from None
    except yaml.YAMLError as error:
        problem = syntax_problem(error, text, 0)
        raise BuildProblem(f"{name}:{problem.line}:{problem.column}: {problem.message}") from None
    except ValueError as error:  # a value PyYAML cannot construct, such as a 5,000-digit number
        raise BuildProblem(f"{name}: a value cannot be read ({error})") from None
    value = config.get(key, default) if isinstance(config, dict) else default
    if isinstance(value, Tagged):
        return None
    if not isinstance(value, str) or not value.strip():
        raise BuildProblem(f"{name}: {key}: must be the name of a folder, such as {example!r}, not {value!r}")
    return value


def docs_dir_of(config_file: Path) -> str | None:
    """``docs_dir`` as the configuration names it (see ``folder_setting``)."""
    return folder_setting(config_file, "docs_dir", "docs", "content")


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

    def inside(self, path: Path) -> Path:
        """The folder ``path`` must not lead out of: the project, or the packaged defaults for one of theirs."""
        return self.defaults.root if not path.is_relative_to(self.root) and path.is_relative_to(self.defaults.root) else self.root

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

    def languages(self) -> tuple[str, ...]:
        """The label sets the site has (``en``, ``es``...: files in its label folders, packaged or its own), English always."""
        found = {path.stem for folder in self.label_dirs if folder.is_dir() for path in folder.glob("*.yml")}
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

    def persona_files(self) -> list[Path]:
        return sorted(p for p in self.personas_dir.glob("*.md") if p.name != "index.md") if self.personas_dir.is_dir() else []

    def playbook_files(self) -> list[Path]:
        return sorted(p for p in self.journeys_dir.rglob("*.md") if p.name != "index.md") if self.journeys_dir.is_dir() else []
