"""Reloading after an edit while previewing gives the project a full load would give.

Each case edits a private copy of the example project the way an author would, refreshes the
previous project, and compares what readers would get (journeys in order, every finding, the
pages that fail, each KPI's status) with a fresh full load of the same files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import pytest
from conftest import TODAY
from journeybook.model.project import Project, load_project
from journeybook.model.refresh import Inputs, refresh
from journeybook.read.layout import Layout

MORTGAGE = "content/journeys/mortgage-application.md"


def summary(project: Project) -> dict[str, Any]:
    return {
        "journeys": [(j.id, j.src_uri, j.title, j.owner.name if j.owner else None, [s.name for s in j.stages]) for j in project.journeys.values()],
        "findings": [str(f) for f in project.findings.sorted()],
        "broken": sorted(project.broken),
        "kpis": sorted((key, view.status.value) for key, view in project.kpis.items()),
    }


def retitle(project: Path) -> None:
    path = project / MORTGAGE
    path.write_text(re.sub(r"(?m)^title:.*$", "title: Retitled", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def retarget(project: Path) -> None:
    """Every KPI's target far out of reach: statuses change, from the same measurements."""
    path = project / MORTGAGE
    path.write_text(re.sub(r"(?m)^(\s+target:) .*$", r"\1 1000000", path.read_text(encoding="utf-8")), encoding="utf-8")


def rename_kpi(project: Path) -> None:
    """Its rows in data/kpis/ now name a KPI the playbook no longer has: a warning in the CSV."""
    path = project / MORTGAGE
    path.write_text(path.read_text(encoding="utf-8").replace("id: application-abandonment", "id: abandonment", 1), encoding="utf-8")


def break_persona(project: Path) -> None:
    path = project / MORTGAGE
    path.write_text(re.sub(r"(?m)^persona:.*$", "persona: nobody", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def remove(project: Path) -> None:
    (project / MORTGAGE).unlink()


def copy_under_new_name(project: Path) -> None:
    text = (project / MORTGAGE).read_text(encoding="utf-8")
    (project / "content/journeys/mortgage-copy.md").write_text(text.replace("title:", "id: mortgage-copy\ntitle:", 1), encoding="utf-8")


def duplicate_id(project: Path) -> None:
    (project / "content/journeys/same-id.md").write_text((project / MORTGAGE).read_text(encoding="utf-8"), encoding="utf-8")


def rename_team(project: Path) -> None:
    owners = project / "data/owners.yml"
    owners.write_text(owners.read_text(encoding="utf-8").replace("name: Retail Lending", "name: Lending Team", 1), encoding="utf-8")


@pytest.mark.parametrize("edit", [retitle, retarget, rename_kpi, break_persona, remove, copy_under_new_name, duplicate_id, rename_team], ids=lambda e: e.__name__)
def test_refresh_after_an_edit_equals_a_full_load(project: Path, edit: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYBOOK_TODAY", TODAY)
    layout = Layout.at(project)
    before = load_project(layout)
    inputs = Inputs.scan(layout)
    edit(project)
    refreshed, _ = refresh(before, inputs, layout)
    # A playbook edited in place is merged into the previous project: same shared data, and
    # the measurements joined again, not read again.
    merged = edit in (retitle, retarget)
    assert (refreshed.site is before.site) == merged and (refreshed.readings is before.readings) == merged
    assert summary(refreshed) == summary(load_project(layout))
    assert summary(refreshed) != summary(before)


def test_refresh_without_an_edit_keeps_the_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYBOOK_TODAY", TODAY)
    layout = Layout.at(project)
    before = load_project(layout)
    refreshed, _ = refresh(before, Inputs.scan(layout), layout)
    assert refreshed is before


def test_a_prose_edit_keeps_the_project_and_a_template_edit_reloads_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Prose is not part of the project, so the generated pages can be kept; templates shape them."""
    monkeypatch.setenv("JOURNEYBOOK_TODAY", TODAY)
    layout = Layout.at(project)
    before = load_project(layout)
    inputs = Inputs.scan(layout, project / "mkdocs.yml")
    path = project / MORTGAGE
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence of prose.\n", encoding="utf-8")
    refreshed, inputs = refresh(before, inputs, layout, project / "mkdocs.yml")
    assert refreshed is before
    template = project / "templates/blocks/catalog.md"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    reloaded, _ = refresh(refreshed, inputs, layout, project / "mkdocs.yml")
    assert reloaded is not before and summary(reloaded) == summary(before)
