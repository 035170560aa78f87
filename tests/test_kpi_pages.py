"""The KPI tables of the example site as readers see them, against golden files.

``tests/golden/kpis/<journey>.txt`` holds each playbook's KPI table as text (one line per row,
cells separated by `` | ``) and ``kpis.csv`` the export; run with JOURNEYBOOK_UPDATE_GOLDEN=1
to rewrite them after an intended change, then review the diff.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from browser_support import browser, serve
from bs4 import BeautifulSoup, Tag
from conftest import matches_golden

ORDER = ["off-track", "at-risk", "no-data", "on-track"]




def cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def table_text(table: Tag) -> str:
    return "".join(" | ".join(cell_text(c) for c in row.find_all(["th", "td"])) + "\n" for row in table.find_all("tr"))


def records(site: Path) -> list[dict[str, object]]:
    return json.loads((site / "kpis.json").read_text(encoding="utf-8"))["kpis"]


@pytest.mark.parametrize("journey", sorted(p.stem for p in (Path(__file__).parent.parent / "content/journeys").glob("*.md") if p.stem != "index"))
def test_playbook_kpi_table_matches_golden(built_site: Path, journey: str) -> None:
    table = page(built_site, f"journeys/{journey}/index.html").select_one("table.jb-kpis")
    assert table is not None
    matches_golden("kpis", f"{journey}.txt", table_text(table))


def test_kpis_csv_matches_golden(built_site: Path) -> None:
    matches_golden("kpis", "kpis.csv", (built_site / "kpis.csv").read_text(encoding="utf-8"))


def test_each_kpi_row_has_a_chart_of_its_last_points_with_the_target(built_site: Path) -> None:
    soup = page(built_site, "journeys/mortgage-application/index.html")
    for record in (r for r in records(built_site) if r["journey"]["id"] == "mortgage-application"):  # type: ignore[index]
        row = soup.select_one(f"tr#kpi-{record['id']}")
        assert row is not None
        chart = row.select_one("svg.jb-kpi-chart")
        assert chart is not None and chart.select_one("line.jb-kpi-chart__target") is not None
        points = chart.select_one("polyline")["points"].split()  # type: ignore[index]
        assert len(points) == len(record["points"]) == min(12, len(points))  # type: ignore[arg-type]
        assert f"target {cell_text(row.find_all('td')[1]).split(' ', 2)[2]}" in chart["aria-label"]


def test_health_page_counts_and_orders_by_status(built_site: Path) -> None:
    soup = page(built_site, "kpis/index.html")
    statuses = [str(r["status"]) for r in records(built_site)]
    counts = {a["href"].removeprefix("#status-"): int(a.strong.get_text()) for a in soup.select(".jb-kpi-counts a")}  # type: ignore[union-attr]
    assert counts == {status: statuses.count(status) for status in ORDER}
    sections = [s.h2["id"].removeprefix("status-") for s in soup.select("section[data-jb-filter-group]")]  # type: ignore[index]
    assert sections == [s for s in ORDER if s in statuses]
    rows = soup.select("section[data-jb-filter-group] tbody tr")
    assert len(rows) == len(statuses)


def test_health_page_links_each_kpi_to_its_playbook_and_stage(built_site: Path) -> None:
    soup = page(built_site, "kpis/index.html")
    by_name = {str(r["name"]): r for r in records(built_site)}
    for row in soup.select("section[data-jb-filter-group] tbody tr"):
        cells = row.find_all("td")
        record = by_name[cell_text(cells[0])]
        kpi_href, journey_href = cells[0].a["href"], cells[1].a["href"]
        assert kpi_href == f"../journeys/{record['journey']['id']}/#kpi-{record['id']}"  # type: ignore[index]
        target = page(built_site, f"journeys/{record['journey']['id']}/index.html")  # type: ignore[index]
        assert target.find(id=f"kpi-{record['id']}") is not None and journey_href == f"../journeys/{record['journey']['id']}/"  # type: ignore[index]
        if record["stage"]:
            assert cells[2].a["href"] == f"../journeys/{record['journey']['id']}/#stage-{record['stage']['id']}"  # type: ignore[index]
        assert row["data-owner"] == (record["owner"]["id"] if record["owner"] else "-")  # type: ignore[index]
        assert row["data-category"] == record["category"]


def test_health_page_filters_without_script_through_grouped_lists(built_site: Path) -> None:
    soup = page(built_site, "kpis/index.html")
    assert soup.select_one("form[data-jb-filter]").has_attr("hidden")  # type: ignore[union-attr]
    owners, categories = soup.select("section.jb-kpi-groups")
    listed = {cell_text(d.summary).split(" (")[0]: len(d.select("li")) for d in owners.select("details")}
    expected: dict[str, int] = {}
    for record in records(built_site):
        name = record["owner"]["name"] if record["owner"] else "No owner"  # type: ignore[index]
        expected[name] = expected.get(name, 0) + 1
    assert listed == expected
    assert sum(len(d.select("li")) for d in categories.select("details")) == len(records(built_site))


def test_json_and_csv_exports_agree(built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "kpis.csv").read_text(encoding="utf-8"))))
    overall = {(r["journey"], r["kpi"]): r["status"] for r in rows if not r["segment"]}
    assert overall == {(r["journey"]["id"], r["id"]): r["status"] for r in records(built_site)}  # type: ignore[index]
    segments = {(r["journey"], r["kpi"], r["segment"]): r["status"] for r in rows if r["segment"]}
    assert segments == {(r["journey"]["id"], r["id"], s["segment"]): s["status"] for r in records(built_site) for s in r["segments"]}  # type: ignore[index, union-attr]


@pytest.mark.browser
def test_filter_form_keeps_only_the_chosen_owner(built_site: Path) -> None:
    owned = [r for r in records(built_site) if r["owner"] and r["owner"]["id"] == "billing"]  # type: ignore[index]
    assert owned
    with serve(built_site) as base, browser() as context:
        tab = context.new_page()  # type: ignore[attr-defined]
        tab.goto(base + "kpis/")
        tab.select_option("select[data-filter=owner]", "billing")
        visible = tab.locator("section[data-jb-filter-group] tbody tr:visible td:first-child").all_inner_texts()
        assert sorted(visible) == sorted(str(r["name"]) for r in owned)
        assert tab.locator("form[data-jb-filter] output").inner_text() == f"{len(owned)} of {len(records(built_site))} KPIs shown"
