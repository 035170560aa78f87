"""Initiatives as readers see them in the built example site, and what bad or hostile ones do.

Every page the initiatives reach is read here from the HTML of a strict build: the initiative's
own page, the hub, the playbooks (map lane, stage sections, KPI chart markers), team pages,
KPI health, the review queue, ``initiatives.json`` and the search index.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from conftest import journeybook, mkdocs_build

OUTAGE = "journeys/internet-outage-restoration/index.html"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def article(site: Path, path: str) -> Tag:
    found = soup(site, path).find("article")
    assert isinstance(found, Tag), f"{path} has no article"
    return found


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def resolve(page: str, href: str) -> tuple[str, str]:
    """The site file a relative link from ``page`` (a path in the site) lands on, and its anchor."""
    target, _, anchor = href.partition("#")
    parts = page.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    path = "/".join(parts)
    return (f"{path}/index.html" if path else "index.html") if target.endswith("/") or not target else path, anchor


def test_an_initiative_page_shows_facts_where_it_acts_effect_trends_then_prose(built_site: Path) -> None:
    page = "initiatives/visit-window-sms/index.html"
    body = article(built_site, page)
    words = text(body)
    assert body.find("h1") is not None and text(body.find("h1")).startswith("Visit window by SMS")
    facts = {text(d.find("dt")): text(d.find("dd")) for d in body.select("dl.jb-initiative > div")}
    assert facts["Status"] == "Done" and facts["Owner"] == "Field Services"
    assert facts["Dates"] == "May 1, 2026 – Sep 30, 2026"
    assert facts["Hypothesis"].startswith("Customers who know the technician's two-hour window")
    assert facts["Result"].startswith("Repeat calls about the same fault went down")
    # Where it acts: the exact stage, and the anchor exists on the playbook.
    stage_link = body.select_one(".jb-initiative__reaches a[href*='#stage-']")
    assert stage_link is not None and text(stage_link) == "Technician visit"
    target, anchor = resolve(page, stage_link["href"])
    assert (target, anchor) == (OUTAGE, "stage-technician-visit")
    assert soup(built_site, target).find(id=anchor) is not None
    rows = [[text(c) for c in tr.find_all(["th", "td"])] for tr in body.select("table.jb-initiative-effect tbody tr")]
    assert rows == [
        ["Repeat contacts about the same fault", "Home internet outage restoration", "Improve", "19.5% Apr 1, 2026", "18.5% Nov 1, 2026", "-1 pp", "As expected"],
        ["Fixed at the first technician visit", "Home internet outage restoration", "Improve", "80.9% Apr 1, 2026", "86.2% Nov 1, 2026", "+5.3 pp", "As expected"],
    ]
    charts = body.select("figure.jb-initiative-trend")
    assert len(charts) == 2
    for chart in charts:
        marks = {line["data-date"]: line["class"][-1] for line in chart.select("line.jb-kpi-chart__marker")}
        assert marks == {"2026-05-01": "jb-kpi-chart__marker--start", "2026-09-30": "jb-kpi-chart__marker--end"}
    order = [words.index(w) for w in ("Where it acts", "Measured effect", "KPI trends", "The pilot ran in two regions")]
    assert order == sorted(order)


def test_an_initiative_without_a_baseline_says_so(built_site: Path) -> None:
    body = article(built_site, "initiatives/reserve-handset-online/index.html")
    row = [text(c) for c in body.select_one("table.jb-initiative-effect tbody tr").find_all(["th", "td"])]
    assert row == ["Espera media en tienda para la recogida", "Renovación del contrato móvil", "Improve", "–", "19 min Nov 1, 2026", "–", "No baseline"]
    assert text(article(built_site, "initiatives/underwriting-checklist/index.html")).count("Not as expected") == 1


def test_the_hub_lists_initiatives_by_status_running_first_with_their_effect(built_site: Path) -> None:
    body = article(built_site, "initiatives/index.html")
    sections = body.select("section[data-jb-filter-group]")
    assert [s.find("h2")["id"] for s in sections] == [
        "initiatives-running", "initiatives-planned", "initiatives-idea", "initiatives-done", "initiatives-dropped",
    ]
    running = sections[0].select("tbody tr")
    assert [text(r.find("td").find("a")) for r in running] == ["Upload documents from the phone", "Reserve the handset online before the store visit"]
    two_journeys = running[0]
    assert two_journeys["data-journey"] == "mortgage-application add-newborn-to-plan"
    assert (two_journeys["data-owner"], two_journeys["data-status"]) == ("digital-channels", "running")
    effect = text(two_journeys.find_all("td")[-1])
    assert "Requests missing a document: 16.1% → 12.9% (-3.2 pp) As expected" in effect
    assert "No baseline" in text(running[1])
    dropped = text(sections[-1])
    assert "Days from full application to offer: 25 days → 26 days (+1 days) Not as expected" in dropped


def test_the_hub_filters_without_script_and_scrolls_on_a_phone(built_site: Path) -> None:
    body = article(built_site, "initiatives/index.html")
    form = body.select_one("form[data-jb-filter]")
    assert form is not None and form.has_attr("hidden")  # shown by the script only
    filters = {s["data-filter"]: [o["value"] for o in s.find_all("option")][1:] for s in form.find_all("select")}
    assert filters["status"] == ["running", "planned", "idea", "done", "dropped"]
    assert "mortgage-application" in filters["journey"] and "field-services" in filters["owner"]
    groups = {text(h): [text(s).rsplit(" (", 1)[0] for s in h.find_parent("section").find_all("summary")] for h in body.select("section.jb-kpi-groups > h2")}
    assert groups["By owner"] == ["Customer Success", "Digital Channels", "Field Services", "Retail Lending", "Retail Stores"]
    assert "Mortgage application" in groups["By journey"] and "Add a newborn to a family plan" in groups["By journey"]
    for table in body.select("table.jb-initiatives__table"):
        assert table.find_parent("div", class_="jb-table-scroll")["role"] == "region"


def test_a_playbook_shows_its_initiatives_in_the_map_and_the_stage_sections(built_site: Path) -> None:
    body = article(built_site, OUTAGE)
    lane = body.select_one("tr.jb-map__lane--initiatives")
    assert lane is not None and text(lane.find("th")) == "Initiatives"
    stages = [text(th.find("a")) for th in body.select("table.jb-map thead tr:nth-of-type(2) th")[1:]]
    cells = [text(td) for td in lane.find_all("td")]
    assert cells[stages.index("Technician visit")] == "Visit window by SMS Done"
    assert cells[stages.index("Report the fault")].startswith("–")  # the SMS does not act there
    section = body.find(id="stage-technician-visit").find_next("dl", class_="jb-stage")
    link = section.select_one(".jb-stage__lane--initiatives a")
    assert link is not None and resolve(OUTAGE, link["href"])[0] == "initiatives/visit-window-sms/index.html"
    other = article(built_site, "journeys/add-newborn-to-plan/index.html")
    assert "Upload documents from the phone" in text(other.select_one("tr.jb-map__lane--initiatives"))


def test_kpi_charts_of_a_playbook_mark_the_initiatives_aiming_at_them(built_site: Path) -> None:
    body = article(built_site, "journeys/mortgage-application/index.html")
    chart = body.select_one("#kpi-time-to-offer svg.jb-kpi-chart")
    titles = [text(line.find("title")) for line in chart.select("line.jb-kpi-chart__marker")]
    assert titles == ["One checklist for underwriting started on May 1, 2026", "One checklist for underwriting ended on Oct 15, 2026"]
    assert body.select_one("#kpi-nps-after-completion svg.jb-kpi-chart line.jb-kpi-chart__marker") is None


def test_team_pages_kpi_health_and_the_export_include_initiatives(built_site: Path) -> None:
    team = article(built_site, "teams/retail-lending/index.html")
    assert [text(a) for a in team.select(".jb-initiative-list a")] == ["Book the valuation at pre-approval", "One checklist for underwriting"]
    health = article(built_site, "kpis/index.html")
    row = next(tr for tr in health.select("tr[data-owner]") if "Days from full application to offer" in text(tr.find("td")))
    assert text(health.select_one("table.jb-kpi-health__table thead").find_all("th")[-1]) == "Initiatives"
    assert text(row.find_all("td")[-1]) == "Book the valuation at pre-approval Planned One checklist for underwriting Dropped"
    export = json.loads((built_site / "initiatives.json").read_text(encoding="utf-8"))
    by_id = {i["id"]: i for i in export["initiatives"]}
    assert list(by_id)[0] == "upload-documents-from-phone"
    sms = by_id["visit-window-sms"]
    assert sms["url"] == "initiatives/visit-window-sms/" and sms["status"] == "done"
    assert sms["journeys"][0]["stages"] == [{"id": "technician-visit", "name": "Technician visit", "url": "journeys/internet-outage-restoration/#stage-technician-visit"}]
    assert sms["kpis"][0] == {
        "journey": "internet-outage-restoration", "kpi": "repeat-contact-rate", "name": "Repeat contacts about the same fault",
        "unit": "%", "direction": "down", "expect": "improve", "baseline": {"date": "2026-04-01", "value": 19.5},
        "current": {"date": "2026-11-01", "value": 18.5}, "change": -1.0, "outcome": "as-expected",
    }
    assert by_id["reserve-handset-online"]["kpis"][0]["baseline"] is None


def test_search_indexes_initiative_pages_and_the_hub_is_in_the_nav(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = {doc["location"] for doc in index["docs"] if "two-hour window" in doc["text"] or "Visit window by SMS" in doc["title"]}
    assert "initiatives/visit-window-sms/" in found
    nav = soup(built_site, "index.html").select(".md-nav a")
    assert any(a.get("href", "").rstrip("/").endswith("initiatives") for a in nav)


INITIATIVE = """---
title: {title}
owner: field-services
status: {status}
hypothesis: {hypothesis}
journeys:
  - journey: internet-outage-restoration
    stages: [technician-visit]
