"""Diagrams the pinned Mermaid would refuse to draw are left out with a note, and ``check`` warns.

Mermaid replaces a diagram over ``maxTextSize`` characters with "Maximum text size in diagram
exceeded" and fails a flowchart over ``maxEdges`` links; a playbook with hundreds of stages
passes every other check, so the limits are checked when the diagrams are written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, copy_project, journeybook, mkdocs_build
from journeybook.render.mermaid_limits import MAX_EDGES, MAX_TEXT_SIZE, PINNED_MERMAID, mermaid_length, over_limit

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


def huge_playbook(stages: int) -> str:
    data = {
        "title": "Huge", "persona": "first-time-buyer", "owner": "retail-lending", "lifecycle": "active",
        "last_reviewed": "2026-11-01", "goals": {"customer": "Get it done.", "business": "Keep the customer."},
        "stages": [
            {"id": f"s{i}", "name": f"Stage number {i} with a fairly long name", "phase": "during", "emotion": 3, "feeling": "ok",
             "actions": [f"Does thing {k} in stage {i}" for k in range(3)],
             "touchpoints": [{"name": "Web", "channel": "web", "kind": "owned"}]}
            for i in range(stages)
        ],
    }
    return f"---\n{yaml.safe_dump(data, sort_keys=False)}---\nBody.\n"


def test_a_playbook_too_big_for_mermaid_is_a_warning_and_a_note_not_a_broken_diagram(project: Path) -> None:
    path = project / "content/journeys/huge.md"
    path.write_text(huge_playbook(400), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("stages:") + 2  # where its value, the first stage, starts
    result = journeybook("check", cwd=project)
    assert result.code == 0, result.output
    advice = "; the page shows a note in its place (split the journey into several playbooks, or fold actions into fewer stages)"
    assert result.stdout.splitlines() == [
        f"warning: content/journeys/huge.md:{line}: stages: the journey diagram is not drawn: its Mermaid text has 76,144 characters and Mermaid draws at most 50,000{advice}",
        f"warning: content/journeys/huge.md:{line}: stages: the stage flow is not drawn: its Mermaid text has 73,439 characters and Mermaid draws at most 50,000{advice}",
        "0 errors, 2 warnings",
    ]

    # The site is still published (a warning never stops it); the page says why, with no diagram.
    built = mkdocs_build(project, "--no-strict")
    assert built.code == 0, built.output
    page = (project / "site/journeys/huge/index.html").read_text(encoding="utf-8")
    notes = re.findall(r'<p class="jb-alert jb-diagram-not-drawn">(.*?)</p>', page)
    assert notes == [
        # the stage flow comes first on the page, then the journey diagram
        "This diagram is not drawn: its Mermaid text has 73,439 characters and Mermaid draws at most 50,000. The stages below describe the same journey.",
        "This diagram is not drawn: its Mermaid text has 76,144 characters and Mermaid draws at most 50,000. The stages below describe the same journey.",
    ]
    assert 'class="mermaid"' not in page
    assert 'id="stage-s399"' in page
    other = (project / "site/journeys/mortgage-application/index.html").read_text(encoding="utf-8")
    assert other.count('<pre class="mermaid">') == 2


def test_a_playbook_just_under_the_limits_keeps_its_diagrams(project: Path) -> None:
    (project / "content/journeys/big.md").write_text(huge_playbook(150), encoding="utf-8")
    result = journeybook("check", cwd=project)
    assert (result.code, result.stdout, result.stderr) == (0, "0 errors, 0 warnings\n", "checked 6 playbooks: no problems\n")
