"""Reading a journey map on a phone, a laptop and paper, in real Chromium (issue 15).

Checked on the example site: no built page is wider than a 390 px phone; "Back to top" and the
in-page contents are on screen there; printed (print media at an A4 page's width), every stage
name of every block of every playbook lies inside the page; a channel has the same colour on
two playbooks; the KPI health page's counts follow its filters; the catalog filters. Screenshots
of a playbook on a desktop, a phone and paper, light and dark, go to
``tests/output/screenshots/`` for review.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from browser_support import OPEN_SHADOW_ROOTS, browser, serve, watch
from conftest import mkdocs_build

SCREENSHOTS = Path(__file__).parent / "output" / "screenshots"
PHONE = (390, 844)
A4_WIDTH = 794  # an A4 page at 96 CSS px per inch
PLAYBOOK = "journeys/mortgage-application/"
RENDERED = (
    "() => { const d = [...document.querySelectorAll('div.mermaid')];"
    " return d.length === document.querySelectorAll('.jb-diagram pre, .jb-diagram div.mermaid').length"
    " && d.length > 0 && d.every(e => e.shadowRoot && e.shadowRoot.querySelector('svg')); }"
)
# Every stage name a playbook shows, block by block, with its box on the page: the grid's
# printed copies, the curve, the stage sections, and the SVG text of the flow and each row of
# the journey diagram (text inside a diagram is measured as drawn, zoom included).
STAGE_NAMES = """() => {
  const boxes = [];
  const add = (block, el) => { const r = el.getBoundingClientRect(); boxes.push({block, text: el.textContent.trim(), left: r.left, right: r.right, width: r.width}); };
  document.querySelectorAll('.jb-map-print .jb-map__stage a').forEach(el => add('map', el));
  document.querySelectorAll('.jb-curve__stages a').forEach(el => add('curve', el));
  document.querySelectorAll('h3[id^=stage-]').forEach(el => add('stages', el));
  document.querySelectorAll('.jb-diagram--flow div.mermaid').forEach(host =>
    host.shadowRoot.querySelectorAll('g.node').forEach(el => add('flow', el)));
  document.querySelectorAll('.jb-diagram--journey div.mermaid').forEach(host =>
    host.shadowRoot.querySelectorAll('rect.journey-section').forEach(el => add('journey', el)));
  return boxes;
}"""


def pages(site: Path) -> list[str]:
    return sorted("" if p.parent == site else f"{p.parent.relative_to(site).as_posix()}/" for p in site.rglob("index.html") if "assets" not in p.parts)


def playbooks(site: Path) -> list[str]:
    return sorted(f"journeys/{p.parent.name}/" for p in (site / "journeys").glob("*/index.html"))


@pytest.mark.browser
def test_no_page_is_wider_than_a_phone(built_site: Path) -> None:
    wide = {}
    with serve(built_site) as base, browser(width=PHONE[0], height=PHONE[1]) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        for path in pages(built_site):
            page.goto(base + path, wait_until="load")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE[0]:
                wide[path] = width
        assert len(pages(built_site)) > 30
        assert wide == {}


@pytest.mark.browser
def test_long_journey_titles_do_not_widen_the_filtered_hubs_on_a_phone(project: Path) -> None:
    """A filter's drop-down grows to its longest option; a long but ordinary title must not push the page wide."""
    playbook = project / "content/journeys/mortgage-application.md"
    long_title = "Mortgage application for first-time buyers, from the first visit to the keys of the new home"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("title: Mortgage application", f"title: {long_title}", 1), encoding="utf-8")
    built = mkdocs_build(project)
    assert built.code == 0, built.output
    site = project / "site"
    assert long_title in (site / "initiatives/index.html").read_text(encoding="utf-8")
    with serve(site) as base, browser(width=PHONE[0], height=PHONE[1]) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        widths = {}
        for path in ("initiatives/", "journeys/", "kpis/"):
            page.goto(base + path, wait_until="load")
            widths[path] = page.evaluate("() => document.documentElement.scrollWidth")
    assert widths == dict.fromkeys(widths, PHONE[0])


