"""Real `mkdocs build` runs of the example site: what readers get, and what stops a build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, mkdocs_build
from diagram_support import example_journeys, labels
from journeybook.views.diagram import diagram_model

MORTGAGE = Path("content/journeys/mortgage-application.md")


def test_playbook_page_has_the_header(built_site: Path) -> None:
    html = (built_site / "journeys" / "mortgage-application" / "index.html").read_text(encoding="utf-8")
    header = re.search(r'<div class="jb-header".*?</div>\s*</div>', html, re.S)
    assert header, "playbook header missing"
    text = header.group(0)
    assert 'href="../../teams/' in text  # owner linked to its team page
    assert 'class="jb-badge jb-badge--active"' in text
    assert 'href="../../personas/' in text
    assert "Customer goal" in text and "Business goal" in text
    assert "Review overdue" not in text


def test_mermaid_is_served_by_the_site(built_site: Path) -> None:
    bundle = built_site / "assets" / "javascripts" / "mermaid.min.js"
    assert bundle.is_file() and bundle.stat().st_size > 1_000_000


def test_strict_build_fails_on_a_broken_playbook_with_the_check_message(project: Path) -> None:
    path = project / MORTGAGE
    path.write_text(path.read_text(encoding="utf-8").replace("kind: owned", "kind: onwed", 1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code != 0
    assert "content/journeys/mortgage-application.md:" in result.output
    assert "'onwed' is not allowed (allowed: owned, paid, earned; did you mean 'owned'?)" in result.output
    assert "Traceback" not in result.output


def test_a_strict_build_publishes_a_warning_instead_of_failing_on_it(project: Path) -> None:
    """Content health is what the site shows: an overdue review is on the page, not a failed build."""
    path = project / MORTGAGE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^last_reviewed: .*$", "last_reviewed: 2020-01-01", text, count=1, flags=re.M), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    assert "WARNING" not in result.output and "review overdue" in result.output  # logged at info
    header = BeautifulSoup((project / "site/journeys/mortgage-application/index.html").read_text(encoding="utf-8"), "html.parser").select_one(".jb-header")
    assert "Review overdue" in header.get_text()
    review = BeautifulSoup((project / "site/review/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Mortgage application" in [a.get_text() for a in review.select("article table a")]


def test_a_strict_build_still_fails_on_mkdocs_own_warnings(project: Path) -> None:
    index = project / "content/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nSee [a page that is gone](journeys/no-such-journey.md).\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 1 and "no-such-journey.md" in result.output and "Aborted with 1 warnings in strict mode" in result.output


def test_playbook_page_shows_its_verification_plan_linked_to_the_methods(built_site: Path) -> None:
    """Every verification entry of the front matter is a row; its method links to its section."""
    source = (REPO / MORTGAGE).read_text(encoding="utf-8").split("---", 2)[1]
    checks = yaml.safe_load(source)["verification"]
    methods = {m["id"]: m["name"] for m in yaml.safe_load((REPO / "site_config/verification-methods.yml").read_text(encoding="utf-8"))}
    page = BeautifulSoup((built_site / "journeys/mortgage-application/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = page.select("table.jb-verification-plan tbody tr")
    assert [row.th.a.get_text() for row in rows] == [methods[c["method"]] for c in checks]
    hub = BeautifulSoup((built_site / "verification/index.html").read_text(encoding="utf-8"), "html.parser")
    for row, check in zip(rows, checks):
        href = row.th.a["href"]
        assert href.startswith("../../verification/#"), href
        assert hub.find(id=href.split("#")[1]).get_text(strip=True).startswith(methods[check["method"]])
        stage_links = [a["href"] for a in row.select("td a[href^='#stage-']")]
        assert all(page.find(id=link[1:]) for link in stage_links)


def test_search_index_holds_the_grid_and_stage_sections_but_not_the_diagram_source(built_site: Path) -> None:
    """The grid is indexed once (the stage sections below it no longer repeat it); Mermaid's
    source is not prose, and neither are the grid's printed copies."""
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    page = [d for d in docs if d["location"].startswith("journeys/mortgage-application/")]
    text = " ".join(d["text"] for d in page)
    stages = yaml.safe_load((REPO / MORTGAGE).read_text(encoding="utf-8").split("---", 2)[1])["stages"]
    assert {f"journeys/mortgage-application/#stage-{s['id']}" for s in stages} <= {d["location"] for d in page}
    assert all(text.count(s["customer_goal"]) == 1 for s in stages if "customer_goal" in s)
    assert "flowchart" not in text and "subgraph" not in text and "jb-map" not in text
    assert "JBHTML" not in json.dumps(docs)
    html = (built_site / "journeys/mortgage-application/index.html").read_text(encoding="utf-8")
    rows = len(diagram_model(example_journeys()["mortgage-application"], labels()).rows)
    assert 'class="jb-table jb-map"' in html and html.count('<pre class="mermaid">') == 1 + rows and "JBHTML" not in html


