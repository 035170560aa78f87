"""The small trend chart beside each KPI: its newest points and the target, as SVG coordinates.

Only numbers are computed here (model first, then emit); ``templates/blocks/kpi-chart.html``
draws them. The vertical scale spans the points and the target together, so the target line
is always inside the chart and a reader sees at a glance on which side of it the KPI sits.

Points are evenly spaced, one per measurement, so a date marker (an initiative's start or end)
sits at the x of the measurement of that date, or between the two measurements around it in
proportion to the days; a date outside the points drawn gets no marker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from journeybook.views.kpi_status import Point, Reading

WIDTH = 120
HEIGHT = 32
MARGIN = 3


@dataclass(frozen=True)
class Marker:
    """A date to mark on the chart: ``kind`` is ``start`` or ``end``; ``label`` names what started or ended."""

    date: date
    kind: str
    label: str


@dataclass(frozen=True)
class PlacedMarker:
    marker: Marker
    x: float


@dataclass(frozen=True)
class KpiChart:
    width: int
    height: int
    line: str
    """SVG ``points`` of the polyline, oldest first."""
    last_x: float
    last_y: float
    target_y: float
    first: Point
    last: Point
    count: int
    markers: tuple[PlacedMarker, ...] = ()


def _round(value: float) -> float:
    return round(value, 1)


def marker_x(when: date, points: Sequence[Point], xs: Sequence[float]) -> float | None:
    """Where ``when`` falls on the chart's x axis, interpolated by days; None outside the points."""
    for index, point in enumerate(points):
        if point.date == when:
            return xs[index]
        if index and points[index - 1].date < when < point.date:
            before = points[index - 1].date
            share = (when - before).days / (point.date - before).days
            return _round(xs[index - 1] + share * (xs[index] - xs[index - 1]))
    return None


def kpi_chart(reading: Reading, target: float, markers: Sequence[Marker] = ()) -> KpiChart | None:
    """The chart of one series against ``target``; ``None`` when it has no point to draw."""
    points = reading.points
    if not points:
        return None
    values = [p.value for p in points]
    low, high = min(*values, target), max(*values, target)
    if high == low:
        low, high = low - 1, high + 1
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    step = inner_w / (len(points) - 1) if len(points) > 1 else 0

    def y(value: float) -> float:
        return _round(MARGIN + (high - value) / (high - low) * inner_h)

    xs = [_round(MARGIN + i * step) if len(points) > 1 else WIDTH / 2 for i in range(len(points))]
    line = " ".join(f"{x:g},{y(v):g}" for x, v in zip(xs, values))
    placed = tuple(PlacedMarker(m, x) for m in markers if (x := marker_x(m.date, points, xs)) is not None)
    return KpiChart(WIDTH, HEIGHT, line, xs[-1], y(values[-1]), y(target), points[0], points[-1], len(points), placed)
