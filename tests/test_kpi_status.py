"""KPI status and trend exactly as the playbook format defines them, on the edges of the band.

The band is 10% of the target by default: with ``direction: down`` and target 8, a latest value
of 8 is on track, 8.1 and 8.8 are at risk, 8.81 is off track; ``up`` mirrors it. The edges are
checked in decimal terms (8.8 - 8 is 0.8, never 0.8000000000000007).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from journeybook.model.resolved import Journey, Kpi, Persona, Settings, TaxonomyEntry
from journeybook.views.kpi_chart import kpi_chart
from journeybook.views.kpi_status import (
    Point,
    Reading,
    Status,
    Trend,
    kpi_views,
    status_of,
    trend_of,
)

FILES = TaxonomyEntry("files", "Measurement files", "", kind="files")


@pytest.mark.parametrize(("latest", "expected"), [
    (7.0, Status.ON_TRACK), (8.0, Status.ON_TRACK), (8.1, Status.AT_RISK), (8.8, Status.AT_RISK),
    (8.81, Status.OFF_TRACK), (9.2, Status.OFF_TRACK), (None, Status.NO_DATA),
])
def test_down_target_8(latest: float | None, expected: Status) -> None:
    assert status_of(latest, 8, "down", 0.10) is expected


@pytest.mark.parametrize(("latest", "expected"), [
    (41.0, Status.ON_TRACK), (40.0, Status.ON_TRACK), (39.9, Status.AT_RISK), (36.0, Status.AT_RISK),
    (35.99, Status.OFF_TRACK), (None, Status.NO_DATA),
])
def test_up_target_40(latest: float | None, expected: Status) -> None:
    assert status_of(latest, 40, "up", 0.10) is expected


@pytest.mark.parametrize(("latest", "band", "expected"), [
    (8.4, 0.05, Status.AT_RISK), (8.41, 0.05, Status.OFF_TRACK), (8.01, 0.0, Status.OFF_TRACK), (10.0, 0.25, Status.AT_RISK),
])
def test_the_band_is_a_setting(latest: float, band: float, expected: Status) -> None:
    assert status_of(latest, 8, "down", band) is expected


def test_band_of_a_negative_target_is_a_share_of_its_size() -> None:
    # An NPS target of -10 (up): -11 misses by 1 = 10% of |-10|, at risk; -11.1 misses by more.
    assert status_of(-11, -10, "up", 0.10) is Status.AT_RISK
    assert status_of(-11.1, -10, "up", 0.10) is Status.OFF_TRACK


def test_a_zero_target_has_no_band() -> None:
    assert status_of(0, 0, "down", 0.10) is Status.ON_TRACK
    assert status_of(0.01, 0, "down", 0.10) is Status.OFF_TRACK


@pytest.mark.parametrize(("latest", "previous", "direction", "change", "trend"), [
    (21.4, 22.0, "down", -0.6, Trend.BETTER), (22.0, 21.4, "down", 0.6, Trend.WORSE),
    (44.0, 42.0, "up", 2.0, Trend.BETTER), (42.0, 44.0, "up", -2.0, Trend.WORSE),
    (8.8, 8.8, "up", 0.0, Trend.FLAT), (8.8, 8.8, "down", 0.0, Trend.FLAT),
])
def test_trend_says_better_or_worse_for_the_direction(latest: float, previous: float, direction: str, change: float, trend: Trend) -> None:
    assert trend_of(latest, previous, direction) == (change, trend)


def _journey(*kpis: Kpi) -> Journey:
    persona = Persona("p", "P", "personas/p.md")
    return Journey(
        id="j", src_uri="journeys/j.md", source_path="content/journeys/j.md", title="J", description=None, persona=persona,
        owner=None, lifecycle="active", tags=(), last_reviewed=date(2026, 1, 1), review_every=180, review_due=date(2026, 6, 30),
        review_overdue=False, goal_customer="", goal_business="", stages=(), kpis=kpis, verification=(),
    )


def _kpi(kpi_id: str, direction: str = "down", target: float = 8) -> Kpi:
    return Kpi(kpi_id, kpi_id.title(), None, None, "leading", "%", direction, target, None, FILES)


def _frame(rows: list[tuple[str, str, str, float, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["journey", "kpi", "date", "value", "segment"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["source"] = "files"
    return frame


def test_views_take_the_overall_series_and_break_segments_down() -> None:
    rows = [("j", "k", f"2025-{m:02d}-01", 10.0 - m / 10, "") for m in range(1, 13)]
    rows += [("j", "k", "2026-01-01", 8.8, ""), ("j", "k", "2026-01-01", 5.0, "web"), ("j", "k", "2025-12-01", 6.0, "web"),
             ("j", "k", "2026-01-01", 99.0, "branch")]
    views, warnings = kpi_views([_journey(_kpi("k"))], _frame(rows), Settings.of(), date(2026, 1, 15))
    view = views[("j", "k")]
    assert view.overall.latest == Point(date(2026, 1, 1), 8.8)
    assert view.overall.previous == Point(date(2025, 12, 1), 8.8)
    assert (view.status, view.overall.trend) == (Status.AT_RISK, Trend.FLAT)
    assert len(view.overall.points) == 12 and view.overall.points[0].date == date(2025, 2, 1)
    assert [(s.segment, s.status, s.trend) for s in view.segments] == [("branch", Status.OFF_TRACK, None), ("web", Status.ON_TRACK, Trend.BETTER)]
    assert warnings == []


def test_no_data_segment_only_and_stale_are_warnings_at_the_kpi() -> None:
    rows = [("j", "old", "2025-01-01", 1.0, ""), ("j", "split", "2026-01-01", 1.0, "web")]
    views, warnings = kpi_views([_journey(_kpi("none"), _kpi("old"), _kpi("split"))], _frame(rows), replace(Settings.of(), stale_measurement_days=62), date(2026, 1, 15))
    assert views[("j", "none")].status is Status.NO_DATA and views[("j", "split")].status is Status.NO_DATA
    assert [str(w) for w in warnings] == [
        "content/journeys/j.md: kpis[0]: KPI 'none' has no measurements (no row in data/kpis/ with journey 'j' and kpi 'none')",
        "content/journeys/j.md: kpis[1]: the latest measurement of KPI 'old' is from 2025-01-01, older than 62 days "
        "(stale_measurement_days in site_config/settings.yml); add newer rows to data/kpis/",
        "content/journeys/j.md: kpis[2]: KPI 'split' has only segment rows in data/kpis/; add overall rows (an empty segment) to give it a status",
    ]


def test_without_any_measurement_every_kpi_has_no_data() -> None:
    views, warnings = kpi_views([_journey(_kpi("k"))], None, Settings.of(), date(2026, 1, 1))
    assert views[("j", "k")].status is Status.NO_DATA and len(warnings) == 1


def test_chart_spans_points_and_target_so_the_target_line_is_inside() -> None:
    rows = [("j", "k", f"2026-0{m}-01", v, "") for m, v in ((1, 12.0), (2, 10.0), (3, 11.0))]
    views, _ = kpi_views([_journey(_kpi("k", target=8))], _frame(rows), Settings.of(), date(2026, 3, 15))
    chart = kpi_chart(views[("j", "k")].overall, 8)
    assert chart is not None
    assert chart.line == "3,3 60,16 117,9.5"  # highest value at the top margin, x evenly spaced
    assert chart.target_y == 29 and (chart.last_x, chart.last_y) == (117, 9.5)
    assert kpi_chart(Reading(None, (), Status.NO_DATA, None, None), 8) is None
