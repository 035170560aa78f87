"""Where a playbook page sits in the site, for a theme whose navigation does not list it.

Playbooks are out of the navigation (``mkdocs.yml`` says why), so Material neither highlights
a section for them nor gives them the width it gives pages that ask for it. A playbook page
hides the left navigation (its maps need the width; the Journeys catalog is one link away in
the breadcrumb and the header), and while it renders the catalog's entry in the navigation is
marked active, so the mobile drawer shows the reader they are in Journeys.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from journeybook.render.links import CATALOG_PAGE


def hide_navigation(page: Page) -> None:
    """Ask Material to leave out the left navigation (``hide: [navigation]``) on this page."""
    hidden: Any = page.meta.get("hide") or []
    page.meta["hide"] = [*hidden, "navigation"] if "navigation" not in hidden else hidden


def highlight_catalog(nav: Navigation) -> Page | None:
    """Mark the catalog's navigation entry active; returns it, to be cleared after the page."""
    for item in nav.pages:
        if item.file.src_uri == CATALOG_PAGE:
            item.active = True
            return item
    return None
