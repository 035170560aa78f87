"""The pages generated from all playbooks together, as a reader sees them in the built HTML.

Expected values come from the example's own source files (front matter, owners, taxonomies),
so each test checks that what an author wrote reaches the right page in the right place.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Tag
from conftest import REPO, copy_project, mkdocs_build, run
from journeybook.authoring.schema import SCHEMAS, build_schema

LATE = "2028-06-01"  # every example review and verification is overdue by then
STATUSES = ("off-track", "at-risk", "no-data", "on-track")  # the KPI health page's order: attention first
NO_KPIS = """---
title: Close an account
persona: first-time-buyer
owner: retail-lending
last_reviewed: 2026-11-01
goals:
  customer: Leave without paying for anything after the closing date.
  business: Learn why customers leave.
stages:
  - id: ask
    name: Ask to close the account
    phase: after
    emotion: 2
---
"""


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def article(site: Path, path: str) -> Tag:
    found = soup(site, path).find("article")
    assert isinstance(found, Tag), f"{path} has no article"
    return found


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def heading_text(node: Tag) -> str:
    """A heading's words, without the permalink sign MkDocs' toc adds."""
    return text(node).removesuffix("¶").strip()


def front_matter(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def playbooks(root: Path = REPO) -> dict[str, dict[str, Any]]:
    docs = (front_matter(p) for p in sorted((root / "content" / "journeys").glob("*.md")) if p.name != "index.md")
    return {pb.get("id"): pb for pb in docs}


def teams(root: Path = REPO) -> dict[str, dict[str, str]]:
    return {t["id"]: t for t in yaml.safe_load((root / "data" / "owners.yml").read_text(encoding="utf-8"))["teams"]}


def labels(language: str = "en", root: Path = REPO) -> dict[str, str]:
    return yaml.safe_load((root / "site_config" / "labels" / f"{language}.yml").read_text(encoding="utf-8"))


def expected_kpi_health(root: Path = REPO) -> dict[str, Counter[str]]:
    """Per journey, its KPIs counted by status as the playbook format defines status.

    Worked out here from the sources alone: each KPI's target and direction, the at-risk band of
    settings.yml, and the newest row without a segment in ``data/kpis/*.csv``.
    """
    band = Decimal(str(yaml.safe_load((root / "site_config" / "settings.yml").read_text(encoding="utf-8"))["at_risk_band"]))
    latest: dict[tuple[str, str], tuple[str, Decimal]] = {}
    for path in (root / "data" / "kpis").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as rows:
            for row in csv.DictReader(rows):
                key = (row["journey"], row["kpi"])
                if not row.get("segment") and (key not in latest or row["date"] > latest[key][0]):
                    latest[key] = (row["date"], Decimal(row["value"]))
    health: dict[str, Counter[str]] = {}
    for journey_id, pb in playbooks(root).items():
        counts: Counter[str] = Counter()
        for kpi in pb.get("kpis", []):
            if (journey_id, kpi["id"]) not in latest:
                counts["no-data"] += 1
                continue
            value, target = latest[(journey_id, kpi["id"])][1], Decimal(str(kpi["target"]))
            miss = value - target if kpi["direction"] == "down" else target - value
            counts["on-track" if miss <= 0 else "at-risk" if miss <= band * abs(target) else "off-track"] += 1
        health[journey_id] = counts
    return health


def health_cell(cell: Tag) -> Counter[str]:
    """The catalog's KPI health cell as {status: count}, read from its badges."""
    return Counter({
        next(c for c in li.find(class_="jb-badge")["class"] if c.startswith("jb-badge--")).removeprefix("jb-badge--"): int(li.strong.get_text())
        for li in cell.find_all("li")
    })


def lenient_build(project: Path, today: str) -> Path:
    """A build that publishes despite warnings (overdue reviews are warnings), at ``today``."""
    result = run([sys.executable, "-m", "mkdocs", "build", "--no-strict"], cwd=project, env={"JOURNEYBOOK_TODAY": today})
    assert result.code == 0, result.output
    return project / "site"


def catalog_rows(site: Path) -> dict[str, list[Tag]]:
    """Catalog rows keyed by the playbook each one links to."""
    table = article(site, "journeys/index.html").find("table")
    assert isinstance(table, Tag)
    rows = {}
    for row in table.find("tbody").find_all("tr"):
        cells = row.find_all(["td", "th"])
        rows[cells[0].find("a")["href"].strip("/").rsplit("/", 1)[-1]] = cells
    return rows


def test_catalog_has_one_row_per_playbook_with_its_facts(built_site: Path) -> None:
    rows = catalog_rows(built_site)
    expected = playbooks()
    assert sorted(rows) == sorted(expected)
    owners = teams()
    for journey_id, pb in expected.items():
        cells = [text(c) for c in rows[journey_id]]
        persona = front_matter(REPO / "content" / "personas" / f"{pb['persona']}.md")["title"]
        assert cells[0].startswith(pb["title"])
        assert cells[1] == persona
        assert cells[2] == owners[pb["owner"]]["name"]
        assert rows[journey_id][2].find("a")["href"] == f"../teams/{pb['owner']}/"
        assert cells[5] == str(len(pb["stages"]))
        assert cells[6] == str(sum(1 for s in pb["stages"] if s.get("moment_of_truth")))
        reviewed = pb["last_reviewed"]  # shown as English writes a date, machine-readable in <time datetime>
        assert cells[8].startswith(f"{reviewed:%b} {reviewed.day}, {reviewed.year}")
        assert rows[journey_id][8].find("time")["datetime"] == str(reviewed)
        assert "Review overdue" not in cells[8]


def test_catalog_counts_each_playbooks_kpis_by_status(built_site: Path) -> None:
    rows = catalog_rows(built_site)
    words = labels()
    heading = article(built_site, "journeys/index.html").find("thead").find_all("th")[7]
    assert text(heading) == words["site_col_kpi_health"]
    health = expected_kpi_health()
    assert sum(health.values(), Counter()).keys() >= {"off-track", "at-risk", "on-track"}, "the example shows several statuses"
    for journey_id, counts in health.items():
        cell = rows[journey_id][7]
        assert health_cell(cell) == counts
        # Readable as it stands, without script: each status in words, then its count, attention first.
        assert text(cell) == " ".join(f"{words['kpi_status_' + s]} {counts[s]}" for s in STATUSES if counts[s])
        assert cell["data-sort"] == " ".join(str(counts[s]) for s in STATUSES)


def test_catalog_counts_kpis_without_data_and_playbooks_without_kpis(project: Path) -> None:
    data = project / "data" / "kpis" / "mortgage-application.csv"
    data.write_text("".join(r for r in data.read_text(encoding="utf-8").splitlines(keepends=True) if ",time-to-offer," not in r), encoding="utf-8")
    (project / "content" / "journeys" / "close-account.md").write_text(NO_KPIS, encoding="utf-8")
    site = lenient_build(project, "2026-11-22")  # a KPI without data is a warning
    rows = catalog_rows(site)
    health = expected_kpi_health(project)
    assert health["mortgage-application"]["no-data"] == 1
    assert health_cell(rows["mortgage-application"][7]) == health["mortgage-application"]
    assert text(rows["close-account"][7]) == labels()["catalog_no_kpis"]
    assert rows["close-account"][7]["data-sort"] == "0 0 0 0"


def test_catalog_marks_overdue_reviews(project: Path) -> None:
    site = lenient_build(project, LATE)
    rows = catalog_rows(site)
    assert all("Review overdue" in text(cells[8]) for cells in rows.values())


def test_team_pages_list_what_each_team_owns_linked_to_the_stage(built_site: Path) -> None:
    index = article(built_site, "teams/index.html")
    owners = teams()
    assert {a["href"] for a in index.select("tbody a")} == {f"../teams/{team_id}/" for team_id in owners} | {
        f"mailto:{team['contact']}" for team in owners.values()
    }
    mortgage = playbooks()["mortgage-application"]
    page = article(built_site, "teams/retail-lending/index.html")
    body = text(page)
    assert owners["retail-lending"]["lead"] in body and owners["retail-lending"]["contact"] in body
    hrefs = [a["href"] for a in page.find_all("a")]
    assert "../../journeys/mortgage-application/" in hrefs
    owned = [s for s in mortgage["stages"] if s.get("owner", mortgage["owner"]) == "retail-lending"]
    assert owned, "the example's lending team owns stages"
    for stage in owned:
        assert f"../../journeys/mortgage-application/#stage-{stage['id']}" in hrefs
    for kpi in mortgage.get("kpis", []):
        if kpi.get("owner", mortgage["owner"]) == "retail-lending":
            assert kpi["name"] in body
    for check in mortgage.get("verification", []):
        if check.get("owner") == "retail-lending":
            method = next(m for m in yaml.safe_load((REPO / "site_config" / "verification-methods.yml").read_text()) if m["id"] == check["method"])
            assert method["name"] in text(page.find(id="verification-activities").find_next("table"))


def test_verification_page_shows_methods_coverage_and_blind_spots(project: Path) -> None:
    path = project / "content" / "journeys" / "mortgage-application.md"
    source = path.read_text(encoding="utf-8")
    assert "moment_of_truth" not in source.split("  - id: pre-approval\n", 1)[1].split("  - id:", 1)[0]
    # Make 'pre-approval' a moment of truth that no entry verifies: a blind spot (a warning).
    source = source.replace("  - id: pre-approval\n", "  - id: pre-approval\n    moment_of_truth: true\n", 1)
    path.write_text(source.replace("  - method: lifecycle_survey\n", "  - method: lifecycle_survey\n    stages: [apply]\n", 1), encoding="utf-8")
    mortgage = playbooks(project)["mortgage-application"]
    assert all("pre-approval" not in check["stages"] for check in mortgage["verification"])
    site = lenient_build(project, LATE)
    page = article(site, "verification/index.html")
    methods = yaml.safe_load((project / "site_config" / "verification-methods.yml").read_text(encoding="utf-8"))
    headings = [heading_text(h) for h in page.find_all("h3")]
    for method in methods:
        assert method["name"] in headings
        assert method["description"] in text(page)
    matrix = page.find(id="coverage-by-journey").find_next("table")
    assert len(matrix.find("thead").find_all("th")) == 1 + len(methods)
    assert len(matrix.find("tbody").find_all("tr")) == len(playbooks(project))
    mortgage_row = next(r for r in matrix.find("tbody").find_all("tr") if "mortgage-application" in r.find("a")["href"])
    used = {c["method"] for c in mortgage["verification"]}
    covered = [m["id"] for m, cell in zip(methods, mortgage_row.find_all("td")) if "jb-covered" in (cell.get("class") or [])]
    assert set(covered) == used
    section = page.find(id="mortgage-application")
    per_playbook = section.find_next("table")
    blind = per_playbook.find("tr", class_="jb-blind-spot")
    assert blind is not None and "Get a decision in principle" in text(blind) and "Blind spot" in text(blind)
    assert len(per_playbook.find_all("tr", class_="jb-blind-spot")) == 1
    assert "Get a decision in principle" in text(section.find_next("p", class_="jb-alert"))
    overdue = page.find(id="overdue-and-never-run-activities").find_next("table")
    assert len(overdue.find("tbody").find_all("tr")) >= len(mortgage["verification"]) - sum(c.get("cadence") == "continuous" for c in mortgage["verification"])


def test_example_is_current_so_the_review_queue_is_empty(built_site: Path) -> None:
    assert "No playbook is past its review date." in text(article(built_site, "review/index.html"))
    assert "Every verification activity is up to date." in text(article(built_site, "verification/index.html"))


def test_review_queue_groups_by_owner_oldest_first(project: Path) -> None:
    site = lenient_build(project, LATE)
    page = article(site, "review/index.html")
    owners = teams(project)
    expected = playbooks(project)
    groups = page.find_all("h2")
    oldest_first = sorted(expected.values(), key=lambda pb: pb["last_reviewed"] + timedelta(days=pb.get("review_every", 180)))
    assert [heading_text(g) for g in groups] == list(dict.fromkeys(owners[pb["owner"]]["name"] for pb in oldest_first))
    first = groups[0].find_next("table")
    assert first.find("a")["href"] == f"../journeys/{oldest_first[0]['id']}/"


def test_personas_index_and_persona_pages_list_their_journeys(built_site: Path) -> None:
    expected = playbooks()
    index = article(built_site, "personas/index.html")
    for persona_file in (REPO / "content" / "personas").glob("*.md"):
        persona = front_matter(persona_file)
        assert persona["title"] in [heading_text(h) for h in index.find_all("h2")]
        page = article(built_site, f"personas/{persona_file.stem}/index.html")
        heading = page.find(id="journeys-written-for-this-persona")
        assert heading is not None, persona_file.name
        written = {a["href"] for a in heading.find_next("ul").find_all("a") if "/journeys/" in a["href"]}
        assert written == {f"../../journeys/{j}/" for j, pb in expected.items() if pb["persona"] == persona_file.stem}


def test_start_here_lists_broadest_active_journeys_and_the_glossary(built_site: Path) -> None:
    page = article(built_site, "start-here/index.html")
    active = [pb for pb in playbooks().values() if pb.get("lifecycle") == "active"]
    phases = lambda pb: len({s["phase"] for s in pb["stages"]})  # noqa: E731
    best = sorted(active, key=lambda pb: (-phases(pb), -len(pb["stages"]), pb["title"].casefold()))[:5]
    featured = [a["href"] for a in page.find("ol", class_="jb-featured").find_all("a") if "journeys/" in a["href"]]
    assert featured == [f"../journeys/{pb['id']}/" for pb in best]
    glossary = text(page.find("dl", class_="jb-glossary"))
    for term in ("Moment of truth", "Owned touchpoint", "Paid touchpoint", "Earned touchpoint", "CLTV", "CAC", "NPS", "CSAT", "CES", "Leading KPI"):
        assert term in glossary
    for phase in yaml.safe_load((REPO / "site_config" / "phases.yml").read_text(encoding="utf-8")):
        assert phase["name"] in glossary


def test_start_here_follows_the_featured_journeys_setting(project: Path) -> None:
    settings = project / "site_config" / "settings.yml"
    settings.write_text(re.sub(r"^featured_journeys: .*$", "featured_journeys: [renovacion-contrato-movil, mortgage-application]", settings.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    assert mkdocs_build(project).code == 0
    page = article(project / "site", "start-here/index.html")
    featured = [a["href"] for a in page.find("ol", class_="jb-featured").find_all("a") if "journeys/" in a["href"]]
    assert featured == ["../journeys/renovacion-contrato-movil/", "../journeys/mortgage-application/"]


def test_journeys_json_exports_every_playbook_resolved_with_its_schema(built_site: Path) -> None:
    data = json.loads((built_site / "journeys.json").read_text(encoding="utf-8"))
    model, title = SCHEMAS["playbook.schema.json"]
    assert data["playbook_schema"] == build_schema(model, title)
    expected = playbooks()
    assert sorted(j["id"] for j in data["journeys"]) == sorted(expected)
    owners = teams()
    for record in data["journeys"]:
        pb = expected[record["id"]]
        assert (built_site / record["url"] / "index.html").is_file()
        assert record["owner"] == {"id": pb["owner"], "name": owners[pb["owner"]]["name"]}
        assert [s["id"] for s in record["stages"]] == [s["id"] for s in pb["stages"]]
        assert all(s["owner"]["id"] == s_in.get("owner", pb["owner"]) for s, s_in in zip(record["stages"], pb["stages"]))
        assert [k["id"] for k in record["kpis"]] == [k["id"] for k in pb.get("kpis", [])]


def test_tags_page_lists_the_playbooks_tags(built_site: Path) -> None:
    page = text(article(built_site, "tags/index.html"))
    for pb in playbooks().values():
        for tag in pb.get("tags", []):
            assert tag in page


def test_labels_follow_the_site_language(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "es")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: es", 1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    site = project / "site"
    assert text(article(site, "journeys/index.html").find("h1")).startswith("Recorridos")
    spanish, catalog = labels("es"), article(site, "journeys/index.html")
    assert text(catalog.find("thead").find_all("th")[7]) == spanish["site_col_kpi_health"]
    assert spanish["kpi_status_on-track"] in text(catalog.find("tbody"))
    assert text(article(site, "start-here/index.html").find("h1")).startswith("Empiece aquí")
    assert "Métodos" in text(article(site, "verification/index.html"))
    assert "Recorridos escritos para esta persona" in text(article(site, "personas/new-parent/index.html"))
    for page in ("journeys", "teams", "verification", "review", "personas", "start-here", "tags", "teams/retail-lending"):
        body = text(article(site, f"{page}/index.html"))
        assert not re.search(r"\[[a-z]+_[a-z_]+\]", body), f"{page}: a label is missing in es.yml"


def test_nav_lists_every_generated_hub_under_its_heading(built_site: Path) -> None:
    nav = soup(built_site, "index.html").find("nav", class_="md-nav--primary")
    links = {a["href"]: text(a) for a in nav.find_all("a")}
    words = labels()
    hubs = {
        "start-here/": "start_title", "journeys/": "catalog_title", "kpis/": "kpi_health_title", "personas/": "personas_title",
        "teams/": "teams_title", "verification/": "verification_title", "review/": "review_title", "tags/": "tags_title",
    }
    assert {href: links.get(href) for href in hubs} == {href: words[key] for href, key in hubs.items()}


def test_nav_does_not_grow_with_the_number_of_playbooks(built_site: Path, project: Path) -> None:
    def nav(site: Path) -> str:
        return str(soup(site, "journeys/mortgage-application/index.html").find("nav", class_="md-nav--primary"))

    source = (project / "content" / "journeys" / "add-newborn-to-plan.md").read_text(encoding="utf-8")
    for number in range(30):
        copy = source.replace("id: add-newborn-to-plan", f"id: extra-{number}", 1)
        (project / "content" / "journeys" / f"extra-{number}.md").write_text(copy, encoding="utf-8")
    site = lenient_build(project, "2026-11-22")
    assert len(catalog_rows(site)) == len(playbooks()) + 30
    assert nav(site) == nav(built_site)


def test_start_here_reads_a_playbook_in_the_order_its_page_shows(built_site: Path) -> None:
    """The steps of "How to read a playbook" follow the sections of a default-layout page."""
    shows = {"persona": ["persona"], "overview": ["stage-flow", "emotional-curve"], "map": ["journey-map", "journey-diagram"], "stages": ["stages"], "kpis": ["kpis"], "verification": ["verification"]}
    page = article(built_site, "journeys/mortgage-application/index.html")
    sections = [h["id"] for h in page.find_all("h2")]
    generated = [section for ids in shows.values() for section in ids]
    prose = [s for s in sections if s not in generated]
    expected: list[str] = []
    steps = [li.strong.get_text() for li in article(built_site, "start-here/index.html").find("ol", class_="jb-steps").find_all("li")]
    terms = labels()
    for step in steps:
        key = next(k.removeprefix("start_read_").removesuffix("_term") for k, v in terms.items() if v == step and k.startswith("start_read_"))
        expected += prose if key == "prose" else shows.get(key, [])
    assert sections == expected


def test_the_field_reference_lists_every_initiative_field_with_its_allowed_values(built_site: Path) -> None:
    body = article(built_site, "fields/index.html")

    def fields(anchor: str) -> dict[str, list[str]]:
        heading = body.find(id=anchor)
        assert heading is not None, f"the field reference has no #{anchor} section"
        rows = heading.find_next("table").select("tbody tr")
        return {text(row.find("th")): [text(cell) for cell in row.find_all("td")] for row in rows}

    initiative, reach, aim = fields("initiative"), fields("reach"), fields("aim")
    # the format page's own example names these fields, top level and per journey / per KPI
    assert set(initiative) == {"title", "id", "owner", "status", "hypothesis", "journeys", "kpis", "started", "ended", "result"}
    assert set(reach) == {"journey", "stages"} and set(aim) == {"journey", "kpi", "expect"}
    assert initiative["status"][:2] == ["yes", "idea , planned , running , done , dropped"]
    assert aim["expect"][1:3] == ["improve , worsen , hold", "improve"]
    assert initiative["journeys"][:2] == ["yes", "a list of Initiative: a journey it acts on"]
    link = body.find(id="initiative").find_next("table").find("a", href="#reach")
    assert link is not None


def test_a_level_one_heading_in_a_body_never_takes_the_title_s_place(project: Path) -> None:
    """CX owners write '# Overview' as in a Word document; the title stays the page's only h1."""
    written = {
        "content/journeys/mortgage-application.md": "# Overview\n\nWhy this journey matters.\n\n```text\n# a comment in code\n```\n\nLater\n=====\n",
        "content/initiatives/visit-window-sms.md": "# Background\n\nWhy we tried it.\n",
        "content/personas/first-time-buyer.md": "# About\n\nWho they are.\n",
    }
    for path, body in written.items():
        source = project / path
        front, _ = source.read_text(encoding="utf-8").rsplit("\n---\n", 1)
        source.write_text(f"{front}\n---\n{body}", encoding="utf-8")
    built = mkdocs_build(project)
    assert built.code == 0, built.output
    titles = {
        "journeys/mortgage-application/index.html": ("Mortgage application", ["Overview", "Later"]),
        "initiatives/visit-window-sms/index.html": ("Visit window by SMS", ["Background"]),
        "personas/first-time-buyer/index.html": (None, ["About"]),
    }
    for path, (title, demoted) in titles.items():
        body = article(project / "site", path)
        h1s = [heading_text(h) for h in body.find_all("h1")]
        assert len(h1s) == 1 and (title is None or h1s == [title]), (path, h1s)
        h2s = [heading_text(h) for h in body.find_all("h2")]
        assert all(name in h2s for name in demoted), (path, h2s)
    code = article(project / "site", "journeys/mortgage-application/index.html").find("code", string=lambda s: s and "# a comment in code" in s)
    assert code is not None
