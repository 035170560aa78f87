"""Computed views across all playbooks: catalog, team holdings, verification coverage, reviews.

The generated pages (``journeybook.pages``) and the persona block all read these. Each view is
computed once per build (``SiteViews`` caches it) in one pass over the journeys, so a site of
1,000 playbooks costs 1,000 steps per view, never 1,000 x 1,000. Pure data: no MkDocs, no HTML.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Iterable

from journeybook.model.initiatives import Initiative
from journeybook.model.project import Project
from journeybook.model.resolved import (
    Journey,
    Kpi,
    Persona,
    Stage,
    TaxonomyEntry,
    Team,
    Verification,
)

VIEWS_KEY = "site_views"
FEATURED_COUNT = 5


@dataclass(frozen=True)
class StageRef:
    journey: Journey
    stage: Stage


@dataclass(frozen=True)
class KpiRef:
    journey: Journey
    kpi: Kpi


@dataclass(frozen=True)
class CheckRef:
    """One verification activity of one journey (a method run on some of its stages)."""

    journey: Journey
    check: Verification


@dataclass
class TeamHoldings:
    """Everything one team owns across journeys, in catalog order."""

    team: Team
    playbooks: list[Journey] = field(default_factory=list)
    stages: list[StageRef] = field(default_factory=list)
    kpis: list[KpiRef] = field(default_factory=list)
    checks: list[CheckRef] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.playbooks or self.stages or self.kpis or self.checks or self.initiatives)


@dataclass(frozen=True)
class MethodUsage:
    """A verification method of the taxonomy and every activity that uses it."""

    method: TaxonomyEntry
    checks: tuple[CheckRef, ...]


@dataclass(frozen=True)
class CoverageRow:
    """One journey's row of the journeys x methods matrix: the activities per method id."""

    journey: Journey
    cells: dict[str, tuple[Verification, ...]]


@dataclass(frozen=True)
class StageCoverage:
    """One stage's row of a playbook's stages x methods matrix."""

    stage: Stage
    methods: frozenset[str]
    blind_spot: bool


@dataclass(frozen=True)
class PlaybookCoverage:
    """A playbook's stages x methods matrix, over the methods that playbook uses."""

    journey: Journey
    methods: tuple[TaxonomyEntry, ...]
    rows: tuple[StageCoverage, ...]

    @property
    def blind_spots(self) -> tuple[Stage, ...]:
        return tuple(row.stage for row in self.rows if row.blind_spot)


@dataclass(frozen=True)
class ReviewGroup:
    """Playbooks past their review date that one owner (or nobody) must review."""

    owner: Team | None
    journeys: tuple[Journey, ...]


def catalog_order(journeys: Iterable[Journey]) -> list[Journey]:
    """Alphabetical by title (case-insensitive), id breaking ties so the order is stable."""
    return sorted(journeys, key=lambda j: (j.title.casefold(), j.id))


def team_holdings(journeys: list[Journey], teams: dict[str, Team], initiatives: Iterable[Initiative] = ()) -> dict[str, TeamHoldings]:
    """Every team of ``data/owners.yml``, with what it owns; one pass over all journeys and initiatives."""
    holdings = {team_id: TeamHoldings(team) for team_id, team in teams.items()}

    def of(team: Team | None) -> TeamHoldings | None:
        return holdings.get(team.id) if team is not None else None

    for journey in journeys:
        if (owner := of(journey.owner)) is not None:
            owner.playbooks.append(journey)
        for stage in journey.stages:
            if (owner := of(stage.owner)) is not None:
                owner.stages.append(StageRef(journey, stage))
        for kpi in journey.kpis:
            if (owner := of(kpi.owner)) is not None:
                owner.kpis.append(KpiRef(journey, kpi))
        for check in journey.verification:
            if (owner := of(check.owner)) is not None:
                owner.checks.append(CheckRef(journey, check))
    for initiative in initiatives:
        if (owner := of(initiative.owner)) is not None:
            owner.initiatives.append(initiative)
    return holdings


def method_usage(journeys: list[Journey], methods: dict[str, TaxonomyEntry]) -> list[MethodUsage]:
    """The methods in taxonomy order, each with the activities that use it."""
    used: dict[str, list[CheckRef]] = defaultdict(list)
    for journey in journeys:
        for check in journey.verification:
            used[check.method.id].append(CheckRef(journey, check))
    return [MethodUsage(method, tuple(used.get(method_id, ()))) for method_id, method in methods.items()]


def coverage_rows(journeys: list[Journey]) -> list[CoverageRow]:
    """The journeys x methods matrix: which methods verify each journey, with their activities."""
    rows = []
    for journey in journeys:
        cells: dict[str, list[Verification]] = defaultdict(list)
        for check in journey.verification:
            cells[check.method.id].append(check)
        rows.append(CoverageRow(journey, {method_id: tuple(checks) for method_id, checks in cells.items()}))
    return rows