def test_a_site_without_its_own_copy_of_an_asset_serves_the_packaged_one(project: Path) -> None:
    (project / "templates/assets/journeybook-tables.js").unlink()
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    served = project / "site/assets/javascripts/journeybook-tables.js"
    assert served.read_bytes() == (REPO / "templates/assets/journeybook-tables.js").read_bytes()


def test_a_missing_mermaid_bundle_stops_the_build_naming_it_and_the_remedy(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - journeybook\n", "  - journeybook:\n      mermaid_js: vendor/mermaid.js\n", 1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code != 0 and "Traceback" not in result.output
    assert "Mermaid's bundle is missing at vendor/mermaid.js; fix the plugin's 'mermaid_js' option" in result.output


def test_page_options_in_a_playbook_reach_the_theme(project: Path) -> None:
    """``hide`` and ``search.exclude`` set in a playbook's front matter work as on any page."""
    path = project / "content/journeys/add-newborn-to-plan.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle:", "\nhide: [toc, navigation]\nsearch:\n  exclude: true\ntitle:", 1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    page = BeautifulSoup((project / "site/journeys/add-newborn-to-plan/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".md-sidebar--primary").has_attr("hidden") and page.select_one(".md-sidebar--secondary").has_attr("hidden")
    docs = json.loads((project / "site/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d for d in docs if d["location"].startswith("journeys/add-newborn-to-plan/")]
    assert [d for d in docs if d["location"].startswith("journeys/mortgage-application/")]


def test_directives_place_blocks_but_not_inside_code_examples(project: Path) -> None:
    path = project / "content/journeys/add-newborn-to-plan.md"
    head, front, _ = path.read_text(encoding="utf-8").split("---", 2)
    body = "\nBefore the map.\n\n<!-- journeybook:map -->\n\nTo show the KPIs, write:\n\n```markdown\n<!-- journeybook:kpis -->\n```\n"
    path.write_text(f"{head}---{front}---{body}", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    page = BeautifulSoup((project / "site/journeys/add-newborn-to-plan/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(page.select(".jb-map-scroll table.jb-map")) == 1
    assert not page.select("table.jb-kpis") and not page.select(".jb-diagram")
    assert "<!-- journeybook:kpis -->" in page.select_one("article pre code").get_text()


@pytest.mark.parametrize("mode", ["sanitize", "escape"])
def test_generated_blocks_keep_their_html_whatever_the_raw_html_policy(project: Path, mode: str) -> None:
    """The policy applies to the author's HTML only: the grid, curve and diagrams stay intact."""
    settings = project / "site_config/settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("raw_html: sanitize", f"raw_html: {mode}"), encoding="utf-8")
    path = project / "content/journeys/add-newborn-to-plan.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nAuthor <b onclick=\"alert(1)\">bold</b> text.\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    html = (project / "site/journeys/add-newborn-to-plan/index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    rows = len(diagram_model(example_journeys()["add-newborn-to-plan"], labels()).rows)
    assert page.select_one("table.jb-map") and page.select_one(".jb-curve svg polyline") and len(page.select("pre.mermaid")) == 1 + rows
    assert page.select("dl.jb-stage") and page.select_one("table.jb-kpis") and page.select_one("table.jb-verification-plan")
    author = next(p for p in page.select("article p") if "Author" in p.get_text())
    if mode == "escape":
        assert author.b is None and '<b onclick="alert(1)">bold</b>' in author.get_text()
    else:
        assert author.b is not None and author.b.get_text() == "bold" and "onclick" not in html


@pytest.mark.parametrize(
    ("template", "old", "new", "said"),
    [
        ("catalog.md", "{{ labels.catalog_intro }}", "{{ labels.catalog_intro }", "templates/blocks/catalog.md, line 14: template syntax error: unexpected '}'"),
        ("kpi-health.md", "{{ labels.kpi_health_title }}", "{{ labels.kpi_health_title }} {{ no_such_value.x }}", "templates/blocks/kpi-health.md, line 10: template error: 'no_such_value' is undefined"),
        ("header.html", '<div class="jb-header"', '{% include "gone.html" %}<div class="jb-header"', "templates/blocks/gone.html is missing, in the site and in the installed Journeybook"),
    ],
    ids=["syntax", "undefined", "missing"],
)
def test_a_broken_template_stops_the_build_naming_its_file_and_line(project: Path, template: str, old: str, new: str, said: str) -> None:
    path = project / "templates" / "blocks" / template
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 1
    assert said in result.output and "Traceback" not in result.output
