"""The broken-input corpus: every case gets its exact finding, exit 1, no traceback; errors fail the build.

Each folder of ``tests/broken/`` holds files in project layout that are laid over a copy of the
example project (most are one playbook: a small valid one with exactly one defect) and
``expected.txt``, the ``file:line:col: field: message`` lines ``journeybook check`` must print,
and nothing else. A case whose defect is a warning by design (rows of measurement data for a
journey or KPI no playbook defines: data often lands before its playbook) also holds
``strict.txt``, which says why: ``check`` then runs with ``--strict``, every line it prints
must be a warning, and only strict mode fails; the build succeeds and publishes it.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import copy_project, journeybook, mkdocs_build

CORPUS = Path(__file__).parent / "broken"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.txt").is_file())
CASE_FILES = ("expected.txt", "strict.txt")

EMOJI_AND_RTL = """---
title: Renovación 📱 תוכנית חדשה
description: Emoji 🎉 and right-to-left text (עברית, العربية) are ordinary text.
persona: first-time-buyer
owner: retail-lending
last_reviewed: 2026-11-01
goals:
  customer: سداد القسط الأول دون مفاجآت 💶
  business: Grow retail lending 📈
stages:
  - id: compare
    name: השוואת הצעות 🔍
    phase: before
    emotion: 3
    feeling: 😊 متفائل
---

Body with 🚀 and שלום.
"""


def overlay(case: str, root: Path) -> Path:
    """A copy of the example project with the case's files laid over it."""
    project = copy_project(root)
    source = CORPUS / case
    for path in source.rglob("*"):
        if path.is_file() and path.name not in CASE_FILES:
            target = project / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return project


def expected(case: str) -> list[str]:
    return (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def strict(case: str) -> bool:
    return (CORPUS / case / "strict.txt").is_file()


def findings(output: str) -> list[str]:
    """The findings ``check`` printed, without their severity prefix."""
    return [line.split(": ", 1)[1] for line in output.splitlines() if line.startswith(("error: ", "warning: "))]


def test_the_corpus_covers_at_least_fifty_cases() -> None:
    assert len(CASES) >= 50
    assert all(expected(case) for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_check_prints_exactly_the_expected_findings(case: str, tmp_path: Path) -> None:
    project = overlay(case, tmp_path / "project")
    result = journeybook("check", *(["--strict"] if strict(case) else []), cwd=project)
    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    assert sorted(findings(result.stdout)) == sorted(expected(case))
    if strict(case):
        assert not any(line.startswith("error: ") for line in result.stdout.splitlines()), result.stdout
        assert journeybook("check", cwd=project).code == 0


def test_a_strict_build_fails_with_the_message_for_every_error_case(tmp_path: Path) -> None:
    def build(case: str) -> tuple[str, int, str]:
        result = mkdocs_build(overlay(case, tmp_path / case))
        return case, result.code, result.output

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outcomes = list(pool.map(build, CASES))
    problems = [
        (case, code, output[-2000:])
        for case, code, output in outcomes
        if (code == 0) != strict(case) or "Traceback" in output or not all(line in output for line in expected(case))
    ]
    assert problems == []
    # Warnings are published, not fatal: the warnings-only cases build, their findings logged at info.
    assert all("WARNING" not in output for case, _, output in outcomes if strict(case))


def test_emoji_and_right_to_left_text_are_accepted(project: Path) -> None:
    (project / "content/journeys/unicode-accepted.md").write_text(EMOJI_AND_RTL, encoding="utf-8")
    check = journeybook("check", "content/journeys/unicode-accepted.md", cwd=project)
    assert check.code == 0, check.output
    build = mkdocs_build(project)
    assert build.code == 0, build.output
    html = (project / "site/journeys/unicode-accepted/index.html").read_text(encoding="utf-8")
    assert "Renovación 📱 תוכנית חדשה" in html and "Body with 🚀 and שלום." in html
