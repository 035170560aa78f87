"""The site works inside the intranet: no other host, readable from a file share, accessible.

Everything runs in real Chromium: every generated page is loaded and its requests recorded; an
offline build is opened over ``file://`` and searched; axe-core (the pinned npm devDependency,
injected from ``node_modules``) audits the main pages in light and dark mode.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from browser_support import browser, serve, watch
from conftest import REPO, copy_project, run

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
GENERATED = ["journeys/", "kpis/", "teams/", "verification/", "review/", "personas/", "start-here/", "tags/"]
AUDITED = {
    "home": "", "playbook": "journeys/mortgage-application/", "catalog": "journeys/", "KPI page": "kpis/",
    "verification page": "verification/", "team page": "teams/retail-lending/", "start page": "start-here/",
    "persona page": "personas/first-time-buyer/", "Spanish playbook": "journeys/renovacion-contrato-movil/",
}


def generated_pages(site: Path) -> list[str]:
    teams = yaml.safe_load((REPO / "data" / "owners.yml").read_text(encoding="utf-8"))["teams"]
    personas = [p.stem for p in (REPO / "content" / "personas").glob("*.md") if p.name != "index.md"]
    pages = ["", *GENERATED, *(f"teams/{t['id']}/" for t in teams), *(f"personas/{p}/" for p in personas)]
    for page in pages:
        assert (site / page / "index.html").is_file(), f"{page} was not generated"
    return pages


def test_no_page_requests_another_host(built_site: Path) -> None:
    pages = generated_pages(built_site)
    with serve(built_site) as base, browser() as context:
        for path in pages:
            page = context.new_page()  # type: ignore[attr-defined]
            log = watch(page, base)
            page.goto(base + path, wait_until="networkidle")
            assert log.foreign_requests == [], f"{path}: {log.foreign_requests}"
            assert log.console_errors == [], f"{path}: {log.console_errors}"
            page.close()


def test_sortable_table_sorts_and_stays_readable_without_script(built_site: Path) -> None:
    column = "table.jb-catalog tbody tr td:nth-child(6)"  # Stages
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + "journeys/")
        heading = page.locator("table.jb-catalog thead th").nth(5)
        heading.locator("button").click()
        ascending = [int(v) for v in page.locator(column).all_inner_texts()]
        assert ascending == sorted(ascending) and heading.get_attribute("aria-sort") == "ascending"
        heading.locator("button").click()
        assert [int(v) for v in page.locator(column).all_inner_texts()] == sorted(ascending, reverse=True)
        assert heading.get_attribute("aria-sort") == "descending"
        # A locked-down desktop may run no script at all: the same table, in full, without buttons.
        plain = context.browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
        page = plain.new_page()
        page.goto(base + "journeys/")
        assert page.locator(column).count() == len(ascending)
        assert page.locator("table.jb-catalog button").count() == 0
        plain.close()


def test_catalog_sorts_by_kpi_health_counts(built_site: Path) -> None:
    """The KPI health column sorts on its counts (off track, at risk, no data, on track), number by number."""
    cells = "table.jb-catalog tbody tr td:nth-child(8)"
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + "journeys/")
        button = page.locator("table.jb-catalog thead th").nth(7).locator("button")
        orders = []
        for _ in range(2):
            button.click()
            orders.append([tuple(map(int, key.split())) for key in page.locator(cells).evaluate_all("cells => cells.map(c => c.dataset.sort)")])
        ascending, descending = orders
        assert len(set(ascending)) > 1, "the example's journeys differ in KPI health"
        assert ascending == sorted(ascending) and descending == sorted(ascending, reverse=True)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("offline") / "project")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env={"JOURNEYBOOK_OFFLINE": "true"})
    assert result.code == 0, result.output
    return project / "site"


def test_offline_build_names_no_other_host_and_serves_the_shim(offline_site: Path) -> None:
    shim = offline_site / "assets" / "javascripts" / "iframe-worker.js"
    assert shim.is_file() and "IFrameWorker" in shim.read_text(encoding="utf-8")
    assert (offline_site / "search" / "search_index.js").is_file()
    for html in offline_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "cdn.jsdelivr" not in text, html
    catalog = (offline_site / "journeys" / "index.html").read_text(encoding="utf-8")
    assert 'href="../journeys/mortgage-application.html"' in catalog or 'href="mortgage-application.html"' in catalog


def test_offline_site_reads_and_searches_over_file_urls(offline_site: Path) -> None:
    with browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto((offline_site / "index.html").as_uri())
        page.click("a[href$='journeys/index.html']")
        assert page.url.endswith("journeys/index.html")
        page.wait_for_load_state()  # the click returns once the new URL commits, before its table is parsed
        assert page.locator("table.jb-catalog tbody tr").count() >= 1
        page.locator(".md-search__input").first.click()
        hrefs: list[str] = []
        for _ in range(10):
            page.fill("input.md-search__input", "")
            page.type("input.md-search__input", "mortgage")
            try:
                page.wait_for_selector(".md-search-result__item", timeout=2_000)
            except Exception:  # noqa: BLE001 - Playwright's TimeoutError: the index is still loading
                continue
            hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
            break
        assert any("journeys/mortgage-application.html" in href for href in hrefs), hrefs
        assert [url for url in requests if not url.startswith(("file:", "data:", "about:", "blob:"))] == []


def test_offline_site_draws_its_diagrams_over_file_urls(offline_site: Path) -> None:
    """Material's instant navigation, when left on, keeps every diagram as Mermaid source under file://."""
    playbook = offline_site / "journeys" / "mortgage-application.html"
    written = (playbook.read_text(encoding="utf-8")).count('<pre class="mermaid"')
    assert written >= 2, "the playbook has no diagrams to draw"
    with browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(playbook.as_uri())
        page.wait_for_function(f"document.querySelectorAll('div.mermaid').length === {written}", timeout=15_000)
        assert page.locator("pre.mermaid").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(AUDITED))
def test_no_serious_accessibility_violations(built_site: Path, name: str, scheme: str) -> None:
    path = AUDITED[name]
    assert (built_site / path / "index.html").is_file(), f"the {name} ({path}) was not built"
    assert AXE.is_file(), "axe-core is missing: run 'npm ci'"
    with serve(built_site) as base, browser(scheme) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + path, wait_until="networkidle")
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"{name} in {scheme} mode:\n" + "\n".join(serious)
