"""Where the files a site does not write itself come from: the installed package, or this repository.

A site holds its content; everything else (block templates, theme overrides, assets, labels,
taxonomies, JSON Schemas, Mermaid's bundle and the offline Worker shim) ships inside the wheel,
under ``journeybook/_defaults/``, copied there from this repository when the wheel is built
(``setup.py``). An editable install has no such folder: its defaults are the repository's own
top-level ``templates/``, ``site_config/`` and ``node_modules/``, the sources the wheel is built
from, so the example site reads them through the same code path as any installed site.

This module imports nothing but the standard library: ``setup.py`` loads it by path.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

PACKAGED = Path(__file__).resolve().parent / "_defaults"
REPOSITORY = Path(__file__).resolve().parents[2]

TEMPLATES = "templates"
SITE_CONFIG = "site_config"
VENDOR = "vendor"

CONFIG_FILES = ("phases.yml", "channels.yml", "verification-methods.yml", "data-sources.yml", "labels/*.yml", "*.schema.json")
"""What of ``site_config/`` is a packaged default (settings.yml is the site's own, never shipped)."""

VENDORED = {
    "mermaid.min.js": "node_modules/mermaid/dist/mermaid.min.js",
    "iframe-worker.js": "node_modules/iframe-worker/shim/index.js",
}
"""Front-end files pinned by package-lock.json: name in the wheel -> where npm puts them."""


@dataclass(frozen=True)
class Defaults:
    """The packaged defaults' folders and files, wherever this install keeps them."""

    templates_dir: Path
    config_dir: Path
    mermaid_js: Path
    worker_shim: Path
    packaged: bool

    @property
    def root(self) -> Path:
        """The folder holding the default templates and site config: what a default file must stay inside."""
        return self.config_dir.parent

    @property
    def remedy(self) -> str:
        """How to get a missing default back, for the message that names it."""
        if self.packaged:
            return "reinstall Journeybook ('pip install --force-reinstall journeybook')"
        return "run 'npm ci' (make build does it), or restore the file from the repository"


def packaged_defaults() -> Defaults:
    """The wheel's ``_defaults`` when installed from one, else the repository's sources."""
    if (PACKAGED / TEMPLATES).is_dir():
        vendor = PACKAGED / VENDOR
        return Defaults(PACKAGED / TEMPLATES, PACKAGED / SITE_CONFIG, vendor / "mermaid.min.js", vendor / "iframe-worker.js", packaged=True)
    return Defaults(
        REPOSITORY / TEMPLATES, REPOSITORY / SITE_CONFIG,
        REPOSITORY / VENDORED["mermaid.min.js"], REPOSITORY / VENDORED["iframe-worker.js"], packaged=False,
    )


def copy_defaults(repository: Path, target: Path) -> None:
    """Copy what the wheel carries from ``repository`` into ``target`` (``journeybook/_defaults``).

    Fails when an npm file is missing: a wheel without Mermaid would build sites without diagrams.
    """
    shutil.copytree(repository / TEMPLATES, target / TEMPLATES, dirs_exist_ok=True)
    for pattern in CONFIG_FILES:
        for source in sorted((repository / SITE_CONFIG).glob(pattern)):
            destination = target / SITE_CONFIG / source.relative_to(repository / SITE_CONFIG)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    for name, source in VENDORED.items():
        if not (repository / source).is_file():
            raise FileNotFoundError(f"{source} is missing: run 'npm ci' before building the wheel")
        (target / VENDOR).mkdir(parents=True, exist_ok=True)
        shutil.copy2(repository / source, target / VENDOR / name)
