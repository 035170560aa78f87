"""Pages in the reader's language: labels, numbers, dates, taxonomy names and ``lang`` per page,
the persona's profile on its page and on its playbooks, and search without accents.

The example site is English with one Spanish playbook and persona (``language: es``); the
second site turns that round (``theme.language: es``, one playbook ``language: en``), so both
directions are built. Everything is read from the built HTML and search index, as readers and
Material's search worker get them.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel import Locale
from babel.numbers import format_decimal, format_percent
from bs4 import BeautifulSoup
from conftest import copy_project, journeybook, mkdocs_build
from hypothesis import given, settings
from hypothesis import strategies as st
from journeybook.mkdocs_plugin.languages import fold, fold_entries
from journeybook.render.labels import load_labels
from journeybook.render.numbers import format_day, format_number
from journeybook.render.templates import Renderer

NBSP = "\u00a0"
SPANISH = "journeys/renovacion-contrato-movil/index.html"
ENGLISH = "journeys/mortgage-application/index.html"
SPANISH_JOURNEYS = "Recorridos escritos para esta persona"


def page(site: Path, uri: str) -> BeautifulSoup:
    return BeautifulSoup((site / uri).read_text(encoding="utf-8"), "html.parser")


def words(soup: BeautifulSoup) -> str:
    """The article's text with runs of white space as one space (no-break spaces kept: 71,5\u00a0%)."""
    return re.sub(r"[ \t\r\n]+", " ", soup.select_one("article").get_text(" ", strip=True))