kpis:
  - journey: internet-outage-restoration
    kpi: first-visit-fix
started: {started}
---

Body text.
"""


def test_hostile_text_in_an_initiative_is_shown_as_text_everywhere(project: Path) -> None:
    hostile = '"<script>alert(1)</script> *Fix* [x](javascript:alert(1)) {{ 7*7 }}"'
    (project / "content/initiatives/hostile.md").write_text(
        INITIATIVE.format(title=hostile, status="planned", hypothesis='"<img src=x onerror=alert(1)> **bold**"', started="2026-05-01"),
        encoding="utf-8",
    )
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    site = project / "site"
    for page in ("initiatives/hostile/index.html", "initiatives/index.html", OUTAGE, "teams/field-services/index.html", "kpis/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "<img src=x" not in html, page
        assert "javascript:alert" not in re.findall(r'href="([^"]*)"', html).__str__(), page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; *Fix* [x](javascript:alert(1)) {{ 7*7 }}" in html, page
    assert "<strong>bold</strong>" not in (site / "initiatives/hostile/index.html").read_text(encoding="utf-8")


def test_the_review_queue_and_warnings_name_initiatives_to_follow_up(project: Path) -> None:
    sms = project / "content/initiatives/visit-window-sms.md"
    sms.write_text(re.sub(r"result: >-\n(  .*\n)+", "", sms.read_text(encoding="utf-8")), encoding="utf-8")
    (project / "content/initiatives/late.md").write_text(
        INITIATIVE.format(title="Late data", status="running", hypothesis="Waiting for data.", started="2026-11-10"), encoding="utf-8",
    )
    check = journeybook("check", cwd=project)
    assert check.code == 0, check.output
    assert "warning: content/initiatives/visit-window-sms.md:4:9: status: the initiative is done but has no 'result'" in check.stdout
    assert "warning: content/initiatives/late.md:11:10: kpis[0].kpi: KPI 'first-visit-fix' of journey 'internet-outage-restoration' has no measurement since the initiative started (2026-11-10)" in check.stdout
    assert journeybook("check", "--strict", cwd=project).code == 1
    built = mkdocs_build(project)  # strict, and still published: warnings show on the site, never stop it
    assert built.code == 0, built.output
    review = article(project / "site", "review/index.html")
    items = [text(li) for li in review.select(".jb-review-initiatives li")]
    assert items == [
        "Late data Running · Field Services : No measurement since the start: Fixed at the first technician visit",
        "Visit window by SMS Done · Field Services : Done, but no result written",
    ]
