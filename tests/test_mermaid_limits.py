"""Diagrams the pinned Mermaid would refuse to draw are left out with a note, and ``check`` warns.

Mermaid replaces a diagram over ``maxTextSize`` characters with "Maximum text size in diagram
exceeded" and fails a flowchart over ``maxEdges`` links; a playbook with hundreds of stages,
or a stage with a thousand actions, passes every other check, so the limits are checked when
the diagrams are written.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from browser_support import OPEN_SHADOW_ROOTS, browser, serve, watch
from conftest import REPO, copy_project, journeybook, mkdocs_build
from journeybook.render.mermaid_limits import (
    MAX_EDGES,
    MAX_TEXT_SIZE,
    PINNED_MERMAID,
    mermaid_length,
    over_limit,
)

FRONT = '---\nconfig:\n  journey: {"useMaxWidth": false}\n---\n'


def test_the_limits_are_the_defaults_of_the_pinned_mermaid() -> None:
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["dependencies"]["mermaid"]
    installed = json.loads((REPO / "node_modules/mermaid/package.json").read_text(encoding="utf-8"))["version"]
    assert pinned == installed == PINNED_MERMAID
    bundle = (REPO / "node_modules/mermaid/dist/mermaid.js").read_text(encoding="utf-8")
    defaults = dict(re.findall(r'"(maxTextSize|maxEdges)": ([0-9.e]+),', bundle))
    assert {key: float(value) for key, value in defaults.items()} == {"maxTextSize": MAX_TEXT_SIZE, "maxEdges": MAX_EDGES}


@pytest.mark.parametrize(
    ("text", "edges", "problem"),
    [
        (FRONT + "a" * 50_000, 0, None),
        (FRONT + "a" * 50_001, 0, "its Mermaid text has 50,001 characters and Mermaid draws at most 50,000"),
        ("a" * 50_001, 0, "its Mermaid text has 50,001 characters and Mermaid draws at most 50,000"),
        # JavaScript counts UTF-16 code units: an emoji is two.
        (FRONT + "\N{GRINNING FACE}" * 25_000, 0, None),
        (FRONT + "\N{GRINNING FACE}" * 25_000 + "a", 0, "its Mermaid text has 50,001 characters and Mermaid draws at most 50,000"),
        ("flowchart TB", 500, None),
        ("flowchart TB", 501, "it has 501 links and Mermaid draws at most 500"),
    ],
)
def test_over_limit(text: str, edges: int, problem: str | None) -> None:
    assert over_limit(text, edges) == problem


def test_the_front_matter_is_not_counted() -> None:
    assert mermaid_length(FRONT + "journey\n") == len("journey\n")


def huge_playbook(stages: int, first_actions: int = 3) -> str:
    """A playbook of ``stages`` stages of three actions each, the first with ``first_actions``."""
    data = {
        "title": "Huge", "persona": "first-time-buyer", "owner": "retail-lending", "lifecycle": "active",
        "last_reviewed": "2026-11-01", "goals": {"customer": "Get it done.", "business": "Keep the customer."},
        "stages": [
            {"id": f"s{i}", "name": f"Stage number {i} with a fairly long name", "phase": "during", "emotion": 3, "feeling": "ok",
             "actions": [f"Does thing {k} in stage {i}" for k in range(first_actions if i == 0 else 3)],
             "touchpoints": [{"name": "Web", "channel": "web", "kind": "owned"}]}
            for i in range(stages)
        ],
    }
    return f"---\n{yaml.safe_dump(data, sort_keys=False)}---\nBody.\n"


ADVICE = "(split the journey into several playbooks, or fold actions into fewer stages)"


def write_huge(project: Path, stages: int, first_actions: int = 3, name: str = "huge") -> int:
    """Writes content/journeys/<name>.md; returns the line its findings point at (the first stage)."""
    path = project / f"content/journeys/{name}.md"
    path.write_text(huge_playbook(stages, first_actions), encoding="utf-8")
    return path.read_text(encoding="utf-8").splitlines().index("stages:") + 2


@pytest.fixture(scope="module")
def huge_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The example project with a 400-stage playbook (its stage flow is too long) and a two-stage
    one whose first stage has 1,500 actions (its journey diagram's first row is too long)."""
    project = copy_project(tmp_path_factory.mktemp("huge") / "project")
    line = write_huge(project, 400)
    assert write_huge(project, 2, 1500, "wide") == line
    built = mkdocs_build(project, "--no-strict")
    assert built.code == 0, built.output
    return project, line