def set_front(path: Path, line: str) -> None:
    """Add ``line`` to the front matter of ``path`` (after its title)."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\ntitle:", 1)
    path.write_text(f"{head}\n{line}\ntitle:{rest}", encoding="utf-8")


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Spanish site (theme.language: es) with one English playbook."""
    root = copy_project(tmp_path_factory.mktemp("es-site") / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  language: en\n", "  language: es\n", 1), encoding="utf-8")
    set_front(root / "content/journeys/mortgage-application.md", "language: en")
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    return root / "site"


# Formats, one value at a time.

@pytest.mark.parametrize(
    "value, unit, language, shown",
    [
        (71.5, "%", "en", "71.5%"),
        (71.5, "%", "es", f"71,5{NBSP}%"),
        (0.1 + 0.2, "", "en", "0.3"),
        (1234.5, "EUR", "es", "1.234,5 EUR"),
        (1234.5, "EUR", "en", "1,234.5 EUR"),
        (20, "days", "en", "20 days"),
        (-0.3, "%", "es", f"-0,3{NBSP}%"),
        (2.345678, "pts", "en", "2.35 pts"),
        (None, "%", "es", "–"),
    ],
)
def test_numbers_follow_the_language(value: float | None, unit: str, language: str, shown: str) -> None:
    assert format_number(value, unit, language) == shown


@settings(max_examples=300, deadline=None)
@given(
    value=st.one_of(st.integers(-10**9, 10**9), st.floats(-1e9, 1e9, allow_nan=False).filter(lambda v: round(v, 2) != 0)),
    unit=st.sampled_from(["", "%", "EUR"]),
    language=st.sampled_from(["en", "es", "de", "fr", "pt-BR", "hi"]),
)
def test_numbers_are_what_babel_writes(value: float | int, unit: str, language: str) -> None:
    """The fast path writes what Babel's own format_decimal and format_percent write."""
    locale = Locale.parse(language.replace("-", "_"))
    number = Decimal(str(round(value, 2))) if isinstance(value, float) else Decimal(value)
    if unit == "%":
        expected = format_percent(number / 100, locale=locale, decimal_quantization=False)
    else:
        expected = format_decimal(number, locale=locale) + (f" {unit}" if unit else "")
    assert format_number(value, unit, language) == expected


def test_dates_follow_the_language() -> None:
    assert format_day(date(2026, 9, 1), "en") == "Sep 1, 2026"
    assert format_day(date(2026, 9, 1), "es") == "1 sept 2026"
    assert format_day(None, "es") == "–"


def test_folding_adds_accent_free_words_only_where_there_are_accents() -> None:
    assert fold("Renovación López año") == "Renovacion Lopez ano"
    index = {
        "config": {"fields": {"title": {"boost": 1000}, "text": {"boost": 1}}},
        "docs": [
            {"location": "a/", "title": "Renovación del contrato", "text": "<p>Carmen <b>López</b> renovó; López otra vez</p>"},
            {"location": "b/", "title": "Mortgage", "text": "<p>Plain English</p>"},
        ],
    }
    assert fold_entries(index)
    first, second = index["docs"]
    assert first["title_folded"] == "Renovacion" and first["text_folded"] == "Lopez renovo"
    assert "title_folded" not in second and "text_folded" not in second
    assert index["config"]["fields"]["title_folded"] == {"boost": 1000}
    assert not fold_entries({"config": {}, "docs": [{"location": "c/", "title": "Only ASCII", "text": "here"}]})


# The example site: English, with a Spanish playbook and persona.

def test_spanish_playbook_is_spanish_throughout(built_site: Path) -> None:
    soup = page(built_site, SPANISH)
    assert soup.html["lang"] == "es"
    text = words(soup)
    for spanish in ("Responsable", "Flujo de etapas", "Curva emocional", "Mapa del recorrido", "Momento de la verdad",
                    "En objetivo", "Todo el recorrido", "Antes", "Durante", "Después", "App móvil", "Correo electrónico",
                    f"71,5{NBSP}%", "1 nov 2026", "28 jul 2026"):
        assert spanish in text, spanish
    for english in ("Owner", "Stage flow", "Emotional curve", "Journey map", "Moment of truth", "On track",
                    "Whole journey", "Mobile app", "71.5%", "2026-11-01", "Before", "During", "After"):
        assert english not in text, english
    assert soup.select_one(".md-search__input")["placeholder"] == "Búsqueda"  # Material's own words too


def test_english_pages_keep_english(built_site: Path) -> None:
    soup = page(built_site, ENGLISH)
    assert soup.html["lang"] == "en"
    text = words(soup)
    for english in ("Owner", "Stage flow", "Journey map", "Moment of truth", "Before", "Website", "21.4%", "Nov 1, 2026"):
        assert english in text, english
    assert "Flujo de etapas" not in text and "21,4" not in text
    catalog = page(built_site, "journeys/index.html")
    assert catalog.html["lang"] == "en"
    row = next(tr for tr in catalog.select("tbody tr") if "renovacion-contrato-movil" in str(tr))
    assert "Jul 28, 2026" in row.get_text(" ") and "Before, During, After" in row.get_text(" ")  # hub pages: the site's language


def test_persona_profile_on_its_page_and_summary_on_its_playbooks(built_site: Path) -> None:
    persona = page(built_site, "personas/first-time-buyer/index.html")
    profile = persona.select_one(".jb-persona-profile")
    text = " ".join(profile.get_text(" ", strip=True).split())
    for shown in ("First-time home buyers, 28 to 38", "I can handle a big number", "Goals", "Needs", "Motivations", "Pains",
                  "Buy a first home within a year", "Document upload that works from a phone", "Make her parents proud",
                  "Fear of a last-minute surprise"):
        assert shown in text, shown
    assert str(profile).index("jb-persona-profile") < str(persona.select_one("article")).find("Priya is 32")  # above the prose
    summary = page(built_site, ENGLISH).find(id="persona")
    assert summary is not None and "Priya Shah" in summary.get_text()
    card = summary.find_next("div", class_="jb-persona-profile")
    shown = " ".join(card.get_text(" ", strip=True).split())
    assert "Buy a first home within a year" in shown and "Jargon and acronyms" in shown and "I can handle a big number" in shown
    assert "Fear of a last-minute surprise" not in shown  # the fourth pain: the summary keeps three
    assert card.find("a", href="../../personas/first-time-buyer/")
    spanish = page(built_site, "personas/cliente-larga-duracion/index.html")
    assert spanish.html["lang"] == "es" and "Frustraciones" in words(spanish) and "Ofertas mejores para clientes nuevos" in words(spanish)
    assert spanish.find(id="journeys-written-for-this-persona").get_text(strip=True).startswith(SPANISH_JOURNEYS)


def test_search_index_holds_persona_details_and_accent_free_words(built_site: Path) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    persona = " ".join(d["text"] for d in docs if d["location"].startswith("personas/first-time-buyer/"))
    assert "Document upload that works from a phone" in persona
    summary = next(d for d in docs if d["location"] == "journeys/mortgage-application/#persona")
    assert "Buy a first home within a year" in summary["text"]
    spanish = [d for d in docs if d["location"].startswith("journeys/renovacion-contrato-movil/")]
    assert "Renovacion" in spanish[0]["title_folded"]
    assert any("Lopez" in d.get("text_folded", "") for d in spanish)
    assert {"title_folded", "text_folded"} <= set(index["config"]["fields"])


# The Spanish site with one English playbook.

def test_site_in_spanish_with_an_english_playbook(spanish_site: Path) -> None:
    english = page(spanish_site, ENGLISH)
    assert english.html["lang"] == "en"
    text = words(english)
    assert "Stage flow" in text and "21.4%" in text and "Flujo de etapas" not in text
    assert english.select_one(".md-search__input")["placeholder"] == "Search"
    spanish = page(spanish_site, SPANISH)
    assert spanish.html["lang"] == "es" and f"71,5{NBSP}%" in words(spanish)  # the site's language, not set on the page
    catalog = page(spanish_site, "journeys/index.html")
    assert catalog.html["lang"] == "es"
    assert "Recorridos" in words(catalog) and "Antes, Durante, Después" in words(catalog)


# Checking the field.

@pytest.mark.parametrize("value, hint", [("esp", "did you mean 'es'?"), ("fr", "allowed: en, es")])
def test_unknown_language_is_a_located_error(project: Path, value: str, hint: str) -> None:
    path = project / "content/journeys/mortgage-application.md"
    set_front(path, f"language: {value}")
    result = journeybook("check", cwd=project)
    assert result.code == 1
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("language:"))
    expected = f"content/journeys/mortgage-application.md:{line}:11: language: unknown language '{value}'"
    assert expected in result.output and hint in result.output and "site_config/labels/" in result.output


