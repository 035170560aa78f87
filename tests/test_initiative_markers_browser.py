"""In a real browser, an initiative's start and end markers sit at their dates on a KPI chart.

The chart spaces its points evenly, one per measurement. A marker dated on a measurement must
be drawn exactly over that point; a marker between two measurements in proportion to the days.
The positions are read from the rendered page (screen coordinates of the polyline's points and
of the marker lines), and the points' dates from the example's measurement file, so the test
fails if the chart and the data disagree, not only if the numbers in the HTML change.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from browser_support import browser, serve, watch
from conftest import REPO
from journeybook.views.kpi_status import POINTS

SCREEN_POSITIONS = """chart => {
  const matrix = chart.getScreenCTM();
  const at = (x, y) => { const p = chart.createSVGPoint(); p.x = x; p.y = y; return p.matrixTransform(matrix).x; };
  const line = chart.querySelector("polyline");
  const points = Array.from(line.points).map(p => at(p.x, p.y));
  const markers = Array.from(chart.querySelectorAll("line.jb-kpi-chart__marker")).map(m => {
    const box = m.getBoundingClientRect();
    return { date: m.dataset.date, x: box.left + box.width / 2 };
  });
  return { points, markers };
}"""


def overall_dates(journey: str, kpi: str) -> list[date]:
    """The dates the chart draws: the newest ``POINTS`` overall measurements of the KPI."""
    with (REPO / "data" / "kpis" / f"{journey}.csv").open(encoding="utf-8") as stream:
        rows = [r for r in csv.DictReader(stream) if r["kpi"] == kpi and not r["segment"]]
    return sorted(date.fromisoformat(r["date"]) for r in rows)[-POINTS:]


def expected_x(when: date, dates: list[date], xs: list[float]) -> float:
    for index in range(1, len(dates)):
        if dates[index - 1] <= when <= dates[index]:
            share = (when - dates[index - 1]).days / (dates[index] - dates[index - 1]).days
            return xs[index - 1] + share * (xs[index] - xs[index - 1])
    raise AssertionError(f"{when} is outside the chart")


def test_start_and_end_markers_sit_at_their_dates(built_site: Path) -> None:
    cases = [
        # One checklist for underwriting: started on a measurement date, ended between two.
        ("journeys/mortgage-application/", "#kpi-time-to-offer svg.jb-kpi-chart", "mortgage-application", "time-to-offer"),
        # The initiative's own page: Visit window by SMS on first-visit-fix (started 2026-05-01, ended 2026-09-30).
        ("initiatives/visit-window-sms/", "figure[data-kpi='internet-outage-restoration/first-visit-fix'] svg", "internet-outage-restoration", "first-visit-fix"),
    ]
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        log = watch(page, base)
        for path, selector, journey, kpi in cases:
            page.goto(base + path)
            found = page.eval_on_selector(selector, SCREEN_POSITIONS)
            dates = overall_dates(journey, kpi)
            assert len(found["points"]) == len(dates)
            assert len(found["markers"]) == 2, found
            for marker in found["markers"]:
                when = date.fromisoformat(marker["date"])
                if when in dates:
                    assert abs(marker["x"] - found["points"][dates.index(when)]) < 0.5, (path, marker)
                assert abs(marker["x"] - expected_x(when, dates, found["points"])) < 0.5, (path, marker)
            start, end = sorted(found["markers"], key=lambda m: m["date"])
            assert start["x"] < end["x"]
        assert not log.foreign_requests and not log.console_errors


def test_the_hub_reads_on_a_phone_without_scrolling_sideways(built_site: Path) -> None:
    with serve(built_site) as base, browser(width=390, height=844) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + "initiatives/")
        sizes = page.eval_on_selector_all(
            "table.jb-initiatives__table",
            "tables => tables.map(t => [t.getBoundingClientRect().right, t.closest('.jb-table-scroll').scrollWidth, t.closest('.jb-table-scroll').clientWidth])",
        )
        assert sizes and all(right <= 390 and scroll <= client for right, scroll, client in sizes), sizes
        label = page.eval_on_selector(
            "table.jb-initiatives__table td[data-label]:last-child", "td => getComputedStyle(td, '::before').content",
        )
        assert label == '"Measured effect"'
        assert page.is_visible("form[data-jb-filter]")  # the script showed the filter form
        page.select_option("select[data-filter='journey']", "add-newborn-to-plan")
        shown = page.eval_on_selector_all("table.jb-initiatives__table tbody tr:not([hidden]) td:first-child a", "links => links.map(a => a.textContent)")
        assert shown == ["Upload documents from the phone"]