def test_check_warns_about_each_diagram_mermaid_would_not_draw_in_full(huge_project: tuple[Path, int]) -> None:
    project, line = huge_project
    result = journeybook("check", cwd=project)
    assert result.code == 0, result.output
    assert result.stdout.splitlines() == [
        f"warning: content/journeys/huge.md:{line}: stages: the stage flow is not drawn: its Mermaid text has 75,039 characters and Mermaid draws at most 50,000; the page shows a note in its place {ADVICE}",
        f"warning: content/journeys/wide.md:{line}: stages: the journey diagram is drawn with one step per stage: its Mermaid text has 69,642 characters and Mermaid draws at most 50,000 {ADVICE}",
        "0 errors, 2 warnings",
    ]


def notes(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<p class="jb-alert jb-diagram-(not-drawn|simplified)">(.*?)</p>', page)


def diagrams(page: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', page, re.S)]


def test_a_journey_diagram_too_long_is_drawn_with_one_step_per_stage_and_a_flow_too_long_is_left_out(huge_project: tuple[Path, int]) -> None:
    site = huge_project[0] / "site"
    huge = (site / "journeys/huge/index.html").read_text(encoding="utf-8")
    assert notes(huge) == [
        ("not-drawn", "This diagram is not drawn: its Mermaid text has 75,039 characters and Mermaid draws at most 50,000. The stages below describe the same journey."),
    ]
    assert len(diagrams(huge)) == 400  # the journey diagram in full, a row per stage; no flow
    assert 'id="stage-s399"' in huge
    wide = (site / "journeys/wide/index.html").read_text(encoding="utf-8")
    assert notes(wide) == [
        ("simplified", "Drawn with one step per stage (its average score and all its channels): the full diagram is not drawn because its Mermaid text has 69,642 characters and Mermaid draws at most 50,000."),
    ]
    rows = [text for text in diagrams(wide) if "\njourney\n" in text]
    flow = [text for text in diagrams(wide) if "\nflowchart TB\n" in text]
    assert [row.count("\n        ") for row in rows] == [1, 1]  # one task per stage
    assert all(mermaid_length(text) <= MAX_TEXT_SIZE for text in rows) and len(flow) == 1
    other = (site / "journeys/mortgage-application/index.html").read_text(encoding="utf-8")
    assert "jb-diagram-not-drawn" not in other and "jb-diagram-simplified" not in other


@pytest.mark.browser
def test_the_simpler_journey_diagram_is_drawn_in_chromium(huge_project: tuple[Path, int]) -> None:
    site = huge_project[0] / "site"
    with serve(site) as base, browser() as context:
        context.add_init_script(OPEN_SHADOW_ROOTS)  # type: ignore[attr-defined]
        page = context.new_page()  # type: ignore[attr-defined]
        log = watch(page, base)
        page.goto(base + "journeys/wide/", wait_until="load", timeout=180_000)  # a 1,500-action page, on a busy machine
        page.wait_for_function(
            "() => { const d = document.querySelector('.jb-diagram--journey div.mermaid'); return d && d.shadowRoot && d.shadowRoot.querySelector('svg'); }",
            timeout=180_000,
        )
        drawn = page.evaluate(
            "() => { const svg = document.querySelector('.jb-diagram--journey div.mermaid').shadowRoot.querySelector('svg');"
            " return { kind: svg.getAttribute('aria-roledescription'), text: svg.textContent.includes('Maximum text size'),"
            " error: !!svg.querySelector('.error-icon, .error-text'), sections: svg.querySelectorAll('rect.journey-section').length }; }"
        )
    assert drawn == {"kind": "journey", "text": False, "error": False, "sections": 1}
    assert log.console_errors == []


def test_a_playbook_just_under_the_limits_keeps_its_diagrams(project: Path) -> None:
    (project / "content/journeys/big.md").write_text(huge_playbook(150), encoding="utf-8")
    result = journeybook("check", cwd=project)
    assert (result.code, result.stdout, result.stderr) == (0, "0 errors, 0 warnings\n", "checked 6 playbooks, 6 initiatives: no problems\n")