def test_unknown_persona_language_is_a_located_error(project: Path) -> None:
    set_front(project / "content/personas/new-parent.md", "language: esx")
    result = journeybook("check", cwd=project)
    assert result.code == 1
    assert "content/personas/new-parent.md:2:11: language: unknown language 'esx'" in result.output
    assert "did you mean 'es'?" in result.output


def test_a_page_language_renderer_shares_the_build_and_follows_edited_labels(tmp_path: Path) -> None:
    """Its placeholders are the site renderer's (the plugin restores every page from one store),
    and a preview that edits es.yml renders with the new words on its next rebuild."""
    labels_dir = tmp_path / "site_config/labels"
    labels_dir.mkdir(parents=True)
    (labels_dir / "en.yml").write_text("owner: Owner\n", encoding="utf-8")
    (labels_dir / "es.yml").write_text("owner: Responsable\n", encoding="utf-8")
    (tmp_path / "templates/blocks").mkdir(parents=True)
    (tmp_path / "templates/blocks/t.html").write_text("{{ labels.owner }} {{ 71.5 | number('%') }} {{ 'x' | html_block }}", encoding="utf-8")
    site = Renderer([tmp_path / "templates"], load_labels([labels_dir], "en"), [labels_dir])
    spanish = site.in_language("es")
    assert spanish is site.in_language("es") and site.in_language("en") is site and site.in_language(None) is site
    rendered = str(spanish.render("t.html"))
    assert rendered.startswith(f"Responsable 71,5{NBSP}%")
    placeholder = rendered.split()[-1]  # what html_block left for the HTML, restored from the site's store
    assert site.placeholders.with_html(site.placeholders.with_stand_ins(f"<p>{placeholder}</p>")) == "x"
    (labels_dir / "es.yml").write_text("owner: Dueño\n", encoding="utf-8")
    site.start_build()
    assert str(site.in_language("es").render("t.html")).startswith("Dueño")
    assert site.in_language("es").placeholders is site.placeholders


