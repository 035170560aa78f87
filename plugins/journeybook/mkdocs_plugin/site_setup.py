"""What the plugin gives every site without a line in its mkdocs.yml.

The theme overrides (the site's ``templates/overrides/``, then the packaged ones, ahead of
Material's own templates), the offline plugin's Worker shim served by the site itself, and the
files every page loads: Mermaid's bundle, the stylesheet and two scripts. Each comes from the
site when it has its own copy, else from the installed package (``journeybook.defaults``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from mkdocs.config.defaults import MkDocsConfig

from journeybook.pages.uris import (
    MERMAID_URI,
    PRINT_SCRIPT_URI,
    SHIM_URI,
    STYLESHEET_URI,
    TABLES_SCRIPT_URI,
)
from journeybook.read.layout import Layout


class Asset(NamedTuple):
    """A file the site serves itself: where, from which file, what it is, how to get it back."""

    uri: str
    source: Path
    what: str
    remedy: str


def add_theme_overrides(config: MkDocsConfig, layout: Layout) -> None:
    """Put the override folders after the site's ``custom_dir`` (if any) and before Material's."""
    dirs: list[str] = config.theme.dirs
    at = 1 if config.theme.custom_dir else 0
    known = {os.path.normpath(folder) for folder in dirs}
    for folder in (str(d / "overrides") for d in layout.template_dirs):
        if os.path.isdir(folder) and os.path.normpath(folder) not in known:
            dirs.insert(at, folder)
            known.add(os.path.normpath(folder))
            at += 1


def add_worker_shim(config: MkDocsConfig) -> None:
    """Name the site's own shim in ``extra.polyfills`` unless the site names one already."""
    polyfills = config.extra.get("polyfills") or []
    if not any("iframe-worker" in str(url) for url in polyfills):
        polyfills.append(SHIM_URI)
    config.extra["polyfills"] = polyfills


def drop_instant_navigation_offline(config: MkDocsConfig) -> None:
    """Turn off ``navigation.instant`` (and its ``.preview``, ``.progress``...) in an offline build.

    Over ``file://`` Material's instant navigation stands down, and with it the document stream
    that mounts the page's content never starts: every diagram stays Mermaid source in a code
    block. The offline copy is read from a file share, so it loads each page in full instead.
    """
    offline = config.plugins.get("material/offline")
    if offline is None or not getattr(offline, "config", {}).get("enabled"):
        return
    features: list[str] = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if f != "navigation.instant" and not f.startswith("navigation.instant.")]


def site_assets(layout: Layout, mermaid_js: str | None) -> list[Asset]:
    """Every asset the site serves; ``mermaid_js`` is the plugin option (relative to the root).

    A template asset is missing only when neither the site nor the package has it.
    """
    packaged = layout.defaults.remedy
    mermaid = layout.root / mermaid_js if mermaid_js else layout.defaults.mermaid_js
    return [
        Asset(MERMAID_URI, mermaid, "Mermaid's bundle", "fix the plugin's 'mermaid_js' option" if mermaid_js else packaged),
        Asset(STYLESHEET_URI, layout.template_file("assets/journeybook.css"), "Journeybook's stylesheet", packaged),
        Asset(TABLES_SCRIPT_URI, layout.template_file("assets/journeybook-tables.js"), "the table-sorting script", packaged),
        Asset(PRINT_SCRIPT_URI, layout.template_file("assets/journeybook-print.js"), "the script fitting diagrams to a printed page", packaged),
        Asset(SHIM_URI, layout.defaults.worker_shim, "the iframe-worker shim (search over file://)", packaged),
    ]
