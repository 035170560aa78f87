"""Names that would make one page silently replace another, refused with their location.

MkDocs lets a generated file replace a docs_dir file of the same name without a word, and a
page's address comes from its file name: an author's ``content/kpis.md`` or
``content/journeys/index.md`` would vanish behind a hub page, ``My Journey.md`` would publish an
address with a space, and ``Onboarding.md`` beside ``onboarding.md`` is one file on macOS and
Windows. Each of these is a located error instead.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from journeybook.findings import Finding
from journeybook.model.inputs import SLUG_PATTERN, slugify
from journeybook.pages.uris import GENERATED, TEAM_PAGE
from journeybook.read.layout import Layout

_SLUG = re.compile(SLUG_PATTERN)


def file_name_finding(path: Path, layout: Layout, what: str) -> Finding | None:
    """A playbook's or persona's file name gives its id and its address, so it must be an id."""
    if _SLUG.match(path.stem):
        return None
    twin = next((name for name in os.listdir(path.parent) if name != path.name and name.casefold() == path.name.casefold()), None)
    if twin is not None:
        return Finding(
            layout.rel(path), 1, 1, "",
            f"the file name differs from {twin} only by case: on macOS and Windows they are one file, and the "
            f"file name '{path.stem}' is not a valid {what} id (allowed: lowercase letters, digits, '-' and '_'); "
            "merge the two or give this one another name",
            rule="reserved-name",
        )
    suggestion = slugify(path.stem)
    hint = f"; did you mean '{suggestion}{path.suffix}'?" if suggestion else ""
    return Finding(
        layout.rel(path), 1, 1, "",
        f"the file name '{path.stem}' is not a valid {what} id, and the page's address comes from it "
        f"(allowed: lowercase letters, digits, '-' and '_'{hint}); rename the file",
        rule="reserved-name",
    )


def generated_places(layout: Layout, team_ids: list[str]) -> list[Finding]:
    """An author's file where Journeybook generates a page (a hub, an export, a team's page)."""
    places = dict(GENERATED)
    places.update((TEAM_PAGE.format(id=team_id), f"the page of team '{team_id}'") for team_id in team_ids)
    findings = []
    for uri, what in sorted(places.items()):
        path = layout.docs_dir / uri
        if path.exists() or path.is_symlink():
            extra = " (it is not read as a playbook)" if path.parent == layout.journeys_dir else ""
            findings.append(Finding(
                layout.rel(path), None, None, "",
                f"Journeybook generates {what} at {uri}, which would silently replace this file{extra}; rename or move it",
                rule="reserved-name",
            ))
    return findings
