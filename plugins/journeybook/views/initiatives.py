"""What each initiative did to its KPIs, computed once from the measurements already loaded.

For every KPI an initiative aims at, from the KPI's *overall* series only (rows with no segment;
a segment is never mixed in, not even when the overall series has no point of its own):

- the *baseline* is the newest measurement dated strictly before ``started`` (a measurement on
  the start day already shows the initiative at work, so it is not the baseline);
- the *current* value is the newest measurement;
- the *change* is current minus baseline, in decimal arithmetic as KPI status is;
- the *outcome* says whether it went the expected way. ``improve``: the change is in the KPI's
  direction (lower for ``down``, higher for ``up``); ``worsen``: against it (a cost accepted on
  purpose); ``hold``: the KPI did not get worse by more than the at-risk band (``at_risk_band``
  x |target|, the same band that tells *at risk* from *off track*). No change at all is not an
  improvement, and not a worsening either.

There is *no baseline* without ``started`` or without a measurement before it, and *no newer
data* while every measurement is older than the start. Pure data: no MkDocs, no HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Iterable

from journeybook.findings import Finding, Severity
from journeybook.model.initiative_inputs import STATUS_ORDER
from journeybook.model.initiatives import Aim, Initiative
from journeybook.read.front_matter import YamlDocument, field_path
from journeybook.views.kpi_chart import Marker
from journeybook.views.kpi_status import Point

if TYPE_CHECKING:
    import pandas as pd

INITIATIVE_VIEWS = "initiatives"
"""Key of ``Project.initiatives`` in the views handed to page blocks (``BlockContext.views``)."""


class Outcome(str, Enum):
    AS_EXPECTED = "as-expected"
    NOT_AS_EXPECTED = "not-as-expected"
    NO_NEWER_DATA = "no-newer-data"
    NO_BASELINE = "no-baseline"


@dataclass(frozen=True)
class KpiEffect:
    """One KPI of one initiative: where it stood before the start, where it stands now."""

    aim: Aim
    baseline: Point | None
    current: Point | None
    change: float | None
    outcome: Outcome


def _decimal(value: float) -> Decimal:
    return Decimal(repr(value))


def judged(change: Decimal, expect: str, direction: str, tolerance: Decimal) -> Outcome:
    """Whether ``change`` is what ``expect`` asked for, for a KPI of ``direction``."""
    better = change < 0 if direction == "down" else change > 0
    worse = change > 0 if direction == "down" else change < 0
    if expect == "improve":
        fine = better
    elif expect == "worsen":
        fine = worse
    else:
        fine = not worse or abs(change) <= tolerance
    return Outcome.AS_EXPECTED if fine else Outcome.NOT_AS_EXPECTED


def kpi_effect(aim: Aim, points: list[Point], started: date | None, band: float) -> KpiEffect:
    """The effect on one KPI, from its overall series (oldest first)."""
    current = points[-1] if points else None
    before = [p for p in points if started is not None and p.date < started]
    if not before or current is None or started is None:
        return KpiEffect(aim, None, current, None, Outcome.NO_BASELINE)
    baseline = before[-1]
    if current.date < started:
        return KpiEffect(aim, baseline, current, None, Outcome.NO_NEWER_DATA)
    change = _decimal(current.value) - _decimal(baseline.value)
    tolerance = _decimal(band) * abs(_decimal(aim.kpi.target))
    return KpiEffect(aim, baseline, current, float(change), judged(change, aim.expect, aim.kpi.direction, tolerance))


def overall_series(frame: pd.DataFrame | None, aims: Iterable[Aim]) -> dict[tuple[str, str], list[Point]]:
    """(journey, KPI) -> every overall point of the KPI's own source, oldest first; only KPIs aimed at."""
    wanted = {(aim.journey.id, aim.kpi.id): aim.kpi.source.id for aim in aims}
    if frame is None or frame.empty or not wanted:
        return {}
    rows = frame.loc[(frame["segment"] == "") & frame["journey"].isin({j for j, _ in wanted}) & frame["kpi"].isin({k for _, k in wanted})]
    rows = rows.sort_values("date")
    found: dict[tuple[str, str], list[Point]] = {}
    columns = [rows[c].tolist() for c in ("journey", "kpi", "source", "value")]
    for journey_id, kpi_id, source, value, when in zip(*columns, rows["date"].dt.date.tolist()):
        if wanted.get((journey_id, kpi_id)) == source:
            found.setdefault((journey_id, kpi_id), []).append(Point(when, value))
    return found


