"""Mermaid syntax in labels stays text: the rendered diagrams equal the model.

Every label of a playbook gets a piece of Mermaid syntax (``click`` lines, ``%%{init}%%``
directives, newlines, ``#``, ``:``, ``;``, ``-->``, ``end``, ``section``). The site is built
with --strict and each diagram is rendered by Mermaid in real Chromium: no link appears, no
dialog opens, Mermaid reports no syntax error, and every node it drew carries a label of the
model, so nothing was injected.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from browser_support import OPEN_SHADOW_ROOTS, browser, serve, watch
from conftest import copy_project, mkdocs_build

INJECTIONS = [
    "click first call alert(1)",
    '%%{init: {"securityLevel": "loose", "theme": "dark"}}%%',
    "two\nlines",
    "hash # and entity #35;",
    "colon: here",
    "semi; colon",
    "arrow --> Injected",
    "end",
    "section Injected",
    '"quotes" [brackets] (parens) {braces} |pipes|',
    "<b>bold</b> & <i>tags</i>",
]

STAGES = [
    {
        "id": f"s{index}", "name": f"Stage {index} {text}", "phase": ("before", "during", "after")[index % 3],
        "emotion": 1 + index % 5, "feeling": f"Feeling {text}",
        "touchpoints": [{"name": f"Touchpoint {index} {text}", "channel": "web", "kind": "owned"}],
        "actions": [f"Action {index} {text}"],
    }
    for index, text in enumerate(INJECTIONS)
]
PLAYBOOK = {
    "title": "Mermaid payloads", "description": "Mermaid syntax in every label.", "persona": "first-time-buyer",
    "owner": "retail-lending", "lifecycle": "active", "last_reviewed": "2026-11-01",
    "goals": {"customer": "end", "business": "click first call alert(2)"},
    "stages": STAGES,
    "verification": [{"method": "mystery_shopping", "cadence": "quarterly", "last_run": "2026-11-01"}],
}


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


LABELS = [normal(s) for stage in STAGES for s in (stage["name"], stage["feeling"], stage["touchpoints"][0]["name"], stage["actions"][0])]


def model_labels(project: Path) -> list[str]:
    """Every label the model may draw: the playbook's texts and the names of the phases."""
    phases = yaml.safe_load((project / "site_config/phases.yml").read_text(encoding="utf-8"))
    return [*LABELS, *(normal(p["name"]) for p in phases)]


@pytest.mark.browser
def test_labels_render_as_text_with_nothing_injected(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = f"---\n{yaml.safe_dump(PLAYBOOK, allow_unicode=True, sort_keys=False)}---\n\nProse.\n"
    (project / "content/journeys/mermaid-payloads.md").write_text(text, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    html = (project / "site/journeys/mermaid-payloads/index.html").read_text(encoding="utf-8")
    assert 'class="mermaid"' in html, "the playbook page draws no Mermaid diagram"
    with serve(project / "site") as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.add_init_script(OPEN_SHADOW_ROOTS)
        log = watch(page, base)
        page.goto(base + "journeys/mermaid-payloads/", wait_until="load")
        page.wait_for_function("[...document.querySelectorAll('div.mermaid')].every(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))", timeout=20000)
        diagrams = page.evaluate(
            """() => [...document.querySelectorAll('div.mermaid')].map(d => {
                const svg = d.shadowRoot.querySelector('svg');
                return {
                  links: [...svg.querySelectorAll('a')].map(a => a.getAttribute('href') || a.getAttribute('xlink:href')),
                  text: svg.textContent,
                  nodes: [...svg.querySelectorAll('.node, .task, .section, .label')].map(n => n.textContent),
                };
            })"""
        )
        assert log.dialogs == []
    assert len(diagrams) == html.count('<pre class="mermaid">') > 0
    labels = model_labels(project)
    own_anchors = {f"#stage-{stage['id']}" for stage in STAGES}
    for diagram in diagrams:
        # The stage flow links each node to its own section; a ``click`` label must add nothing else.
        assert set(diagram["links"]) <= own_anchors, diagram["links"]
        assert "Syntax error" not in diagram["text"]
        # A node that holds no whole label of the model was injected (``--> Injected`` would draw one).
        stray = [n for n in diagram["nodes"] if normal(n) and not any(label in normal(n) for label in labels)]
        assert stray == []
    drawn = " ".join(normal(d["text"]) for d in diagrams)
    for stage in STAGES:
        assert normal(stage["name"]) in drawn
