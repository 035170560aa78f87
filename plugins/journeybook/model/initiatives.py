"""Initiatives resolved: each reference followed into the loaded journeys and teams.

An initiative (``content/initiatives/<id>.md``) names the journeys and stages it acts on and
the KPIs it should move. Those ids are checked here against the playbooks that loaded, with the
same located messages and suggestions as a playbook's own references; an ``ended`` before
``started`` and an id used twice are errors too. What the initiative did to its KPIs is a
computed view (``journeybook.views.initiatives``), not part of the resolved object.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from journeybook.findings import Finding, Findings, allowed_hint
from journeybook.model.initiative_inputs import AimInput, InitiativeInput, ReachInput
from journeybook.model.resolved import Journey, Kpi, Stage, Team
from journeybook.model.site_data import body_findings, is_unread, problem_finding
from journeybook.model.validation import validate
from journeybook.read.front_matter import (
    KeyPath,
    YamlDocument,
    YamlProblem,
    field_path,
    read_markdown,
)
from journeybook.read.layout import Layout

INITIATIVES_DIR = "initiatives"
"""The folder of initiative pages inside docs_dir."""


@dataclass(frozen=True)
class Reach:
    """A journey an initiative acts on, and the stages it acts on there (every stage by default)."""

    journey: Journey
    stages: tuple[Stage, ...]
    every_stage: bool


@dataclass(frozen=True)
class Aim:
    """A KPI an initiative should move: ``improve`` (its direction), ``worsen`` or ``hold``."""

    journey: Journey
    kpi: Kpi
    expect: str


@dataclass(frozen=True)
class Initiative:
    id: str
    src_uri: str
    source_path: str
    title: str
    owner: Team
    status: str
    hypothesis: str | None
    reaches: tuple[Reach, ...]
    aims: tuple[Aim, ...]
    started: date | None
    ended: date | None
    result: str | None

    def reach(self, journey_id: str) -> Reach | None:
        return next((r for r in self.reaches if r.journey.id == journey_id), None)

    def acts_on_stage(self, journey_id: str, stage_id: str) -> bool:
        reach = self.reach(journey_id)
        return reach is not None and any(stage.id == stage_id for stage in reach.stages)


def initiative_files(layout: Layout) -> list[Path]:
    folder = layout.docs_dir / INITIATIVES_DIR
    return sorted(p for p in folder.rglob("*.md") if p.name != "index.md") if folder.is_dir() else []


def is_initiative_file(layout: Layout, path: Path) -> bool:
    return path.resolve().is_relative_to((layout.docs_dir / INITIATIVES_DIR).resolve())


class InitiativeResolver:
    """Resolves one initiative against the loaded journeys and the site's teams."""

    def __init__(
        self, document: YamlDocument, file: str, journeys: dict[str, Journey], teams: dict[str, Team], findings: Findings,
        broken: frozenset[str] = frozenset(),
    ) -> None:
        self.document = document
        self.file = file
        self.journeys = journeys
        self.broken = broken
        """Ids of playbooks that failed to load: their own errors say what to fix, so a reference to one is not repeated."""
        self.teams = teams
        self.findings = findings
        self.failed = False

    def report(self, loc: KeyPath, message: str, rule: str = "reference") -> None:
        """An error at ``loc``: the initiative does not load (its warnings come later, from its effect)."""
        position = self.document.position(loc)
        line, column = (position.line, position.column) if position else (1, 1)
        self.findings.add(Finding(self.file, line, column, field_path(loc), message, rule))
        self.failed = True

    def _journey(self, loc: KeyPath, journey_id: str) -> Journey | None:
        if journey_id in self.broken:  # failed to load, or its id is claimed twice
            self.failed = True
            return None
        journey = self.journeys.get(journey_id)
        if journey is None:
            self.report(loc, f"unknown journey '{journey_id}' {allowed_hint(journey_id, sorted(self.journeys))}")
        return journey

    def _reach(self, index: int, raw: ReachInput, seen: dict[str, int]) -> Reach | None:
        loc: KeyPath = ("journeys", index)
        journey_id = raw.journey
        if journey_id in seen:
            self.report((*loc, "journey"), f"journey '{journey_id}' is listed twice (also journeys[{seen[journey_id]}]); name its stages in one entry", "duplicate-id")
        seen.setdefault(journey_id, index)
        journey = self._journey((*loc, "journey"), journey_id)
        if journey is None:
            return None
        stage_ids = raw.stages
        if stage_ids is None:
            return Reach(journey, journey.stages, True)
        stages = []
        for s_index, stage_id in enumerate(stage_ids):
            stage = journey.stage(stage_id)
            if stage is None:
                allowed = [s.id for s in journey.stages]
                self.report((*loc, "stages", s_index), f"unknown stage '{stage_id}' of journey '{journey.id}' {allowed_hint(stage_id, allowed)}")
            elif stage not in stages:
                stages.append(stage)
        return Reach(journey, tuple(stages), False)

    def _aim(self, index: int, raw: AimInput, seen: dict[tuple[str, str], int]) -> Aim | None:
        loc: KeyPath = ("kpis", index)
        key = (raw.journey, raw.kpi)
        if key in seen:
            self.report((*loc, "kpi"), f"KPI '{key[1]}' of journey '{key[0]}' is listed twice (also kpis[{seen[key]}])", "duplicate-id")
        seen.setdefault(key, index)
        journey = self._journey((*loc, "journey"), key[0])
        if journey is None:
            return None
        kpi = next((k for k in journey.kpis if k.id == key[1]), None)
        if kpi is None:
            allowed = [k.id for k in journey.kpis]
            self.report((*loc, "kpi"), f"unknown KPI '{key[1]}' of journey '{journey.id}' {allowed_hint(key[1], allowed)}")
            return None
        return Aim(journey, kpi, raw.expect)

    def resolve(self, data: InitiativeInput, initiative_id: str, src_uri: str) -> Initiative | None:
        owner = self.teams.get(data.owner)
        if owner is None and is_unread(self.teams):  # owners.yml's own error is the one reported
            self.failed = True
        elif owner is None:
            self.report(("owner",), f"unknown team '{data.owner}' {allowed_hint(data.owner, list(self.teams))}")
        seen_journeys: dict[str, int] = {}
        reaches = [self._reach(i, raw, seen_journeys) for i, raw in enumerate(data.journeys)]
        seen_kpis: dict[tuple[str, str], int] = {}
        aims = [self._aim(i, raw, seen_kpis) for i, raw in enumerate(data.kpis)]
        if data.started and data.ended and data.ended < data.started:
            self.report(("ended",), f"{data.ended} is before started ({data.started}); an initiative cannot end before it starts", "dates")
        if self.failed or owner is None:
            return None
        return Initiative(
            id=initiative_id, src_uri=src_uri, source_path=self.file, title=data.title, owner=owner, status=data.status,
            hypothesis=data.hypothesis, reaches=tuple(r for r in reaches if r is not None), aims=tuple(a for a in aims if a is not None),
            started=data.started, ended=data.ended, result=data.result,
        )


