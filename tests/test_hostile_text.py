"""Body text: control characters dropped and reported at their line; decomposed accents read as one form."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import journeybook, mkdocs_build


def _append(path: Path, text: str) -> int:
    """Append ``text`` as the last line of ``path``; its line number."""
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(body + text + "\n", encoding="utf-8")
    return body.count("\n") + 1


def test_control_characters_are_dropped_from_the_page_and_warned_at_their_line(project: Path) -> None:
    playbook = project / "content/journeys/add-newborn-to-plan.md"
    line = _append(playbook, "Pay \u202egnp.exe\u202c now and ring\x07 the bell\x1b[31m.")
    persona = next((project / "content/personas").glob("*.md"))
    persona_line = _append(persona, "A quiet\x0b persona.")
    checked = journeybook("check", cwd=project)
    assert checked.code == 0, checked.output
    assert f"content/journeys/add-newborn-to-plan.md:{line}: body: the text contains the invisible direction control U+202E (RIGHT-TO-LEFT OVERRIDE)" in checked.output
    assert "U+0007" in checked.output and "U+001B (control character)" in checked.output
    assert f"{persona.relative_to(project).as_posix()}:{persona_line}: body:" in checked.output
    assert "\x1b" not in checked.output and "\u202e" not in checked.output
    assert journeybook("check", "--strict", cwd=project).code != 0
    built = mkdocs_build(project)
    assert built.code == 0, built.output
    html = (project / "site/journeys/add-newborn-to-plan/index.html").read_text(encoding="utf-8")
    assert "Pay gnp.exe now and ring the bell[31m." in html
    for char in "\u202e\u202c\x07\x1b\x0b":
        assert char not in html
    index = (project / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "\u202e" not in index and "\\u202e" not in index.lower()


def test_a_word_written_with_a_decomposed_accent_is_found_by_its_folded_form(project: Path) -> None:
    playbook = project / "content/journeys/add-newborn-to-plan.md"
    _append(playbook, "La renovacio\u0301n anual del zorbatrón.")
    built = mkdocs_build(project)
    assert built.code == 0, built.output
    docs = json.loads((project / "site/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(doc["text"] + " " + doc.get("title", "") + " " + " ".join(doc.get("tags", []) or []) for doc in docs)
    assert "renovación" in text and "renovacio\u0301n" not in text
    assert "renovacion" in text


def test_dates_after_today_are_located_warnings_that_only_strict_fails(project: Path) -> None:
    playbook = project / "content/journeys/add-newborn-to-plan.md"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("last_reviewed: 2026-08-20", "last_reviewed: 2027-01-05"), encoding="utf-8")
    with (project / "data/kpis/add-newborn-to-plan.csv").open("a", encoding="utf-8") as rows:
        rows.write("add-newborn-to-plan,family-retention,2027-03-01,95.0,\n")
    checked = journeybook("check", cwd=project)
    assert checked.code == 0, checked.output
    assert ("content/journeys/add-newborn-to-plan.md:9:16: last_reviewed: last reviewed on 2027-01-05, which is after today "
            "(2026-11-22); write the date the playbook was really reviewed") in checked.output
    assert ("the latest measurement of KPI 'family-retention' is dated 2027-03-01, after today (2026-11-22); "
            "a measurement cannot come from the future, so check the date in data/kpis/") in checked.output
    assert journeybook("check", "--strict", cwd=project).code == 1
    assert mkdocs_build(project).code == 0


def test_an_author_file_at_an_address_journeybook_writes_is_a_located_error(project: Path) -> None:
    for uri in ("initiatives.json", "assets/javascripts/mermaid.min.js", "assets/stylesheets/journeybook.css", "fields.md"):
        target = project / "content" / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("mine\n", encoding="utf-8")
    checked = journeybook("check", cwd=project)
    assert checked.code == 1, checked.output
    assert ("content/initiatives.json: Journeybook generates the initiatives export at initiatives.json, "
            "which would silently replace this file; rename or move it") in checked.output
    assert "content/assets/javascripts/mermaid.min.js: Journeybook generates the diagram library (Mermaid)" in checked.output
    assert "content/assets/stylesheets/journeybook.css: Journeybook generates Journeybook's stylesheet" in checked.output
    assert "content/fields.md: Journeybook generates the field reference page" in checked.output
    built = mkdocs_build(project)
    assert built.code != 0 and "initiatives.json" in built.output
    assert "Traceback" not in built.output


def test_check_of_named_files_reports_their_project_wide_problems_only(project: Path) -> None:
    journeys = project / "content/journeys"
    original = (journeys / "add-newborn-to-plan.md").read_text(encoding="utf-8")
    (journeys / "copy-of-newborn.md").write_text(original, encoding="utf-8")
    (journeys / "business-onboarding.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")  # another file's problem
    checked = journeybook("check", "content/journeys/copy-of-newborn.md", cwd=project)
    assert checked.code == 1, checked.output
    assert "content/journeys/copy-of-newborn.md:" in checked.output
    assert (": id: duplicate journey id 'add-newborn-to-plan' "
            "(also used by content/journeys/add-newborn-to-plan.md); set a unique 'id'") in checked.output
    assert "business-onboarding" not in checked.output
    alone = journeybook("check", "content/journeys/add-newborn-to-plan.md", cwd=project)
    assert "duplicate journey id 'add-newborn-to-plan' (also used by content/journeys/copy-of-newborn.md)" in alone.output