def playbook_coverage(journey: Journey) -> PlaybookCoverage:
    """A playbook's stages x methods matrix; a moment of truth no method covers is a blind spot."""
    methods: dict[str, TaxonomyEntry] = {}
    covering: dict[str, set[str]] = defaultdict(set)
    for check in journey.verification:
        methods.setdefault(check.method.id, check.method)
        for stage in check.stages:
            covering[stage.id].add(check.method.id)
    rows = tuple(
        StageCoverage(stage, frozenset(covering.get(stage.id, ())), stage.moment_of_truth and not covering.get(stage.id))
        for stage in journey.stages
    )
    return PlaybookCoverage(journey, tuple(methods.values()), rows)


def overdue_checks(journeys: list[Journey]) -> list[CheckRef]:
    """Activities overdue for their cadence: never-run ones first, then the longest overdue."""
    overdue = [CheckRef(journey, check) for journey in journeys for check in journey.verification if check.overdue]
    return sorted(overdue, key=lambda ref: (ref.check.last_run is not None, ref.check.due or date.min, ref.journey.title.casefold()))


def review_queue(journeys: list[Journey]) -> list[ReviewGroup]:
    """Playbooks past their review date grouped by owner; oldest first, in and across groups."""
    groups: dict[str | None, list[Journey]] = defaultdict(list)
    for journey in journeys:
        if journey.review_overdue:
            groups[journey.owner.id if journey.owner else None].append(journey)
    ordered = [sorted(items, key=lambda j: (j.review_due, j.title.casefold())) for items in groups.values()]
    ordered.sort(key=lambda items: (items[0].review_due, (items[0].owner.name if items[0].owner else "").casefold()))
    return [ReviewGroup(items[0].owner, tuple(items)) for items in ordered]


UPCOMING_REVIEWS = 10
"""How many of the next playbooks to review the review queue lists."""


def upcoming_reviews(journeys: list[Journey], count: int = UPCOMING_REVIEWS) -> list[Journey]:
    """The playbooks not yet due, soonest first: an empty queue still tells owners what comes next."""
    return sorted((j for j in journeys if not j.review_overdue), key=lambda j: (j.review_due, j.title.casefold()))[:count]


def journeys_by_persona(journeys: list[Journey]) -> dict[str, list[Journey]]:
    """Persona id -> the journeys written for that persona, in catalog order."""
    by_persona: dict[str, list[Journey]] = defaultdict(list)
    for journey in journeys:
        by_persona[journey.persona.id].append(journey)
    return dict(by_persona)


def featured(journeys: list[Journey], chosen: tuple[str, ...], count: int = FEATURED_COUNT) -> list[Journey]:
    """The journeys a new hire reads first: the site's choice, else the broadest active ones.

    Breadth is the number of phases covered, then of stages: a journey from first contact to
    loyalty teaches more of the company than one that stops at the purchase.
    """
    if chosen:
        by_id = {j.id: j for j in journeys}
        return [by_id[journey_id] for journey_id in chosen if journey_id in by_id]
    active = [j for j in journeys if j.lifecycle == "active"]
    return sorted(active, key=lambda j: (-len(j.phases), -len(j.stages), j.title.casefold(), j.id))[:count]


class SiteViews:
    """The views of one project, each computed on first use and then reused by every page."""

    def __init__(self, project: Project) -> None:
        self.project = project

    @classmethod
    def shared(cls, project: Project, cache: dict[str, Any]) -> SiteViews:
        """The build's one ``SiteViews``, kept in the views dict that producers and blocks share."""
        views = cache.get(VIEWS_KEY)
        if not isinstance(views, cls) or views.project is not project:
            views = cache[VIEWS_KEY] = cls(project)
        return views

    @cached_property
    def catalog(self) -> list[Journey]:
        return catalog_order(self.project.journeys.values())

    @cached_property
    def teams(self) -> dict[str, TeamHoldings]:
        return team_holdings(self.catalog, self.project.site.teams, self.project.initiatives.ordered)

    @cached_property
    def methods(self) -> list[MethodUsage]:
        return method_usage(self.catalog, self.project.site.methods)

    @cached_property
    def coverage(self) -> list[CoverageRow]:
        return coverage_rows(self.catalog)

    @cached_property
    def playbook_coverage(self) -> list[PlaybookCoverage]:
        return [playbook_coverage(journey) for journey in self.catalog if journey.verification or journey.moments_of_truth]

    @cached_property
    def overdue_checks(self) -> list[CheckRef]:
        return overdue_checks(self.catalog)

    @cached_property
    def review_queue(self) -> list[ReviewGroup]:
        return review_queue(self.catalog)

    @cached_property
    def upcoming_reviews(self) -> list[Journey]:
        return upcoming_reviews(self.catalog)

    @cached_property
    def by_persona(self) -> dict[str, list[Journey]]:
        return journeys_by_persona(self.catalog)

    @cached_property
    def personas_by_uri(self) -> dict[str, Persona]:
        return {persona.src_uri: persona for persona in self.project.site.personas.values()}

    @cached_property
    def featured(self) -> list[Journey]:
        return featured(self.catalog, self.project.site.settings.featured_journeys)
