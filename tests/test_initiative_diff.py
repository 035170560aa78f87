"""``journeybook diff`` on initiatives: a real git repository, compared as a reviewer reads it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, journeybook
from test_semantic_diff import commit, git
from test_semantic_diff import write as write_pages

SMS = """---
title: Visit window by SMS
owner: field-services
status: {status}
journeys:
  - journey: internet-outage-restoration
kpis:
  - journey: internet-outage-restoration
    kpi: repeat-contact-rate
started: 2026-05-01
{extra}---

Body.
"""


def write(root: Path, files: dict[str, str | None]) -> None:
    write_pages(root, files, "initiatives")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo" / "site"
    (root / "templates").mkdir(parents=True)
    shutil.copytree(REPO / "templates" / "blocks", root / "templates" / "blocks")
    (root / "mkdocs.yml").write_text("site_name: Diff\ndocs_dir: content\n", encoding="utf-8")
    git(tmp_path / "repo", "init", "-q", "-b", "main")
    return root


def initiatives_section(out: str) -> list[str]:
    return out.split("### Initiatives\n", 1)[1].strip().splitlines()


def test_status_changes_new_results_and_added_or_removed_initiatives(repo: Path) -> None:
    write(repo, {"visit-window-sms.md": SMS.format(status="running", extra=""), "old-idea.md": SMS.replace("Visit window by SMS", "Old idea").format(status="idea", extra="")})
    commit(repo, "base")
    write(repo, {
        "visit-window-sms.md": SMS.format(status="done", extra="ended: 2026-09-30\nresult: Repeat calls fell by a *third* @field-team\n"),
        "old-idea.md": None,
        "new-one.md": SMS.replace("Visit window by SMS", "Call back first").format(status="planned", extra=""),
    })
    commit(repo, "head")
    result = journeybook("diff", "main~1", "main", cwd=repo)
    assert result.code == 0, result.output
    assert initiatives_section(result.stdout) == [
        "- New initiative: **Call back first** (`content/initiatives/new-one.md`), planned",
        "- Removed initiative: **Old idea** (`content/initiatives/old-idea.md`)",
        "- Visit window by SMS: running -> done",
        "- Visit window by SMS: result written: Repeat calls fell by a \\*third\\* @\u2060field-team",
        "- Visit window by SMS: dates 2026-05-01 -> 2026-05-01 to 2026-09-30",
    ]


def test_a_status_change_in_the_working_tree_and_a_dropped_one(repo: Path) -> None:
    write(repo, {"visit-window-sms.md": SMS.format(status="planned", extra="")})
    commit(repo, "base")
    write(repo, {"visit-window-sms.md": SMS.format(status="running", extra="")})
    assert initiatives_section(journeybook("diff", "main", cwd=repo).stdout) == ["- Visit window by SMS: planned -> running"]
    write(repo, {"visit-window-sms.md": SMS.format(status="dropped", extra="result: Customers ignored the messages.\n")})
    assert initiatives_section(journeybook("diff", "main", cwd=repo).stdout) == [
        "- Visit window by SMS: planned -> dropped",
        "- Visit window by SMS: result written: Customers ignored the messages.",
    ]


def test_an_unchanged_initiative_adds_nothing_and_a_broken_one_is_named(repo: Path) -> None:
    write(repo, {"visit-window-sms.md": SMS.format(status="running", extra="")})
    commit(repo, "base")
    assert "No playbook changed in a way readers would see." in journeybook("diff", "main", cwd=repo).stdout
    write(repo, {"visit-window-sms.md": SMS.format(status="in-progress", extra="")})
    out = journeybook("diff", "main", cwd=repo).stdout
    assert "> - `content/initiatives/visit-window-sms.md` at `working tree`: line 4, `status`: 'in-progress' is not allowed" in out
    assert "running ->" not in out
