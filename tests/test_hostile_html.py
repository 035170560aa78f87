"""Hostile text in every field an author controls executes nothing in the built site.

Script and HTML payloads go into every front-matter string of a playbook, a persona, a team
and a measurement segment, and raw HTML into the Markdown body; the site is built with
--strict, then (a) the HTML and JSON are scanned for anything executable and (b) every page is
opened in real Chromium, with searches typed in, while a dialog listener waits for an alert.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from browser_support import browser, serve, watch
from conftest import copy_project, mkdocs_build

PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)> javascript:alert(4)'
SHORT = '"><svg onload=alert(5)>'  # for fields with a length limit (units)

PLAYBOOK = {
    "title": f"Hostile {PAYLOAD}",
    "description": f"Description {PAYLOAD}",
    "persona": "hostile-persona",
    "owner": "hostile-team",
    "lifecycle": "active",
    "tags": [f"tag {PAYLOAD}"],
    "last_reviewed": "2026-11-01",
    "goals": {"customer": f"Customer goal {PAYLOAD}", "business": f"Business goal {PAYLOAD}"},
    "stages": [
        {
            "id": "first", "name": f"Stage {PAYLOAD}", "phase": "before", "customer_goal": f"Stage goal {PAYLOAD}",
            "actions": [f"Action {PAYLOAD}", {"action": f"Scored action {PAYLOAD}", "emotion": 2}],
            "emotion": 3, "feeling": f"Feeling {PAYLOAD}",
            "touchpoints": [{"name": f"Touchpoint {PAYLOAD}", "channel": "web", "kind": "owned"}],
            "expectations": [f"Expectation {PAYLOAD}"], "pain_points": [f"Pain {PAYLOAD}"],
            "opportunities": [f"Opportunity {PAYLOAD}"], "moment_of_truth": True, "systems": [f"System {PAYLOAD}"],
        },
        {"id": "second", "name": f"javascript:alert(6)", "phase": "after", "emotion": 4, "feeling": "javascript:alert(7)"},
    ],
    "kpis": [{
        "id": "hostile-kpi", "name": f"KPI {PAYLOAD}", "definition": f"Definition {PAYLOAD}", "stage": "first",
        "category": "leading", "unit": SHORT, "direction": "down", "target": 10,
    }],
    "verification": [{"method": "mystery_shopping", "cadence": "quarterly", "last_run": "2026-11-01", "sample": f"Sample {PAYLOAD}"}],
}
BODY = f"""
Prose with raw HTML: <img src=x onerror=alert(8)> and <a href="javascript:alert(9)">a link</a>.

<script>alert(10)</script>

<div onclick="alert(11)" onmouseover="alert(12)">A div</div>

[A Markdown link](javascript:alert(13)) and text {{ onclick=alert(14) }}

## Heading {{ onclick="alert(15)" }}
"""
PERSONA = {
    "title": f"Persona {PAYLOAD}", "description": f"Persona description {PAYLOAD}", "segment": f"Segment {PAYLOAD}",
    "goals": [f"Goal {PAYLOAD}"], "needs": [f"Need {PAYLOAD}"], "motivations": [f"Motivation {PAYLOAD}"],
    "pains": [f"Pain {PAYLOAD}"], "quote": f"Quote {PAYLOAD}",
}
TEAM = {"id": "hostile-team", "name": f"Team {PAYLOAD}", "lead": f"Lead {PAYLOAD}", "contact": f"javascript:alert(16) {PAYLOAD}"}
CSV = "journey,kpi,date,value,segment\n" + "".join(
    f'hostile,hostile-kpi,2026-{month:02d}-01,{12 - month / 10},\nhostile,hostile-kpi,2026-{month:02d}-01,9,"{PAYLOAD.replace(chr(34), chr(34) * 2)}"\n'
    for month in range(6, 12)
)

ALERT = re.compile(r"alert\(\d+\)")


def front_matter(data: dict[str, object]) -> str:
    return f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    (project / "content/journeys/hostile.md").write_text(front_matter(PLAYBOOK) + BODY, encoding="utf-8")
    (project / "content/personas/hostile-persona.md").write_text(front_matter(PERSONA) + "Persona prose.\n", encoding="utf-8")
    owners = project / "data/owners.yml"
    owners.write_text(owners.read_text(encoding="utf-8") + yaml.safe_dump([TEAM], allow_unicode=True).replace("- ", "  - ", 1).replace("\n  ", "\n    "), encoding="utf-8")
    (project / "data/kpis/hostile.csv").write_text(CSV, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    return project / "site"


class _Executable(HTMLParser):
    """Collects every script, event-handler attribute and javascript: URL of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if value and re.sub(r"[\x00-\x20]+", "", value).lower().startswith(("javascript:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed") or (tag == "svg" and any(n.startswith("on") for n, _ in attrs)):
            self.found.append(f"<{tag}>")
        self.in_script = tag == "script"
        if self.in_script:
            src = dict(attrs).get("src") or ""
            if src and (src.startswith(("http:", "https:", "//")) or "alert" in src):
                self.found.append(f"<script src={src!r}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and ALERT.search(data):
            self.found.append(f"<script>{data[:80]}")


def executable(html: str) -> list[str]:
    parser = _Executable()
    parser.feed(html)
    return parser.found


def test_the_payloads_reach_the_pages_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "journeys/hostile/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert (hostile_site / "personas/hostile-persona/index.html").is_file()


def test_no_page_holds_a_script_handler_or_javascript_url_of_the_author(hostile_site: Path) -> None:
    found = {str(p.relative_to(hostile_site)): hits for p in sorted(hostile_site.rglob("*.html")) if (hits := executable(p.read_text(encoding="utf-8")))}
    assert found == {}


@pytest.mark.parametrize("name", ["search/search_index.json", "journeys.json", "kpis.json"])
def test_data_files_hold_no_markup(hostile_site: Path, name: str) -> None:
    path = hostile_site / name
    if not path.is_file():
        pytest.skip(f"{name} is not produced by this build")
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(path.read_text(encoding="utf-8")))
    assert any("alert(1)" in s for s in strings), "the payload should be in the data, as text"
    if name.startswith("search/"):
        # Material inserts titles and text of the search index as HTML: they must arrive escaped.
        assert [s for s in strings if re.search(r"<(script|img|svg)\b", s, re.I)] == []


@pytest.mark.browser
def test_no_dialog_opens_in_chromium(hostile_site: Path) -> None:
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    with serve(hostile_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        log = watch(page, base)
        for path in pages:
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(50)
        page.goto(base + "journeys/hostile/", wait_until="load")
        for query in ("alert", "Hostile", "script", "Persona"):
            page.keyboard.press("s")  # Material's search shortcut
            page.fill("input[data-md-component=search-query]", query)
            page.wait_for_timeout(600)
            page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        assert log.dialogs == []
