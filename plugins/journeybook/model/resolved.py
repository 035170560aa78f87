"""Resolved objects: what a journey means once defaults are filled and references followed.

Input models keep what the author wrote; these hold the site's objects themselves (a stage's
owner is a ``Team``, not an id), so views and pages never look anything up again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from journeybook.model.inputs import SettingsInput


@dataclass(frozen=True)
class TaxonomyEntry:
    """A phase, channel, method or data source: ``id`` for authors, ``name`` for readers.

    ``names`` holds the name in other languages (``(("es", "Antes"),)``), for pages written
    in them; ``name`` is the fallback.
    """

    id: str
    name: str
    description: str
    cadence: str | None = None
    kind: str | None = None
    url_env: str | None = None
    query: str | None = None
    connect_timeout: int = 10
    query_timeout: int = 60
    names: tuple[tuple[str, str], ...] = ()
    position: int = 0
    """Where the entry stands in its taxonomy file: a channel's colour follows it on every page."""

    def name_in(self, language: str) -> str:
        """The name for readers of ``language`` (``es``, or ``es-MX`` falling back to ``es``)."""
        names = dict(self.names)
        return names.get(language) or names.get(language.split("-")[0]) or self.name


EMAIL = re.compile(r"[^@\s<>\"',;:()\[\]]+@[^@\s<>\"',;:()\[\]]+\.[^@\s<>\"',;:()\[\].]{2,}")


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    lead: str
    contact: str

    @property
    def email(self) -> str | None:
        """The contact as an address to write to, when it is one (a contact may be a channel name)."""
        return self.contact if EMAIL.fullmatch(self.contact) else None


@dataclass(frozen=True)
class Persona:
    id: str
    title: str
    src_uri: str
    segment: str | None = None
    quote: str | None = None
    goals: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    motivations: tuple[str, ...] = ()
    pains: tuple[str, ...] = ()
    language: str | None = None
    """The label set its page is shown in; None: the site's."""


@dataclass(frozen=True)
class Settings:
    """The site's settings; their defaults live once, in ``SettingsInput``."""

    as_of: date | None
    review_every: int
    at_risk_band: float
    stale_measurement_days: int
    featured_journeys: tuple[str, ...]
    raw_html: str
    strict: bool

    @classmethod
    def of(cls, given: SettingsInput | None = None) -> Settings:
        """The settings an author wrote (``None``: wrote none), defaults filled."""
        data = (given or SettingsInput()).model_dump()
        data["featured_journeys"] = tuple(data["featured_journeys"])
        return cls(**data)


@dataclass(frozen=True)
class Touchpoint:
    name: str
    channel: TaxonomyEntry
    kind: str


@dataclass(frozen=True)
class Action:
    text: str
    emotion: int


@dataclass(frozen=True)
class Stage:
    id: str
    index: int
    name: str
    phase: TaxonomyEntry
    owner: Team | None
    customer_goal: str | None
    actions: tuple[Action, ...]
    emotion: int
    feeling: str | None
    touchpoints: tuple[Touchpoint, ...]
    expectations: tuple[str, ...]
    pain_points: tuple[str, ...]
    opportunities: tuple[str, ...]
    moment_of_truth: bool
    systems: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The HTML id of the stage's section, stable for links from anywhere."""
        return f"stage-{self.id}"


@dataclass(frozen=True)
class Kpi:
    id: str
    name: str
    definition: str | None
    stage: Stage | None
    category: str
    unit: str
    direction: str
    target: float
    owner: Team | None
    source: TaxonomyEntry


@dataclass(frozen=True)
class Verification:
    method: TaxonomyEntry
    stages: tuple[Stage, ...]
    cadence: str
    owner: Team | None
    last_run: date | None
    sample: str | None
    due: date | None
    overdue: bool


@dataclass(frozen=True)
class Journey:
    """One playbook, fully resolved."""

    id: str
    src_uri: str
    source_path: str
    title: str
    description: str | None
    persona: Persona
    owner: Team | None
    lifecycle: str
    tags: tuple[str, ...]
    last_reviewed: date
    review_every: int
    review_due: date
    review_overdue: bool
    goal_customer: str
    goal_business: str
    stages: tuple[Stage, ...]
    kpis: tuple[Kpi, ...]
    verification: tuple[Verification, ...]
    uncovered_moments: tuple[Stage, ...] = field(default=())
    language: str | None = None
    """The label set (numbers, dates, names) its page is shown in; None: the site's."""
    page_options: dict[str, Any] = field(default_factory=dict, hash=False)
    """The MkDocs/Material page options the author set (``hide``, ``icon``, ``search``...), as written."""

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    @property
    def phases(self) -> tuple[TaxonomyEntry, ...]:
        """Phases this journey covers, in the order its stages visit them."""
        seen: dict[str, TaxonomyEntry] = {}
        for stage in self.stages:
            seen.setdefault(stage.phase.id, stage.phase)
        return tuple(seen.values())

    @property
    def moments_of_truth(self) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if s.moment_of_truth)
