"""Hostile text in every field an author controls executes nothing in the built site.

Script, HTML and Markdown payloads go into every front-matter string of a playbook, a persona,
a team, a measurement segment and every taxonomy (phases, channels, verification methods,
data sources), raw HTML and entity-encoded URLs into the Markdown body; the site is built with
--strict, then (a) each payload is shown as text, word for word, on every page it reaches (an
attribute list that took effect, or a link that was made, would be missing from the text), (b)
the HTML and JSON are scanned for anything executable, and (c) every page is opened in real
Chromium with focus, pointer and mouse events dispatched on every element, while dialogs,
``alert``/``confirm``/``prompt`` and ``window.__pwned`` are watched.
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from browser_support import browser, serve, watch
from conftest import copy_project, run
from markupsafe import escape

# HTML that would run script if printed raw, then Markdown that would make a live link or
# attributes if a template put the text into Markdown unescaped. The attribute list comes last:
# attr_list reads it only at the end of a heading or paragraph.
MARKDOWN = (
    "[x](javascript:alert(22)) [y](jav&#x61;script:alert(23)) ![i](x) **b** _e_ `c` #h "
    '{: autofocus onfocus="window.__pwned=1;alert(21)" }'
)
PAYLOAD = f'<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)> javascript:alert(4) {MARKDOWN}'
SHORT = '"><svg onload=alert(5)>'  # for fields with a length limit (units)
TAG = f"tag {PAYLOAD}"
AMPERSAND_TAG = "R&D"
"""A tag holding a character HTML escapes: one value everywhere (anchor, tags.json, journeys.json)."""

PLAYBOOK = {
    "title": f"Hostile {PAYLOAD}",
    "description": f"Description {PAYLOAD}",
    "persona": "hostile-persona",
    "owner": "hostile-team",
    "lifecycle": "active",
    "tags": [TAG, AMPERSAND_TAG],
    "last_reviewed": "2025-01-01",  # overdue, so it is in the review queue under its team
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
        {"id": "second", "name": "javascript:alert(6)", "phase": "after", "emotion": 4, "feeling": "javascript:alert(7)"},
    ],
    "kpis": [{
        "id": "hostile-kpi", "name": f"KPI {PAYLOAD}", "definition": f"Definition {PAYLOAD}", "stage": "first",
        "category": "leading", "unit": SHORT, "direction": "down", "target": 10,
    }],
    "verification": [{
        "method": "mystery_shopping", "cadence": "quarterly", "owner": "hostile-team", "last_run": "2026-11-01", "sample": f"Sample {PAYLOAD}",
    }],
}
BODY = """
Prose with raw HTML: <img src=x onerror=alert(8)> and <a href="javascript:alert(9)">a link</a>.

<script>alert(10)</script>

<div onclick="alert(11)" onmouseover="alert(12)">A div</div>

[A Markdown link](javascript:alert(13)) and text { onclick=alert(14) }

## Heading { onclick="alert(15)" }

