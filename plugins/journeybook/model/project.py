"""Loads a whole project once: shared data, then every playbook, validated and resolved.

This is the single entry point the CLI and the MkDocs plugin share, so ``journeybook check``
and a build always agree on what is wrong.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from journeybook.blocks.registry import BLOCKS, unknown_directives
from journeybook.errors import BuildProblem
from journeybook.findings import Finding, Findings, allowed_hint
from journeybook.measurements.load import (
    Readings,
    join_measurements,
    read_measurements,
    sql_sources_used,
)
from journeybook.model.initiative_load import load_initiatives
from journeybook.model.initiatives import is_initiative_file
from journeybook.model.inputs import PlaybookInput
from journeybook.model.reserved import file_name_finding, generated_places
from journeybook.model.resolve import JourneyResolver
from journeybook.model.resolved import Journey
from journeybook.model.site_data import (
    SiteData,
    body_findings,
    load_site_data,
    problem_finding,
)
from journeybook.model.validation import validate
from journeybook.read.confine import escaping_links
from journeybook.read.front_matter import YamlDocument, YamlProblem, read_markdown
from journeybook.read.layout import Layout
from journeybook.views.initiatives import InitiativeViews
from journeybook.views.kpi_status import KpiView, kpi_views

TODAY_VARIABLE = "JOURNEYBOOK_TODAY"


def reference_date(as_of: date | None) -> date:
    """The date staleness is judged on: ``JOURNEYBOOK_TODAY``, else the site's ``as_of``, else today.

    A frozen site (the shipped examples, an archive) sets ``as_of`` so it builds the same way
    next year; tests pin the variable.
    """
    pinned = os.environ.get(TODAY_VARIABLE)
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise BuildProblem(
                f"environment variable {TODAY_VARIABLE} is {pinned!r}, which is not a date; "
                "write it YYYY-MM-DD (e.g. 2026-11-22), or unset it to judge dates as of today"
            ) from None
    return as_of or date.today()


@dataclass
class Project:
    layout: Layout
    site: SiteData
    today: date
    journeys: dict[str, Journey] = field(default_factory=dict)
    findings: Findings = field(default_factory=Findings)
    broken: dict[str, list[Finding]] = field(default_factory=dict)
    by_uri: dict[str, Journey] = field(default_factory=dict)
    kpis: dict[tuple[str, str], KpiView] = field(default_factory=dict)
    """(journey id, KPI id) -> the KPI joined with its measurements (``journeybook.views.kpi_status``)."""
    readings: Readings | None = None
    """Every measurement row read for this project, for a preview rebuild to join again."""
    initiatives: InitiativeViews = field(default_factory=InitiativeViews)
    """Initiatives with their measured effects (``journeybook.views.initiatives``)."""

    def add(self, journey: Journey) -> None:
        self.journeys[journey.id] = journey
        self.by_uri[journey.src_uri] = journey


def _load_playbook(path: Path, project: Project, seen: dict[str, str], documents: dict[str, YamlDocument]) -> None:
    """Load one playbook into ``project``; its front matter goes to ``documents`` (by journey id)."""
    layout, findings = project.layout, project.findings
    rel = layout.rel(path)
    before = len(findings.items)
    unresolved = False
    if (badly_named := file_name_finding(path, layout, "playbook")) is not None:
        findings.add(badly_named)
    try:
        source = read_markdown(path, layout.root)
    except YamlProblem as problem:
        findings.add(problem_finding(rel, problem))
        source = None
    if source is not None:
        findings.extend(body_findings(rel, source))
    if source is not None and source.front_matter is None:
        findings.add(Finding(rel, 1, 1, "", "a playbook starts with front matter between two '---' lines (title, persona, stages...)", rule="schema"))
    elif source is not None and source.front_matter is not None:
        playbook, problems = validate(PlaybookInput, source.front_matter, rel)
        findings.extend(problems)
        if playbook is not None:
            journey_id = playbook.id or path.stem
            resolver = JourneyResolver(source.front_matter, rel, project.site, project.today, findings)
            if journey_id in seen:
                resolver.report(("id",) if playbook.id else ("title",), f"duplicate journey id '{journey_id}' (also used by {seen[journey_id]}); set a unique 'id'", rule="duplicate-id")
            seen.setdefault(journey_id, rel)
            journey = resolver.resolve(playbook, journey_id, layout.src_uri(path))
            if journey is not None and not resolver.failed:
                project.add(journey)
                documents[journey.id] = source.front_matter
            else:  # also when only a shared file it names is unreadable: it is not unknown to initiatives
                unresolved = True
    if source is not None:
        for line, name in unknown_directives(source.body):
            findings.add(Finding(
                rel, source.body_line + line - 1, None, "body",
                f"'<!-- journeybook:{name} -->' names no generated part {allowed_hint(name, sorted(BLOCKS))}", rule="directive",
            ))
    errors = [f for f in findings.items[before:] if f.severity.value == "error"]
    if errors or unresolved:
        project.broken[layout.src_uri(path)] = errors


def _other_ids(layout: Layout, named: list[Path]) -> dict[str, str]:
    """The journey ids of the playbooks not named, so a named one reusing an id is still a duplicate.

    Their own problems are not this check's to report: an unreadable one is skipped.
    """
    ids: dict[str, str] = {}
    chosen = {path.resolve() for path in named}
    for path in layout.playbook_files():
        if path.resolve() in chosen:
            continue
        try:
            document = read_markdown(path, layout.root).front_matter
        except YamlProblem:
            continue
        data = document.data if document is not None else None
        written = data.get("id") if isinstance(data, dict) else None
        ids.setdefault(written if isinstance(written, str) and written else path.stem, layout.rel(path))
    return ids


def _check_featured(project: Project) -> None:
    """``featured_journeys`` in settings.yml must name journeys that exist (and loaded)."""
    document = project.site.settings_source
    for index, journey_id in enumerate(project.site.settings.featured_journeys):
        if journey_id not in project.journeys:
            position = document.position(("featured_journeys", index)) if document else None
            project.findings.add(Finding(
                project.layout.rel(project.layout.config_dir / "settings.yml"),
                position.line if position else None, position.column if position else None,
                f"featured_journeys[{index}]",
                f"unknown journey '{journey_id}' {allowed_hint(journey_id, sorted(project.journeys))}",
                rule="reference",
            ))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a project loads.

    Loading makes about a million small objects that live as long as the project (the position
    of every front-matter value, resolved stages, KPI readings). The collector's full passes
    rescan all of them again and again while they pile up: a fifth of ``journeybook check`` at a
    thousand playbooks. Reference counting still frees what is dropped, and the collector
    resumes (and finds any cycle made meanwhile) as soon as loading ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_project(layout: Layout, only: list[Path] | None = None, site: SiteData | None = None, readings: Readings | None = None) -> Project:
    """Load shared data, playbooks and initiatives (all, or ``only`` these files), collecting all findings.

    Initiatives refer to playbooks, so ``only`` naming an initiative loads every playbook too.

    ``site`` and ``readings`` reuse shared data and measurements loaded before
    (``journeybook.model.refresh``, while previewing), so unchanged playbooks and reloaded ones point
    at the same teams and personas and no file is read twice. The front matter (with the
    position of every value) is needed only to locate findings while loading; it is dropped at
    the end, as it is the larger part of a loaded project.
    """
    with _collector_paused():
        findings = Findings()
        site = site or load_site_data(layout, findings)
        project = Project(layout=layout, site=site, today=reference_date(site.settings.as_of), findings=findings)
        seen: dict[str, str] = {}
        documents: dict[str, YamlDocument] = {}
        initiatives = [p for p in only if is_initiative_file(layout, p)] if only is not None else None
        playbooks = [p for p in only if not is_initiative_file(layout, p)] if only is not None and not initiatives else None
        if playbooks is not None:
            seen.update(_other_ids(layout, playbooks))
        for path in playbooks if playbooks is not None else layout.playbook_files():
            _load_playbook(path, project, seen, documents)
        if playbooks is None:
            _check_featured(project)
            read = {*layout.playbook_files(), *layout.persona_files()}
            findings.extend(escaping_links(layout.docs_dir, layout.root, read))
            findings.extend(generated_places(layout, sorted(site.teams)))
        else:  # the project-wide checks still apply to the named files, and report only those
            named = {layout.rel(path) for path in only or ()}
            everywhere = [*escaping_links(layout.docs_dir, layout.root, set()), *generated_places(layout, sorted(site.teams))]
            findings.extend(finding for finding in everywhere if finding.file in named)
        _join_measurements(project, documents, readings, every_journey=playbooks is None)
        if only is None or initiatives:
            load_initiatives(project, initiatives)
    return project


def _join_measurements(project: Project, documents: dict[str, YamlDocument], readings: Readings | None, every_journey: bool) -> None:
    """Read every measurement once (unless given) and compute each KPI's view (status, trend, breakdown)."""
    if readings is None or not sql_sources_used(project.journeys.values()) <= readings.sql_sources:
        readings = read_measurements(project.layout, project.journeys, project.site.sources, project.findings)
    project.readings = readings
    frame = join_measurements(readings, project.journeys, project.findings, every_journey, report_rows=not project.broken) if readings else None
    project.kpis, warnings = kpi_views(project.journeys.values(), frame, project.site.settings, project.today, documents)
    project.findings.extend(warnings)