@pytest.mark.browser
def test_a_playbook_on_a_phone_has_its_contents_and_back_to_top_on_screen(built_site: Path) -> None:
    with serve(built_site) as base, browser(width=PHONE[0], height=PHONE[1]) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + PLAYBOOK, wait_until="load")
        contents = page.locator("details.jb-toc")
        assert contents.is_visible()
        contents.locator("summary").click()
        contents.locator("a[href$='#stage-offer-signing']").click()
        page.wait_for_function("() => location.hash === '#stage-offer-signing'")
        # Scrolling up a little brings Material's "Back to top" button, which must be on screen.
        page.mouse.wheel(0, -300)
        top = page.locator(".md-top")
        top.wait_for(state="visible")
        box = top.bounding_box()
        assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= PHONE[0]
        # The breadcrumb leads back to the catalog.
        assert (page.locator(".jb-breadcrumb a").get_attribute("href") or "").endswith("/journeys/")
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + PLAYBOOK, wait_until="load")
        assert not page.locator("details.jb-toc").is_visible()  # Material's own column shows it
        assert not page.locator(".md-sidebar--primary").is_visible()  # the maps get the width


@pytest.mark.browser
def test_printed_playbooks_keep_every_stage_of_every_block_on_the_page(built_site: Path) -> None:
    with serve(built_site) as base, browser(width=A4_WIDTH, height=1123) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.add_init_script(OPEN_SHADOW_ROOTS)
        for path in playbooks(built_site):
            page.emulate_media(media="screen")
            page.goto(base + path, wait_until="load")
            page.wait_for_function(RENDERED, timeout=20000)
            stages = page.evaluate("() => document.querySelectorAll('h3[id^=stage-]').length")
            page.emulate_media(media="print")
            page.wait_for_function("() => document.documentElement.dataset.jbPrintFit === 'print'")
            boxes = page.evaluate(STAGE_NAMES)
            for block in ("map", "curve", "stages", "flow", "journey"):
                assert len([b for b in boxes if b["block"] == block]) == stages, (path, block)
            outside = [b for b in boxes if b["left"] < 0 or b["right"] > A4_WIDTH or b["width"] == 0]
            assert outside == [], path
            assert page.evaluate("() => document.documentElement.scrollWidth") <= A4_WIDTH, path


def channel_colours(page: Any) -> dict[str, str]:
    """Channel name -> fill of its dot in the legends of the page's journey diagram rows."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.jb-diagram--journey div.mermaid')].flatMap(host => {
          const svg = host.shadowRoot.querySelector('svg');
          return [...svg.querySelectorAll('circle')].filter(c => c.getAttribute('cx') === '20').map(c => {
            const label = [...svg.querySelectorAll('text')].find(t => Math.abs(parseFloat(t.getAttribute('y')) - parseFloat(c.getAttribute('cy')) - 7) < 1);
            return [label ? label.textContent : '?', getComputedStyle(c).fill + ' ' + getComputedStyle(c).strokeDasharray];
          });
        }))"""
    )


@pytest.mark.browser
def test_a_channel_has_the_same_colour_and_outline_on_every_playbook(built_site: Path) -> None:
    seen: dict[str, dict[str, str]] = {}
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.add_init_script(OPEN_SHADOW_ROOTS)
        for path in playbooks(built_site):
            page.goto(base + path, wait_until="load")
            page.wait_for_function(RENDERED, timeout=20000)
            seen[path] = channel_colours(page)
    mortgage, outage = seen["journeys/mortgage-application/"], seen["journeys/internet-outage-restoration/"]
    shared = set(mortgage) & set(outage)
    assert {"Website", "Mobile app"} <= shared
    for channel in shared:
        assert mortgage[channel] == outage[channel], channel
    # Within a page, no two channels look alike.
    for path, colours in seen.items():
        assert len(set(colours.values())) == len(colours), path


@pytest.mark.browser
def test_kpi_health_counts_follow_its_filters(built_site: Path) -> None:
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        log = watch(page, base)
        page.goto(base + "kpis/", wait_until="load")
        counts = "() => [...document.querySelectorAll('[data-jb-filter-count]')].map(e => [e.closest('h2') ? 'heading' : 'chip', e.dataset.jbFilterCount, +e.textContent])"
        shown = "() => [...document.querySelectorAll('section[data-jb-filter-group]')].map(s => [s.dataset.jbFilterGroup, s.hidden ? 0 : s.querySelectorAll('tbody tr:not([hidden])').length])"
        before = page.evaluate(counts)
        page.locator("select[data-filter='owner']").select_option(index=1)
        after = page.evaluate(counts)
        rows = dict(page.evaluate(shown))
        assert after != before
        for _, status, count in after:
            assert count == rows.get(status, 0), (status, after, rows)
        output = page.locator("form[data-jb-filter] output").text_content() or ""
        assert output.startswith(f"{sum(rows.values())} of ")
        assert log.console_errors == []


