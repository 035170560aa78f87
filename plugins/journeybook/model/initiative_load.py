"""Loads the initiatives of a project once its playbooks and measurements are in.

Initiatives refer to journeys, stages and KPIs, so they are read after every playbook; their
effects need the measurements, so they come last. ``journeybook.model.project`` calls this for
a full load and ``journeybook.model.refresh`` again after merging reloaded playbooks, so the
initiatives always point at the journeys the project holds.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from journeybook.model.initiatives import (
    initiative_files,
    read_initiatives,
)
from journeybook.views.initiatives import follow_up_warnings, initiative_views

if TYPE_CHECKING:
    from journeybook.model.project import Project


def load_initiatives(project: Project, paths: list[Path] | None = None) -> None:
    """Read, resolve and measure the initiatives (all, or ``paths``) into ``project.initiatives``."""
    layout = project.layout
    chosen = initiative_files(layout) if paths is None else paths
    broken = frozenset(PurePosixPath(uri).stem for uri in project.broken)
    items, documents = read_initiatives(layout, chosen, project.journeys, project.site.teams, project.findings, broken)
    frame = project.readings.frame if project.readings is not None else None
    project.initiatives = initiative_views(items, frame, project.site.settings.at_risk_band)
    project.findings.extend(follow_up_warnings(project.initiatives, project.today, documents))
