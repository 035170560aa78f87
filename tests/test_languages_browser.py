"""Languages and personas in real Chromium: what a reader of the built site sees and finds.

Material's search box is typed into the way a reader types, without accents ("renovacion",
"Lopez"); the page written with them must be among the results, served over HTTP and opened
from ``file://`` (the offline build). Screenshots of the Spanish playbook and a persona page,
light and dark, desktop and phone, go to ``tests/output/screenshots/`` for review.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from browser_support import browser, search, serve, watch
from conftest import copy_project, run

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "output" / "screenshots"
SPANISH = "journeys/renovacion-contrato-movil/"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


PERSONA_ES = "personas/cliente-larga-duracion/"


@pytest.mark.parametrize(
    "typed, target",
    # "renovacion" alone also finds "Renovaciones" (Material searches by prefix), so its target
    # is a page where the word only appears with its accent: the persona's.
    [("renovacion", PERSONA_ES), ("Lopez", PERSONA_ES), ("movil", SPANISH)],
)
def test_search_finds_accented_words_typed_without_accents(built_site: Path, typed: str, target: str) -> None:
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        log = watch(page, base)
        page.goto(base)
        hrefs = search(page, typed)
        assert any(href.startswith(base + target) for href in hrefs), f"{typed!r}: {target} not among {hrefs}"
        assert not log.console_errors


def test_search_with_accents_still_finds_and_shows_the_text_as_written(built_site: Path) -> None:
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base)
        hrefs = search(page, "renovación")
        assert any(href.startswith(base + SPANISH) for href in hrefs), hrefs
        shown = page.inner_text(".md-search-result")
        assert "Renovación del contrato móvil" in shown and "Renovacion del" not in shown


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("offline-languages") / "project")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env={"JOURNEYBOOK_OFFLINE": "true"})
    assert result.code == 0, result.output
    return project / "site"


def test_offline_search_finds_words_typed_without_accents(offline_site: Path) -> None:
    with browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto((offline_site / "index.html").as_uri())
        hrefs = search(page, "renovacion")
        assert any("journeys/renovacion-contrato-movil.html" in href for href in hrefs), hrefs


def test_each_page_carries_its_language_and_the_persona_is_shown(built_site: Path) -> None:
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(base + SPANISH)
        assert page.evaluate("document.documentElement.lang") == "es"
        assert page.locator("h2#flujo-de-etapas").is_visible()
        assert "71,5\u00a0%" in page.inner_text("table.jb-kpis")
        assert "Renovar el contrato sin pagar más por lo mismo" in page.inner_text("#persona + div, .jb-persona-profile")
        page.goto(base + "journeys/mortgage-application/")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert "21.4%" in page.inner_text("table.jb-kpis")
        page.goto(base + "personas/first-time-buyer/")
        profile = page.locator(".jb-persona-profile")
        assert profile.is_visible() and "Buy a first home within a year" in profile.inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots_of_the_spanish_playbook_and_a_persona(built_site: Path, scheme: str, size: str) -> None:
    """Written for a person to look at; asserted only to fit the screen's width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width, height = SIZES[size]
    with serve(built_site) as base, browser(scheme, width, height) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        for name, uri in (("playbook-es", SPANISH), ("persona-es", "personas/cliente-larga-duracion/"), ("persona-en", "personas/first-time-buyer/")):
            page.goto(base + uri)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}-{scheme}.png"))
            profile = page.locator(".jb-persona-profile").first
            profile.scroll_into_view_if_needed()
            profile.screenshot(path=str(SCREENSHOTS / f"{name}-profile-{size}-{scheme}.png"))
            box = profile.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with ``theme.language: es``: its initiative pages are the site's language."""
    project = copy_project(tmp_path_factory.mktemp("es-site") / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  language: en\n", "  language: es\n", 1), encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build"], cwd=project)
    assert result.code == 0, result.output
    return project / "site"


@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots_of_a_spanish_initiative_page(spanish_site: Path, size: str) -> None:
    """Written for a person to look at; asserted to be Spanish and to fit the screen's width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width, height = SIZES[size]
    with serve(spanish_site) as base, browser("light", width, height) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        log = watch(page, base)
        page.goto(base + "initiatives/visit-window-sms/")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / f"initiative-es-{size}-light.png"), full_page=True)
        assert page.evaluate("document.documentElement.lang") == "es"
        text = page.inner_text("article")
        assert "Efecto medido" in text and "1 may 2026" in text and "19,5\u00a0%" in text
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        assert log.console_errors == []