# Counts agree in number, by each language's own plural rules (CLDR, through Babel).

def test_a_count_agrees_with_its_noun_by_the_languages_plural_rules(tmp_path: Path) -> None:
    from journeybook.render.labels import counted

    (tmp_path / "pl.yml").write_text(
        "count_stages: {one: '{count} etap', few: '{count} etapy', many: '{count} etapów', other: '{count} etapu'}\n", encoding="utf-8"
    )
    polish = load_labels([tmp_path], "pl")
    assert [counted(polish, "count_stages", n) for n in (1, 2, 5, 22)] == ["1 etap", "2 etapy", "5 etapów", "22 etapy"]
    spanish = load_labels([Path(__file__).parents[1] / "site_config/labels"], "es")
    assert counted(spanish, "count_stages", 1) == "1 etapa" and counted(spanish, "count_stages", 3) == "3 etapas"
    assert counted(spanish, "count_stages", 1_000_000) == "1.000.000 etapas"  # CLDR's "many" falls back to "other"


def test_built_pages_never_say_one_with_a_plural_noun(built_site: Path, spanish_site: Path) -> None:
    english = "\n".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    assert "1 stage with" in english  # the journey diagram row of a one-stage section
    assert not re.search(r"\b1 (stages|customer actions|KPIs|journeys|playbooks|initiatives|latest values)\b", english)
    spanish = "\n".join(p.read_text(encoding="utf-8") for p in spanish_site.rglob("*.html"))
    assert "1 etapa con" in spanish
    assert not re.search(r"\b1 (etapas|acciones|recorridos|iniciativas)\b", spanish)
    kpis = words(page(spanish_site, "kpis/index.html"))
    assert re.search(r"\d+ KPI en \d+ recorridos, a fecha de \d+ \w+ \d{4}\.", kpis)
    assert 'data-template="{shown} de 6 iniciativas"' in (spanish_site / "initiatives/index.html").read_text(encoding="utf-8")


def test_a_spanish_sites_initiative_page_is_spanish(spanish_site: Path) -> None:
    text = words(page(spanish_site, "initiatives/visit-window-sms/index.html"))
    for label in ("Estado", "Terminada", "Responsable", "Fechas", "Hipótesis", "Resultado", "Dónde actúa", "Efecto medido",
                  "Esperado", "Base", "Actual", "Cambio", "Mejorar", "Como se esperaba", "Tendencias de los KPI"):
        assert label in text, label
    assert "1 may 2026 – 30 sept 2026" in text  # CLDR's Spanish medium dates
    assert f"19,5{NBSP}% 1 abr 2026 18,5{NBSP}% 1 nov 2026 -1 p. p." in text  # decimal comma, points of a percentage
    for english in ("Status", "Owner", "Dates", "Hypothesis", "Measured effect", "Baseline", "As expected", "No baseline", "Sep ", "Nov 1"):
        assert english not in text, english
    hub = words(page(spanish_site, "initiatives/index.html"))
    assert "En curso (2)" in hub and "Sin base" in hub and "Sin empezar" in hub and "1.720 EUR" in hub
    assert "No baseline" not in hub and "Not started" not in hub
