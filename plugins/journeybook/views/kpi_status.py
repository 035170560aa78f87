"""Computed KPI views: where each KPI stands today, from the measurements joined to it.

The rules are those of the playbook format: the overall series is the rows with no segment
(segment rows are a breakdown, never summed into it); the newest value is the *latest*, the
one before gives the *trend*; against the target, by direction, a KPI is on track, at risk
(missing by at most ``at_risk_band`` of the target), off track, or has no data. Status is
decided in decimal arithmetic, so a value exactly on the edge of the band (8.8 against a
target of 8 and a 10% band) is at risk as a reader would compute it, not off track by a
float's rounding.

The grouping over all rows is vectorised (sort, then the last points of every series at once);
Python then walks only those few points per series. Pure data: no MkDocs, no HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Iterable

from journeybook.findings import Finding, Severity
from journeybook.model.resolved import Journey, Kpi, Settings
from journeybook.read.front_matter import YamlDocument

if TYPE_CHECKING:
    import pandas as pd

POINTS = 12
"""How many of the newest points a trend chart shows."""

KPI_VIEWS = "kpis"
"""Key of ``Project.kpis`` in the views handed to page blocks (``BlockContext.views``)."""


class Status(str, Enum):
    """Also the order of the KPI health page: what needs attention first."""

    OFF_TRACK = "off-track"
    AT_RISK = "at-risk"
    NO_DATA = "no-data"
    ON_TRACK = "on-track"


class Trend(str, Enum):
    BETTER = "better"
    WORSE = "worse"
    FLAT = "flat"


@dataclass(frozen=True)
class Point:
    date: date
    value: float


@dataclass(frozen=True)
class Reading:
    """One series of a KPI (the overall one, or one segment) summed up against the target."""

    segment: str | None
    points: tuple[Point, ...]
    status: Status
    change: float | None
    trend: Trend | None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def previous(self) -> Point | None:
        return self.points[-2] if len(self.points) > 1 else None


@dataclass(frozen=True)
class KpiView:
    """A KPI with its data: the overall reading and the segment breakdown, segments by name."""

    journey: Journey
    kpi: Kpi
    overall: Reading
    segments: tuple[Reading, ...]

    @property
    def status(self) -> Status:
        return self.overall.status


def status_counts(views: Iterable[KpiView]) -> dict[Status, int]:
    """How many of ``views`` are in each status, every status present (zero too), in ``Status`` order.

    The KPI health page and the catalog both count this way, so their numbers always agree.
    """
    counted = {status: 0 for status in Status}
    for view in views:
        counted[view.status] += 1
    return counted


def _decimal(value: float) -> Decimal:
    """A float as the decimal its shortest text shows (8.8 is 8.8, not 8.800000000000000711)."""
    return Decimal(repr(value))


def status_of(latest: float | None, target: float, direction: str, band: float) -> Status:
    """On track when the target is met or beaten; at risk when missed by at most ``band`` x |target|."""
    if latest is None:
        return Status.NO_DATA
    miss = _decimal(latest) - _decimal(target) if direction == "down" else _decimal(target) - _decimal(latest)
    if miss <= 0:
        return Status.ON_TRACK
    if miss <= _decimal(band) * abs(_decimal(target)):
        return Status.AT_RISK
    return Status.OFF_TRACK


def trend_of(latest: float, previous: float, direction: str) -> tuple[float, Trend]:
    """The change from the previous point, and whether it is better for this direction."""
    change = _decimal(latest) - _decimal(previous)
    if change == 0:
        return 0.0, Trend.FLAT
    better = change < 0 if direction == "down" else change > 0
    return float(change), Trend.BETTER if better else Trend.WORSE


def reading(kpi: Kpi, segment: str | None, points: Iterable[Point], band: float) -> Reading:
    kept = tuple(points)[-POINTS:]
    latest = kept[-1].value if kept else None
    status = status_of(latest, kpi.target, kpi.direction, band)
    if len(kept) < 2:
        return Reading(segment, kept, status, None, None)
    change, trend = trend_of(kept[-1].value, kept[-2].value, kpi.direction)
    return Reading(segment, kept, status, change, trend)


Series = dict[tuple[str, str], dict[str, list[Point]]]


def series(frame: pd.DataFrame | None) -> Series:
    """(journey, kpi) -> segment ('' = overall) -> its newest ``POINTS`` points, oldest first."""
    if frame is None or frame.empty:
        return {}
    newest = frame.sort_values(["journey", "kpi", "segment", "date"]).groupby(["journey", "kpi", "segment"], sort=False).tail(POINTS)
    found: Series = {}
    columns = [newest[c].tolist() for c in ("journey", "kpi", "segment", "value")]
    for journey_id, kpi_id, segment, value, when in zip(*columns, newest["date"].dt.date.tolist()):
        found.setdefault((journey_id, kpi_id), {}).setdefault(segment, []).append(Point(when, value))
    return found


def _kpi_line(document: YamlDocument | None, index: int) -> tuple[int | None, int | None]:
    position = document.position(("kpis", index, "id")) if document is not None else None
    return (position.line, position.column) if position else (None, None)


def kpi_views(
    journeys: Iterable[Journey], frame: pd.DataFrame | None, settings: Settings, today: date,
    documents: dict[str, YamlDocument] | None = None,
) -> tuple[dict[tuple[str, str], KpiView], list[Finding]]:
    """Every KPI's view, and a warning for each KPI without data or with stale data.

    ``documents`` (journey id -> front matter) locates those warnings at the KPI's line.
    """
    by_kpi = series(frame)
    views: dict[tuple[str, str], KpiView] = {}
    warnings: list[Finding] = []
    band, stale = settings.at_risk_band, settings.stale_measurement_days
    for journey in journeys:
        document = (documents or {}).get(journey.id)
        for index, kpi in enumerate(journey.kpis):
            found = by_kpi.get((journey.id, kpi.id), {})
            overall = reading(kpi, None, found.get("", ()), band)
            segments = tuple(reading(kpi, name, points, band) for name, points in sorted(found.items()) if name)
            views[(journey.id, kpi.id)] = KpiView(journey, kpi, overall, segments)
            line, column = _kpi_line(document, index)

            def warn(message: str, rule: str) -> None:
                warnings.append(Finding(journey.source_path, line, column, f"kpis[{index}]", message, rule, Severity.WARNING))

            where = "data/kpis/" if kpi.source.kind != "sql" else f"source '{kpi.source.id}'"
            if not found:
                warn(f"KPI '{kpi.id}' has no measurements (no row in {where} with journey '{journey.id}' and kpi '{kpi.id}')", "kpi-no-data")
            elif overall.latest is None:
                warn(f"KPI '{kpi.id}' has only segment rows in {where}; add overall rows (an empty segment) to give it a status", "kpi-no-data")
            elif overall.latest.date > today:
                warn(
                    f"the latest measurement of KPI '{kpi.id}' is dated {overall.latest.date.isoformat()}, after today "
                    f"({today.isoformat()}); a measurement cannot come from the future, so check the date in {where}",
                    "date-in-future",
                )
            elif (today - overall.latest.date).days > stale:
                warn(
                    f"the latest measurement of KPI '{kpi.id}' is from {overall.latest.date.isoformat()}, older than "
                    f"{stale} days (stale_measurement_days in site_config/settings.yml); add newer rows to {where}",
                    "kpi-stale",
                )
    return views, warnings