Entity-encoded schemes: [a](jav&#x61;script:alert(30)) [b](javascript&colon;alert(31))
[c](&#106;avascript:alert(32)) [d](java&#x09;script:alert(33)) [e](&#x20;javascript:alert(34))
[f](JaVa&#x0A;ScRiPt:alert(35)) ![g](jav&#x61;script:alert(36)) [h][ref] <javascript:alert(37)>
<a href="jav&#x61;script:alert(38)">i</a> <img src="&#106;avascript:alert(39)">
[j](#){: href="jav&#x61;script:alert(40)" } [k](vbscript:alert(41)) [l](data:text/html,<script>alert(42)</script>)

[ref]: javascript&colon;alert(43)
"""
PERSONA = {
    "title": f"Persona {PAYLOAD}", "description": f"Persona description {PAYLOAD}", "segment": f"Segment {PAYLOAD}",
    "goals": [f"Goal {PAYLOAD}"], "needs": [f"Need {PAYLOAD}"], "motivations": [f"Motivation {PAYLOAD}"],
    "pains": [f"Pain {PAYLOAD}"], "quote": f"Quote {PAYLOAD}",
}
INITIATIVE = {
    "title": f"Initiative {PAYLOAD}", "owner": "hostile-team", "status": "running", "hypothesis": f"Hypothesis {PAYLOAD}",
    "journeys": [{"journey": "hostile", "stages": ["first"]}], "kpis": [{"journey": "hostile", "kpi": "hostile-kpi"}],
    "started": "2026-08-15", "result": f"Result {PAYLOAD}",
}
TEAM = {"id": "hostile-team", "name": f"Team {PAYLOAD}", "lead": f"Lead {PAYLOAD}", "contact": f"javascript:alert(16) {PAYLOAD}"}
TAXONOMIES = {"phases.yml": "before", "channels.yml": "web", "verification-methods.yml": "mystery_shopping", "data-sources.yml": "files"}
"""Taxonomy file -> the entry whose name and description get the payload."""
CSV = "journey,kpi,date,value,segment\n" + "".join(
    f'hostile,hostile-kpi,2026-{month:02d}-01,{12 - month / 10},\nhostile,hostile-kpi,2026-{month:02d}-01,9,"{PAYLOAD.replace(chr(34), chr(34) * 2)}"\n'
    for month in range(6, 12)
)

ALERT = re.compile(r"alert\(\d+\)")
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data"}

# Every page each author field reaches, as the words a reader sees there.
TITLE, TEAM_NAME, PERSONA_NAME = PLAYBOOK["title"], TEAM["name"], PERSONA["title"]
STAGE, KPI, METHOD, PHASE, CHANNEL = f"Stage {PAYLOAD}", f"KPI {PAYLOAD}", f"Mystery shopping {PAYLOAD}", f"Before {PAYLOAD}", f"Website {PAYLOAD}"
REACHES = {
    "journeys/index.html": [TITLE, PLAYBOOK["description"], PERSONA_NAME, TEAM_NAME, PHASE],
    "kpis/index.html": [KPI, TITLE, STAGE, TEAM_NAME],
    "personas/index.html": [PERSONA_NAME, PERSONA["segment"], PERSONA["quote"], TITLE],
    "review/index.html": [TEAM_NAME, TEAM["lead"], TEAM["contact"], TITLE],
    "start-here/index.html": [TITLE, PLAYBOOK["description"], PHASE, PERSONA_NAME, TEAM_NAME, f"Before description {PAYLOAD}"],
    "tags/index.html": [TAG, AMPERSAND_TAG, TITLE],
    "teams/index.html": [TEAM_NAME, TEAM["lead"], TEAM["contact"]],
    "teams/hostile-team/index.html": [TEAM_NAME, TEAM["lead"], TEAM["contact"], TITLE, STAGE, KPI, METHOD, PHASE, CHANNEL],
    "verification/index.html": [METHOD, f"Mystery shopping description {PAYLOAD}", TITLE, STAGE, TEAM_NAME],
    "personas/hostile-persona/index.html": [PERSONA_NAME, TITLE, TEAM_NAME],
    "initiatives/index.html": [INITIATIVE["title"], TEAM_NAME, TITLE],
    "initiatives/hostile-initiative/index.html": [INITIATIVE["title"], INITIATIVE["hypothesis"], INITIATIVE["result"], TITLE, STAGE, KPI, TEAM_NAME],
    "journeys/hostile/index.html": [
        TITLE, STAGE, f"Stage goal {PAYLOAD}", f"Action {PAYLOAD}", f"Feeling {PAYLOAD}",
        f"Touchpoint {PAYLOAD}", f"Expectation {PAYLOAD}", f"Pain {PAYLOAD}", f"Opportunity {PAYLOAD}", f"System {PAYLOAD}",
        KPI, f"Definition {PAYLOAD}", f"Sample {PAYLOAD}", TEAM_NAME, PERSONA_NAME, PHASE, CHANNEL, TAG,
    ],
}


def front_matter(data: dict[str, object]) -> str:
    return f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n"


def _poison_taxonomies(project: Path) -> None:
    for name, entry_id in TAXONOMIES.items():
        path = project / "site_config" / name
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in entries:
            if entry["id"] == entry_id:
                entry["description"] = f"{entry['name']} description {PAYLOAD}"
                entry["name"] = f"{entry['name']} {PAYLOAD}"
        path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    (project / "content/journeys/hostile.md").write_text(front_matter(PLAYBOOK) + BODY, encoding="utf-8")
    (project / "content/personas/hostile-persona.md").write_text(front_matter(PERSONA) + "Persona prose.\n", encoding="utf-8")
    (project / "content/initiatives/hostile-initiative.md").write_text(front_matter(INITIATIVE) + BODY, encoding="utf-8")
    owners = project / "data/owners.yml"
    teams = yaml.safe_load(owners.read_text(encoding="utf-8"))
    teams["teams"].append(TEAM)
    owners.write_text(yaml.safe_dump(teams, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "data/kpis/hostile.csv").write_text(CSV, encoding="utf-8")
    _poison_taxonomies(project)
    settings = project / "site_config/settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("featured_journeys: []", "featured_journeys: [hostile]"), encoding="utf-8")
    # Strict: the overdue review is a warning, the only one, and a warning never stops a site.
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", "mkdocs.yml"], cwd=project)
    assert result.code == 0, result.output
    assert [line for line in result.output.splitlines() if line.startswith("WARNING")] == []
    shown = [line for line in result.output.splitlines() if "journeybook: warning" in line]
    assert shown == [
        "INFO    -  journeybook: warning (shown on the site's pages; 'journeybook check --strict' fails on it): "
        "content/journeys/hostile.md:16:16: last_reviewed: review overdue: last reviewed 2025-01-01, "
        "due 2025-06-30 (every 180 days); review the playbook and update last_reviewed"
    ]
    return project / "site"


class _Page(HTMLParser):
    """A page's text nodes, and every script, handler, autofocus or unsafe URL in it.

    Attribute values arrive decoded (``convert_charrefs``), as the browser reads them.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.texts: list[str] = []
        self.headings: list[str] = []
        self.heading: list[str] | None = None
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or name == "autofocus":
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name in URL_ATTRIBUTES and value and not allowed_url(value):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed") or (tag == "svg" and any(n.startswith("on") for n, _ in attrs)):
            self.found.append(f"<{tag}>")
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = []
        self.in_script = tag == "script"
        if self.in_script:
            src = dict(attrs).get("src") or ""
            if src and (src.startswith(("http:", "https:", "//")) or "alert" in src):
                self.found.append(f"<script src={src!r}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False
        if re.fullmatch(r"h[1-6]", tag) and self.heading is not None:
            self.headings.append(" ".join("".join(self.heading).split()).removesuffix("¶").strip())
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.in_script and (ALERT.search(data) or "__pwned" in data):
            self.found.append(f"<script>{data[:80]}")
        self.texts.append(" ".join(data.split()))
        if self.heading is not None:
            self.heading.append(data)


def allowed_url(value: str) -> bool:
    """A URL as a browser reads it (blanks and controls dropped): relative, or an allowed scheme."""
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", re.sub(r"[\x00-\x20\x7f]+", "", value).lower())
    return scheme is None or scheme.group(1) in ALLOWED_SCHEMES


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.mark.parametrize("page", sorted(REACHES))
def test_each_payload_is_shown_word_for_word_on_each_page_it_reaches(hostile_site: Path, page: str) -> None:
    texts = parse(hostile_site / page).texts
    missing = [expected for expected in REACHES[page] if not any(expected in text for text in texts)]
    assert missing == []


def test_every_generated_page_is_covered(hostile_site: Path) -> None:
    from journeybook.pages.registry import PRODUCERS

    generated = {f"{p.__module__}.{p.__name__}" for p in PRODUCERS}
    pages = {"journeys/index.html", "kpis/index.html", "personas/index.html", "review/index.html", "start-here/index.html",
             "tags/index.html", "teams/index.html", "teams/hostile-team/index.html", "verification/index.html",
             "initiatives/index.html", "initiatives/hostile-initiative/index.html"}
    assert pages <= set(REACHES)
    # A new producer of pages must be added to REACHES (and to this list) with the fields it shows.
    assert generated == {
        "journeybook.pages.catalog.catalog_page", "journeybook.pages.exports.journeys_json", "journeybook.pages.personas.persona_index",
        "journeybook.pages.review.review_page", "journeybook.pages.start_here.start_here_page", "journeybook.pages.tags.tags_page",
        "journeybook.pages.teams.team_pages", "journeybook.pages.verification.verification_page",
        "journeybook.pages.kpi_pages.kpi_health_page", "journeybook.pages.kpi_pages.kpis_json", "journeybook.pages.kpi_pages.kpis_csv",
        "journeybook.pages.initiatives.initiatives_hub", "journeybook.pages.initiatives.initiatives_json",
        "journeybook.pages.fields.fields_page",
    }


HEADINGS = {
    "verification/index.html": [METHOD, TITLE],
    "personas/index.html": [PERSONA_NAME],
    "review/index.html": [TEAM_NAME],
    "teams/hostile-team/index.html": [TEAM_NAME],
    "journeys/hostile/index.html": [STAGE],
}
"""Headings that templates write in Markdown with an author's value: the whole value, as text."""


@pytest.mark.parametrize("page", sorted(HEADINGS))
def test_headings_made_from_author_values_show_them_whole(hostile_site: Path, page: str) -> None:
    headings = parse(hostile_site / page).headings
    assert [expected for expected in HEADINGS[page] if expected not in headings] == []


def test_escaped_headings_keep_their_anchors(hostile_site: Path) -> None:
    verification = (hostile_site / "verification/index.html").read_text(encoding="utf-8")
    assert '<h3 id="method-mystery-shopping">' in verification
    journey = (hostile_site / "journeys/hostile/index.html").read_text(encoding="utf-8")
    assert '<h3 id="stage-first">' in journey


def test_no_page_holds_a_script_handler_autofocus_or_unsafe_url_of_the_author(hostile_site: Path) -> None:
    found = {str(p.relative_to(hostile_site)): hits for p in sorted(hostile_site.rglob("*.html")) if (hits := parse(p).found)}
    assert found == {}


def test_entity_encoded_links_in_the_body_are_emptied(hostile_site: Path) -> None:
    page = (hostile_site / "journeys/hostile/index.html").read_text(encoding="utf-8")
    links = {text: href for href, text in re.findall(r'<a(?: href="([^"]*)")?>([a-l])</a>', page)}
    # Markdown links (inline, reference, attribute list) keep an emptied href; nh3 drops raw HTML's.
    assert links == {**dict.fromkeys("abcdefhjkl", ""), "i": ""}
    assert "<a>i</a>" in page
    assert re.search(r'<img alt="g" src=""\s*/?>', page)


def test_a_tag_is_one_value_everywhere(hostile_site: Path) -> None:
    tags_page = (hostile_site / "tags/index.html").read_text(encoding="utf-8")
    assert 'id="tag:rd"' in tags_page and "rampd" not in tags_page
    playbook = (hostile_site / "journeys/hostile/index.html").read_text(encoding="utf-8")
    assert 'href="../../tags/#tag:rd" class="md-tag">R&amp;D</a>' in playbook
    exported = json.loads((hostile_site / "tags.json").read_text(encoding="utf-8"))
    hostile_tags = next(m["tags"] for m in exported["mappings"] if m["item"]["url"] == "journeys/hostile/")
    assert sorted(hostile_tags) == sorted([AMPERSAND_TAG, TAG])
    journeys = json.loads((hostile_site / "journeys.json").read_text(encoding="utf-8"))
    assert next(j["tags"] for j in journeys["journeys"] if j["id"] == "hostile") == [TAG, AMPERSAND_TAG]
    index = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))
    # Material's search UI inserts tags as HTML: there they are escaped, and read the same.
    assert [d["tags"] for d in index["docs"] if d["location"] == "journeys/hostile/"][0] == [str(escape(TAG)), "R&amp;D"]


@pytest.mark.parametrize("name", ["search/search_index.json", "journeys.json", "kpis.json", "tags.json"])
def test_data_files_hold_the_payload_as_text(hostile_site: Path, name: str) -> None:
    path = hostile_site / name
    assert path.is_file(), f"{name} is not produced by this build"
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


# Before any page script: alert, confirm and prompt record their call instead of opening a dialog
# (the dialog listener is the second line), and window.__pwned is watched.
HOOKS = """
window.__calls = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__calls.push(name + ":" + args.join(",")); };
}
"""
# Every element gets the events a reader's focus, pointer and mouse would give it, and every
# focusable one real focus; a click on links is left out (it would navigate), their URLs are
# checked as the browser resolved them instead.
PROVOKE = """
() => {
  const events = ["focus", "focusin", "blur", "mouseover", "mouseenter", "mousemove", "mousedown", "mouseup",
                  "pointerover", "pointerenter", "pointerdown", "pointerup", "touchstart", "keydown", "animationstart",
                  "transitionend", "toggle", "load", "error"];
  const all = [...document.querySelectorAll("*")];
  for (const element of all) {
    for (const type of events) {
      element.dispatchEvent(new Event(type, { bubbles: false }));
    }
    if (typeof element.focus === "function") element.focus();
  }
  const unsafe = [];
  for (const element of document.querySelectorAll("[href], [src], [action], [formaction]")) {
    for (const name of ["href", "src", "action", "formaction"]) {
      const value = element.getAttribute(name);
      if (value === null || value === "") continue;
      let protocol = "unparsable:";
      try { protocol = new URL(value, location.href).protocol; } catch (error) {}
      if (!["http:", "https:", "mailto:", "tel:"].includes(protocol)) unsafe.push(element.tagName + " " + name + "=" + value);
    }
  }
  return { elements: all.length, unsafe, calls: window.__calls, pwned: window.__pwned === undefined ? null : String(window.__pwned) };
}
"""


@pytest.mark.browser
def test_nothing_runs_in_chromium_on_any_page(hostile_site: Path) -> None:
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    generated = {page for page in REACHES if page in pages}
    assert generated == set(REACHES)
    outcomes: dict[str, dict[str, object]] = {}
    with serve(hostile_site) as base, browser() as context:
        context.add_init_script(HOOKS)  # type: ignore[attr-defined]
        page = context.new_page()  # type: ignore[attr-defined]
        log = watch(page, base)
        for path in pages:
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(50)
            outcome = page.evaluate(PROVOKE)
            page.wait_for_timeout(50)
            assert outcome["elements"] > 50, path  # the page really loaded
            if outcome["unsafe"] or outcome["calls"] or outcome["pwned"] is not None:
                outcomes[path] = outcome
        page.goto(base + "journeys/hostile/", wait_until="load")
        for query in ("alert", "Hostile", "script", "Persona", "javascript", "R&D"):
            page.keyboard.press("s")  # Material's search shortcut
            page.fill("input[data-md-component=search-query]", query)
            page.wait_for_timeout(600)
            found = page.evaluate(PROVOKE)  # on the results too
            if found["unsafe"]:
                outcomes[f"search: {query}"] = found
            page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        final = page.evaluate("() => ({ calls: window.__calls, pwned: window.__pwned === undefined ? null : String(window.__pwned) })")
    assert outcomes == {}
    assert final == {"calls": [], "pwned": None}
    assert log.dialogs == []
