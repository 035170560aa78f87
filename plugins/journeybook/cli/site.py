"""The site a CLI command works on, found through MkDocs' own reading of its configuration."""

from __future__ import annotations

from pathlib import Path

from journeybook.read.layout import Layout

CONFIG_FILE = "mkdocs.yml"


def site_layout(root: Path) -> Layout:
    """The layout of the site at ``root``, with ``docs_dir`` as a build would read it.

    The adapter imports MkDocs, so it is imported here, when a command runs: the core and the
    CLI's other modules stay importable without it.
    """
    from journeybook.mkdocs_plugin.site_layout import layout_of

    return layout_of(root / CONFIG_FILE)
