"""Every diagram on every playbook page renders in real Chromium, legibly, from the site alone.

Material draws each Mermaid diagram into a closed shadow root; an init script opens those
roots (test instrumentation only) so the test can read the SVG. Checked on every playbook:
each generated fence became an SVG, none is Mermaid's error diagram, no coordinate is NaN,
diagram text is at least 12 px at 1280 px wide, no console error, no request to another host;
the same after moving between pages by clicking links with ``navigation.instant``. Screenshots
of one playbook in light and dark mode go to ``tests/output/`` for review.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import OPEN_SHADOW_ROOTS, browser, serve, watch
from conftest import copy_project, mkdocs_build

OUTPUT = Path(__file__).parent / "output"
RENDERED = (
    "n => { const d = [...document.querySelectorAll('div.mermaid')];"
    " return d.length === n && d.every(e => e.shadowRoot && e.shadowRoot.querySelector('svg')); }"
)
INSPECT = """() => [...document.querySelectorAll('div.mermaid')].map(host => {
  const svg = host.shadowRoot.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const scale = svg.viewBox.baseVal && svg.viewBox.baseVal.width ? box.width / svg.viewBox.baseVal.width : 1;
  const texts = [...svg.querySelectorAll('text, foreignObject div, foreignObject span')].filter(t => t.textContent.trim());
  return {
    kind: svg.getAttribute('aria-roledescription'),
    title: (svg.querySelector('title') || {}).textContent || '',
    description: (svg.querySelector('desc') || {}).textContent || '',
    error: !!svg.querySelector('.error-icon, .error-text') || svg.textContent.includes('Syntax error'),
    nan: /NaN/.test(svg.outerHTML),
    width: box.width,
    smallest: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
    links: [...svg.querySelectorAll('a')].map(a => a.getAttribute('href') || a.getAttribute('xlink:href')),
  };
})"""


def playbooks(site: Path) -> list[str]:
    return sorted(p.parent.name for p in (site / "journeys").glob("*/index.html"))


def fences(site: Path, journey: str) -> int:
    return (site / "journeys" / journey / "index.html").read_text(encoding="utf-8").count('<pre class="mermaid">')


def check_page(page: Any, site: Path, journey: str) -> list[dict[str, Any]]:
    expected = fences(site, journey)
    page.wait_for_function(RENDERED, arg=expected, timeout=20000)
    diagrams = page.evaluate(INSPECT)
    # The stage flow, then the journey diagram's rows (whole stages, a few actions each).
    kinds = [d["kind"] for d in diagrams]
    assert kinds[0] == "flowchart-v2" and len(kinds) > 1 and set(kinds[1:]) == {"journey"}, journey
    for diagram in diagrams:
        assert not diagram["error"] and not diagram["nan"], (journey, diagram)
        assert diagram["title"] and diagram["description"], (journey, diagram)
        assert diagram["smallest"] >= 12, (journey, diagram)
    assert not page.evaluate("() => /NaN/.test(document.querySelector('.jb-curve svg').outerHTML)")
    anchors = page.evaluate("() => [...document.querySelectorAll('h3[id^=stage-]')].map(h => '#' + h.id)")
    assert sorted(diagrams[0]["links"]) == sorted(anchors), journey
    return diagrams


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_playbook_draws_every_diagram(built_site: Path, scheme: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    with serve(built_site) as base, browser(scheme) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.add_init_script(OPEN_SHADOW_ROOTS)
        log = watch(page, base)
        for journey in playbooks(built_site):
            page.goto(f"{base}journeys/{journey}/", wait_until="load")
            check_page(page, built_site, journey)
            if journey == "mortgage-application":
                page.screenshot(path=str(OUTPUT / f"diagrams-{journey}-{scheme}.png"), full_page=True)
        assert log.foreign_requests == [] and log.console_errors == [] and log.dialogs == []


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with a ``site_url``: Material turns ``navigation.instant`` on only then."""
    project = copy_project(tmp_path_factory.mktemp("instant") / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsite_url: https://journeys.intranet.invalid/\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    return project / "site"


@pytest.mark.browser
def test_diagrams_render_after_instant_navigation_and_stage_nodes_link_to_sections(instant_site: Path) -> None:
    built_site = instant_site
    journeys = playbooks(built_site)
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.add_init_script(OPEN_SHADOW_ROOTS)
        log = watch(page, base)
        page.goto(f"{base}journeys/", wait_until="load")
        for journey in journeys[:3]:
            page.locator(f"article a[href$='{journey}/']").first.click()
            page.wait_for_url(f"**/journeys/{journey}/")
            check_page(page, built_site, journey)
            node = page.locator("div.mermaid a").nth(1)
            target = node.get_attribute("xlink:href") or node.get_attribute("href")
            node.click()
            page.wait_for_function("t => location.hash === t", arg=target)
            assert page.locator(target).is_visible()
            page.go_back()
            page.wait_for_function("() => location.hash === ''")
            page.locator(".jb-breadcrumb a").click()  # playbooks hide the left navigation
            page.wait_for_url("**/journeys/")
        assert log.foreign_requests == [] and log.console_errors == [] and log.dialogs == []


@pytest.mark.browser
def test_the_curve_fits_a_desktop_column_and_wide_diagrams_fit_a_printed_page(built_site: Path) -> None:
    """On a 1280 px screen the whole emotional curve shows at once and each channel of a journey
    diagram row has its own colour; when printing, each diagram wider than its column is scaled
    to fit, and restored afterwards."""
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.add_init_script(OPEN_SHADOW_ROOTS)
        page.goto(f"{base}journeys/mortgage-application/", wait_until="load")
        check_page(page, built_site, "mortgage-application")
        assert page.evaluate("() => { const c = document.querySelector('.jb-curve'); return c.scrollWidth - c.clientWidth; }") <= 4
        # Each channel (actor) of a journey diagram row has a colour of its own in its legend.
        legend = page.evaluate(
            "() => [...document.querySelectorAll('div.mermaid')[1].shadowRoot.querySelectorAll('circle')]"
            ".filter(c => c.getAttribute('cx') === '20').map(c => getComputedStyle(c).fill)"
        )
        assert len(legend) >= 2 and len(set(legend)) == len(legend)
        fits = "() => [...document.querySelectorAll('.jb-diagram .mermaid')].map(h => h.getBoundingClientRect().width <= h.parentElement.clientWidth + 1)"
        page.set_viewport_size({"width": 700, "height": 900})
        assert False in page.evaluate(fits)  # a row is drawn wider than a narrow column on screen
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        assert False not in page.evaluate(fits)
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        assert False in page.evaluate(fits)