def read_initiatives(
    layout: Layout, paths: list[Path], journeys: dict[str, Journey], teams: dict[str, Team], findings: Findings,
    broken: frozenset[str] = frozenset(),
) -> tuple[dict[str, Initiative], dict[str, YamlDocument]]:
    """Every initiative of ``paths`` that resolves, by id, and its front matter (to locate warnings).

    ``broken`` names playbooks that failed to load; an initiative acting on one is left out quietly.
    """
    initiatives: dict[str, Initiative] = {}
    documents: dict[str, YamlDocument] = {}
    seen: dict[str, str] = {}
    for path in paths:
        rel = layout.rel(path)
        try:
            source = read_markdown(path, layout.root)
        except YamlProblem as problem:
            findings.add(problem_finding(rel, problem))
            continue
        findings.extend(body_findings(rel, source))
        if source.front_matter is None:
            findings.add(Finding(rel, 1, 1, "", "an initiative starts with front matter between two '---' lines (title, owner, status, journeys...)", rule="schema"))
            continue
        data, problems = validate(InitiativeInput, source.front_matter, rel)
        findings.extend(problems)
        if data is None:
            continue
        initiative_id = data.id or path.stem
        resolver = InitiativeResolver(source.front_matter, rel, journeys, teams, findings, broken)
        if initiative_id in seen:
            resolver.report(("id",) if data.id else ("title",), f"duplicate initiative id '{initiative_id}' (also used by {seen[initiative_id]}); set a unique 'id'", "duplicate-id")
        seen.setdefault(initiative_id, rel)
        initiative = resolver.resolve(data, initiative_id, layout.src_uri(path))
        if initiative is not None and not resolver.failed:
            initiatives[initiative.id] = initiative
            documents[initiative.id] = source.front_matter
    return initiatives, documents
