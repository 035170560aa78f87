"""Reloading a project after an edit while previewing: only the playbooks that changed.

``mkdocs serve`` rebuilds after every save, and loading a thousand playbooks takes seconds
while an edit usually touches one. ``Inputs`` records when each input file last changed;
``refresh`` reloads into the previous project only the playbooks whose file changed, appeared
or went, and everything when shared inputs changed (``data/``, ``site_config/``, personas,
``templates/``, ``mkdocs.yml``), since any page may depend on them. The measurements read for
the previous project are joined again rather than read again, so a preview does not query a
SQL source after every save (its rows are read anew when shared inputs change or the preview
restarts). ``mkdocs build`` and ``journeybook check`` always load it all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journeybook.findings import Findings
from journeybook.model.initiative_load import load_initiatives
from journeybook.model.initiatives import INITIATIVES_DIR
from journeybook.model.project import Project, load_project
from journeybook.model.resolved import Journey
from journeybook.read.layout import Layout


def _changed_at(path: Path) -> tuple[int, int]:
    """When a file last changed and its size: the size catches an edit within a coarse clock tick."""
    try:
        stat = path.stat()
    except OSError:  # a link to nothing: loading reports it
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size)


@dataclass(frozen=True)
class Inputs:
    """When each input file of a project last changed, and its size ((-1, -1) when unreadable)."""

    playbooks: dict[Path, tuple[int, int]]
    shared: dict[Path, tuple[int, int]]

    @classmethod
    def scan(cls, layout: Layout, config_file: Path | None = None) -> Inputs:
        """Playbooks apart; shared are data, site_config, personas, initiatives, templates and ``config_file``."""
        folders = (layout.root / "data", layout.config_dir, layout.personas_dir, layout.templates_dir, layout.docs_dir / INITIATIVES_DIR)
        shared = {p: _changed_at(p) for folder in folders if folder.is_dir() for p in sorted(folder.rglob("*")) if not p.is_dir()}
        if config_file is not None:
            shared[config_file] = _changed_at(config_file)
        return cls({p: _changed_at(p) for p in layout.playbook_files()}, shared)


def refresh(previous: Project, before: Inputs, layout: Layout, config_file: Path | None = None) -> tuple[Project, Inputs]:
    """The project as the files are now, reloading as little of ``previous`` as is safe.

    ``previous`` itself comes back when nothing the generated pages show has changed (an edit
    of a playbook's prose, say), so the caller can keep what it made from it.
    """
    now = Inputs.scan(layout, config_file)
    if now.shared != before.shared or previous.layout != layout:
        return load_project(layout), now
    touched = [p for p, changed in now.playbooks.items() if before.playbooks.get(p) != changed]
    touched += [p for p in before.playbooks if p not in now.playbooks]
    if not touched:
        return previous, now
    reloaded = load_project(layout, only=[p for p in touched if p in now.playbooks], site=previous.site, readings=previous.readings)
    merged = _merge(previous, reloaded, touched, now)
    if merged is None:
        return load_project(layout), now
    return (previous if _shows_the_same(previous, merged) else merged), now


def _shows_the_same(previous: Project, merged: Project) -> bool:
    """The same journeys (resolved, in order), findings and KPI views: the same generated pages."""
    return (
        list(previous.journeys.values()) == list(merged.journeys.values())
        and previous.findings.sorted() == merged.findings.sorted()
        and previous.kpis == merged.kpis
        and previous.initiatives.items == merged.initiatives.items
        and previous.initiatives.effects == merged.initiatives.effects
    )


def _merge(previous: Project, reloaded: Project, touched: list[Path], now: Inputs) -> Project | None:
    """``previous`` with the touched playbooks replaced; None when a full load must decide.

    Only an edit that keeps the journey ids and each journey's KPIs (id and source) is merged:
    which measurement rows belong to no journey or KPI, which sources are read and which ids
    are duplicates are questions about all playbooks together, and their findings sit in the
    data files, so any other edit, or a playbook failing to load, is left to the full load.
    """
    layout = previous.layout
    uris = {layout.src_uri(p) for p in touched}
    files = {layout.rel(p) for p in touched}
    kept = {journey.id: journey for journey in previous.journeys.values() if journey.src_uri not in uris}
    replaced = [journey for journey in previous.journeys.values() if journey.src_uri in uris]
    if _kpi_sources(replaced) != _kpi_sources(reloaded.journeys.values()) or previous.broken or reloaded.broken:
        return None
    order = {layout.src_uri(p): index for index, p in enumerate(now.playbooks)}
    journeys = sorted([*kept.values(), *reloaded.journeys.values()], key=lambda journey: order[journey.src_uri])
    initiatives = layout.rel(layout.docs_dir / INITIATIVES_DIR) + "/"  # their findings are made again below
    findings = Findings([f for f in previous.findings.items if f.file not in files and not f.file.startswith(initiatives)])
    findings.extend(f for f in reloaded.findings.items if f.file in files)
    project = Project(layout=layout, site=previous.site, today=previous.today, findings=findings, readings=reloaded.readings)
    for journey in journeys:
        project.add(journey)
    project.kpis = {key: view for key, view in previous.kpis.items() if key[0] in kept} | reloaded.kpis
    load_initiatives(project)  # they point at journeys, some of which were just reloaded
    return project


def _kpi_sources(journeys: Iterable[Journey]) -> dict[str, set[tuple[str, str]]]:
    """Each journey's KPIs as (KPI id, source id): what the measurements are joined on."""
    return {journey.id: {(kpi.id, kpi.source.id) for kpi in journey.kpis} for journey in journeys}