# Each value cell of every KPI row shown on the KPI health page, with its box and column name.
KPI_CELLS = """() => [...document.querySelectorAll('.jb-kpi-health__table tbody tr:not([hidden])')].map(row =>
  [...row.querySelectorAll('td[data-label]')].map(td => { const r = td.getBoundingClientRect();
    return {column: td.dataset.label, left: r.left, right: r.right, width: r.width,
            label: getComputedStyle(td, '::before').content}; }))"""


@pytest.mark.browser
def test_every_column_of_a_kpi_row_is_on_a_phone_screen_without_scrolling(built_site: Path) -> None:
    with serve(built_site) as base, browser(width=PHONE[0], height=PHONE[1]) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        log = watch(page, base)
        page.goto(base + "kpis/", wait_until="load")
        page.wait_for_selector("table.jb-kpi-health__table[data-jb-sortable]", state="attached")
        rows = page.evaluate(KPI_CELLS)
        assert len(rows) == 29
        for cells in rows:
            by_column = {cell["column"]: cell for cell in cells}
            for column in ("Target", "Latest", "Trend", "Status"):
                cell = by_column[column]
                assert cell["width"] > 0 and 0 <= cell["left"] and cell["right"] <= PHONE[0], cell
                assert cell["label"] == f'"{column}"'  # the card names the column beside its value
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE[0]
        assert page.evaluate("() => document.querySelector('.jb-table-scroll').scrollLeft") == 0
        # The filters still hide rows, and the sort buttons still order them, on the cards.
        page.locator("select[data-filter='owner']").select_option(index=1)
        assert 0 < len(page.evaluate(KPI_CELLS)) < 29
        page.locator("select[data-filter='owner']").select_option(index=0)
        table = page.locator("table.jb-kpi-health__table").first
        table.locator("thead button", has_text="KPI").click()
        names = table.evaluate("t => [...t.tBodies[0].rows].map(r => r.cells[0].textContent.trim())")
        assert names == sorted(names, key=str.casefold)
        assert log.console_errors == []
        # An initiative's measured effect reads the same way: Current, Change and Outcome on screen.
        page.goto(base + "initiatives/visit-window-sms/", wait_until="load")
        cells = page.evaluate(KPI_CELLS.replace(".jb-kpi-health__table", ".jb-initiative-effect"))
        assert len(cells) == 2
        for row in cells:
            assert {c["column"] for c in row} >= {"Current", "Change", "Outcome"}
            assert all(c["width"] > 0 and 0 <= c["left"] and c["right"] <= PHONE[0] for c in row), row
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE[0]
    with serve(built_site) as base, browser() as context:  # the desktop keeps its table
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + "kpis/", wait_until="load")
        assert page.evaluate("() => getComputedStyle(document.querySelector('.jb-kpi-health__table')).display") == "table"


@pytest.mark.browser
def test_the_catalog_filters_by_owner_persona_and_lifecycle(built_site: Path) -> None:
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + "journeys/", wait_until="load")
        owner = page.locator("select[data-filter='owner']")
        owner.select_option(label="Retail Lending")
        visible = page.evaluate("() => [...document.querySelectorAll('.jb-catalog tbody tr:not([hidden]) td:first-child a')].map(a => a.textContent)")
        assert visible == ["Mortgage application"]
        assert (page.locator("form[data-jb-filter] output").text_content() or "").startswith("1 of 5")
    # Without script the form stays hidden, and the team, persona and tag pages, linked above
    # the table, are the catalog filtered each way.
    html = (built_site / "journeys" / "index.html").read_text(encoding="utf-8")
    assert "<form class=\"jb-filter\" data-jb-filter hidden>" in html
    assert all(f'href="../{target}/"' in html for target in ("teams", "personas", "tags"))