def hub_order(initiatives: Iterable[Initiative]) -> list[Initiative]:
    """Running first, then planned, ideas, done and dropped; newest start first within a status."""
    return sorted(initiatives, key=lambda i: (STATUS_ORDER.index(i.status), -(i.started or date.min).toordinal(), i.title.casefold(), i.id))


@dataclass(frozen=True)
class FollowUp:
    """Why an initiative needs its owner: done without a result, or running without new data."""

    initiative: Initiative
    no_result: bool
    no_data: tuple[Aim, ...]


@dataclass
class InitiativeViews:
    """Every initiative of the project with its effects, and the lookups the pages make."""

    items: dict[str, Initiative] = field(default_factory=dict)
    effects: dict[str, tuple[KpiEffect, ...]] = field(default_factory=dict)

    @cached_property
    def ordered(self) -> list[Initiative]:
        return hub_order(self.items.values())

    @cached_property
    def by_uri(self) -> dict[str, Initiative]:
        return {i.src_uri: i for i in self.items.values()}

    @cached_property
    def _by_journey(self) -> dict[str, list[Initiative]]:
        found: dict[str, list[Initiative]] = {}
        for initiative in self.ordered:
            for reach in initiative.reaches:
                found.setdefault(reach.journey.id, []).append(initiative)
        return found

    @cached_property
    def _by_kpi(self) -> dict[tuple[str, str], list[Initiative]]:
        found: dict[tuple[str, str], list[Initiative]] = {}
        for initiative in self.ordered:
            for aim in initiative.aims:
                found.setdefault((aim.journey.id, aim.kpi.id), []).append(initiative)
        return found

    def acting_on(self, journey_id: str) -> list[Initiative]:
        return self._by_journey.get(journey_id, [])

    def aiming_at(self, journey_id: str, kpi_id: str) -> list[Initiative]:
        return self._by_kpi.get((journey_id, kpi_id), [])

    def owned_by(self, team_id: str) -> list[Initiative]:
        return [i for i in self.ordered if i.owner.id == team_id]

    def follow_ups(self, today: date) -> list[FollowUp]:
        """Initiatives done with no ``result``, or running (since before ``today``) with KPIs not measured since."""
        found = []
        for initiative in self.ordered:
            no_result = initiative.status == "done" and not initiative.result
            started = initiative.started
            no_data: tuple[Aim, ...] = ()
            if initiative.status == "running" and started is not None and started <= today:
                no_data = tuple(e.aim for e in self.effects.get(initiative.id, ()) if e.current is None or e.current.date < started)
            if no_result or no_data:
                found.append(FollowUp(initiative, no_result, no_data))
        return found


def initiative_views(initiatives: dict[str, Initiative], frame: pd.DataFrame | None, band: float) -> InitiativeViews:
    """The effects of every initiative, from one pass over the measurements."""
    series = overall_series(frame, (aim for i in initiatives.values() for aim in i.aims))
    effects = {
        i.id: tuple(kpi_effect(aim, series.get((aim.journey.id, aim.kpi.id), []), i.started, band) for aim in i.aims)
        for i in initiatives.values()
    }
    return InitiativeViews(initiatives, effects)


def follow_up_warnings(views: InitiativeViews, today: date, documents: dict[str, YamlDocument]) -> list[Finding]:
    """The follow-ups as warnings, each at the line that needs the change."""
    warnings = []
    for follow_up in views.follow_ups(today):
        initiative, document = follow_up.initiative, documents.get(follow_up.initiative.id)

        def warn(loc: tuple[str | int, ...], message: str, rule: str) -> None:
            position = document.position(loc) if document is not None else None
            line, column = (position.line, position.column) if position else (1, 1)
            warnings.append(Finding(initiative.source_path, line, column, field_path(loc), message, rule, Severity.WARNING))

        if follow_up.no_result:
            warn(("status",), "the initiative is done but has no 'result'; write what happened to its KPIs", "initiative-no-result")
        for aim in follow_up.no_data:
            index = initiative.aims.index(aim)
            warn(
                ("kpis", index, "kpi"),
                f"KPI '{aim.kpi.id}' of journey '{aim.journey.id}' has no measurement since the initiative started "
                f"({initiative.started}); add newer rows to data/kpis/ to see its effect",
                "initiative-no-data",
            )
    return warnings



def chart_markers(initiatives: Iterable[Initiative]) -> tuple[Marker, ...]:
    """The start and end of each initiative, to mark on the chart of a KPI they aim at."""
    marks = []
    for initiative in initiatives:
        if initiative.started is not None:
            marks.append(Marker(initiative.started, "start", initiative.title))
        if initiative.ended is not None:
            marks.append(Marker(initiative.ended, "end", initiative.title))
    return tuple(marks)
