"""What the pre-commit hooks watch: every input ``journeybook check`` reads, from the layout.

Two hooks: pages (playbooks and initiatives) are checked one by one, as they are committed;
a change to what every page depends on (teams, measurements, taxonomies, settings, labels,
personas, ``mkdocs.yml``) checks them all. The patterns are made from ``Layout``, so a new
kind of input is watched once the layout names it; ``init`` writes them into the new site's
``.pre-commit-config.yaml``, and a test holds the repository's ``.pre-commit-hooks.yaml`` to them.
"""

from __future__ import annotations

import re
from pathlib import Path

from journeybook.model.initiatives import INITIATIVES_DIR
from journeybook.read.layout import Layout


def _alternatives(names: list[str]) -> str:
    return names[0] if len(names) == 1 else "(" + "|".join(names) + ")"


def page_pattern(layout: Layout) -> str:
    """The files ``check`` takes by name: playbooks and initiatives (their ``index.md`` is excluded by the hook)."""
    folders = [re.escape(layout.rel(folder)) for folder in (layout.journeys_dir, layout.docs_dir / INITIATIVES_DIR)]
    return rf"^{_alternatives(folders)}/.*\.md$"


def shared_pattern(layout: Layout) -> str:
    """The files every page depends on: a change to one of them checks all the pages."""
    inputs = [
        re.escape("mkdocs.yml"),
        re.escape(layout.rel(layout.owners_file.parent)) + "/.*",  # teams and measurements
        re.escape(layout.rel(layout.config_dir)) + r"/.*\.yml",  # taxonomies, settings, labels, data sources
        re.escape(layout.rel(layout.personas_dir)) + r"/.*\.md",
    ]
    return rf"^{_alternatives(inputs)}$"


def fill_hooks(text: str, folder: Path) -> str:
    """A hooks file with ``@PAGES@`` and ``@SHARED@`` replaced by the patterns of a site in ``folder``."""
    layout = Layout.at(folder)
    return text.replace("@PAGES@", page_pattern(layout)).replace("@SHARED@", shared_pattern(layout))