def look(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_a_playbook_on_desktop_phone_and_paper(built_site: Path, scheme: str) -> None:
    for name, (width, height), media in (("desktop", (1280, 800), "screen"), ("phone", PHONE, "screen"), ("print", (A4_WIDTH, 1123), "print")):
        with serve(built_site) as base, browser(scheme, width=width, height=height) as context:
            page = context.new_page()  # type: ignore[attr-defined]
            page.add_init_script(OPEN_SHADOW_ROOTS)
            page.goto(base + PLAYBOOK, wait_until="load")
            page.wait_for_function(RENDERED, timeout=20000)
            page.emulate_media(media=media)
            look(page, f"playbook-{name}-{scheme}")
            if media == "print":
                pdf = SCREENSHOTS / f"playbook-{scheme}.pdf"
                page.pdf(path=str(pdf), format="A4", print_background=True)
                assert pdf.stat().st_size > 10_000
                if shutil.which("pdftoppm"):
                    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(SCREENSHOTS / f"playbook-pdf-{scheme}")], check=True)


@pytest.mark.browser
def test_the_guide_has_a_copy_button_and_field_names_never_break_on_a_phone(built_site: Path) -> None:
    with serve(built_site) as base, browser(width=PHONE[0], height=PHONE[1]) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + "guides/how-to-write-a-playbook/", wait_until="load")
        page.locator(".md-code__button[data-md-type='copy']").first.wait_for(state="attached")
        lines = page.evaluate(
            "() => [...document.querySelectorAll('article table td:first-child code')].map(c => c.getClientRects().length)"
        )
        assert lines and set(lines) == {1}


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE[0], 1280])
def test_the_field_reference_never_breaks_a_field_name(built_site: Path, width: int) -> None:
    with serve(built_site) as base, browser(width=width, height=PHONE[1]) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + "fields/", wait_until="load")
        lines = page.evaluate(
            "() => Object.fromEntries([...document.querySelectorAll('article table th[scope=row] code')].map(c => [c.textContent, c.getClientRects().length]))"
        )
        assert "hypothesis" in lines and {name: n for name, n in lines.items() if n != 1} == {}
        assert page.evaluate("() => document.documentElement.scrollWidth") == width


def test_hub_pages_show_what_comes_next_whom_to_write_to_and_how_kpis_stand(built_site: Path) -> None:
    from bs4 import BeautifulSoup

    def article(path: str) -> Any:
        return BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser").select_one("article")

    review = article("review/index.html")
    due_next = review.find(id="due-next")
    assert due_next is not None
    rows = due_next.find_next("table").select("tbody tr")
    assert len(rows) == 5  # every example playbook is current, so all five are listed, soonest first
    dues = [row.select("time")[1]["datetime"] for row in rows]
    assert dues == sorted(dues)
    team = article("teams/retail-lending/index.html")
    assert team.select_one("a[href='mailto:retail-lending@example.com']") is not None
    kpi_rows = team.find(id="kpis").find_next("table").select("tbody tr")
    assert kpi_rows and all(row.select_one(".jb-badge") for row in kpi_rows)
    playbook = article("journeys/mortgage-application/index.html")
    assert [dt.get_text(strip=True) for dt in playbook.select("dl.jb-map-legend dt")] == ["Owned", "Paid", "Earned"]
    assert playbook.select_one("nav.jb-breadcrumb a")["href"] == "../../journeys/"
    # The stage sections hold what the grid does not (phase, systems, KPIs) and the initiatives acting on the stage.
    assert {dt.get_text(strip=True) for dt in playbook.select("dl.jb-stage dt")} <= {"Phase", "Initiatives", "Systems", "KPIs"}


def test_kpi_health_tables_are_in_search(built_site: Path) -> None:
    import json

    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["text"] for d in docs if d["location"].startswith("kpis/"))
    # Each KPI's row is indexed once (the lists by owner and by category repeat it and are not).
    assert text.count("Application abandonment rate") == 1 and "Retail Lending" in text


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_kpi_health_on_a_phone(built_site: Path, scheme: str) -> None:
    with serve(built_site) as base, browser(scheme, width=PHONE[0], height=PHONE[1]) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + "kpis/", wait_until="load")
        page.wait_for_selector("table.jb-kpi-health__table[data-jb-sortable]", state="attached")
        look(page, f"kpi-health-phone-{scheme}")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE[0]
