"""Every generated diagram, read back by Mermaid's own parser, equals the diagram model.

The pinned ``mermaid`` npm package parses each diagram (``tests/mermaid_parse.mjs``, Node +
jsdom); its database must hold the same sections, tasks, scores, actors, phase boxes, stages,
owners, links and accessible texts as the model, with nothing truncated, rewritten or added.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from diagram_support import (
    decode,
    example_journeys,
    hostile_journey,
    labels,
    mermaid_parse,
    one_line,
)
from journeybook.render.mermaid import flowchart, journey
from journeybook.views.diagram import (
    DiagramModel,
    FlowNode,
    JourneyRow,
    Section,
    diagram_model,
)


def section_name(section: Section) -> str:
    """A stage's heading as the emitter writes it: a star before a moment of truth."""
    return f"★ {one_line(section.name)}" if section.moment else one_line(section.name)


def expected_journey(row: JourneyRow) -> dict[str, Any]:
    return {
        "accTitle": one_line(row.a11y.title),
        "accDescription": one_line(row.a11y.description),
        "sections": [section_name(s) for s in row.sections],
        "tasks": [(section_name(s), one_line(t.text), t.score, [one_line(a) for a in t.actors]) for s in row.sections for t in s.tasks],
        "actors": sorted({one_line(a.name) for a in row.actors}),
    }


def parsed_journey(parsed: dict[str, Any]) -> dict[str, Any]:
    return {
        "accTitle": decode(parsed["accTitle"]),
        "accDescription": decode(parsed["accDescription"]),
        "sections": [decode(s) for s in parsed["sections"]],
        "tasks": [(decode(t["section"]), decode(t["task"]), t["score"], [decode(p) for p in t["people"]]) for t in parsed["tasks"]],
        "actors": sorted(decode(a) for a in parsed["actors"]),
    }


def node_lines(node: FlowNode) -> list[str]:
    """The lines of a stage's box, as the emitter lays them out (its own markup, author text)."""
    lines = [one_line(node.name), f"<small>{one_line(node.owner).replace(' ', chr(0xA0))}</small>"]
    return [f"<b>★ {node.moment}</b>", *lines] if node.moment else lines


def expected_flow(model: DiagramModel) -> dict[str, Any]:
    nodes = [n for g in model.groups for n in g.nodes]
    return {
        "accTitle": one_line(model.flow_a11y.title),
        "accDescription": one_line(model.flow_a11y.description),
        "subgraphs": [(g.group_id, one_line(g.name), [n.node_id for n in g.nodes], "LR") for g in model.groups],
        "stages": [(n.node_id, node_lines(n), f"#{n.anchor}", one_line(n.name), bool(n.moment)) for n in nodes],
        "edges": [list(edge) for edge in model.edges],
    }


def parsed_flow(parsed: dict[str, Any]) -> dict[str, Any]:
    boxes = {s["id"] for s in parsed["subgraphs"]}
    return {
        "accTitle": decode(parsed["accTitle"]),
        "accDescription": decode(parsed["accDescription"]),
        "subgraphs": [(s["id"], decode(s["title"]), s["nodes"], s["dir"]) for s in parsed["subgraphs"]],
        # The author's text cannot hold a raw "<br>" (it is coded), so splitting on it is exact.
        "stages": [
            (v["id"], [decode(line) for line in v["text"].split("<br>")], v["link"], decode(parsed["tooltips"].get(v["id"], "")), "moment" in v["classes"])
            for v in parsed["vertices"] if v["id"] not in boxes
        ],
        "edges": [[e["start"], e["end"]] for e in parsed["edges"]],
    }


def models(tmp_path: Path) -> dict[str, DiagramModel]:
    journeys = {**example_journeys(), "hostile": hostile_journey(tmp_path)}
    return {name: diagram_model(j, labels()) for name, j in journeys.items()}


def test_mermaid_parses_every_diagram_into_the_model(tmp_path: Path) -> None:
    built = models(tmp_path)
    texts = [text for model in built.values() for text in (*(journey(row) for row in model.rows), flowchart(model))]
    results = iter(mermaid_parse(texts))
    for name, model in built.items():
        for row in model.rows:
            parsed_j = next(results)
            assert "error" not in parsed_j, (name, parsed_j)
            assert parsed_j["diagramType"] == "journey"
            assert parsed_journey(parsed_j) == expected_journey(row), name
        parsed_f = next(results)
        assert "error" not in parsed_f, (name, parsed_f)
        assert parsed_f["diagramType"] == "flowchart-v2"
        assert parsed_flow(parsed_f) == expected_flow(model), name


def test_hostile_labels_reach_mermaid_whole(tmp_path: Path) -> None:
    """The hostile playbook's texts, character for character, in what Mermaid parsed."""
    model = models(tmp_path)["hostile"]
    parsed_rows = [parsed_journey(parsed) for parsed in mermaid_parse([journey(row) for row in model.rows])]
    parsed = {key: [item for row in parsed_rows for item in row[key]] for key in ("sections", "tasks", "actors")}
    tasks = {task for _, task, _, _ in parsed["tasks"]}
    assert {"section Injected", "title Injected", "journey", "accTitle: injected", "Section capitalised", "end"} <= tasks
    assert {'%%{init: {"securityLevel": "loose"}}%%', "two lines and tabs", "ﬂ°°58¶ß Mermaid's own placeholder", "style x fill:#f00;"} <= tasks
    assert "hash # and entity #58; and #quot;" in parsed["sections"]
    assert set(parsed["actors"]) == {"Web, site: #1; %% end"}
    assert len(parsed["sections"]) == len(model.sections)


@pytest.mark.parametrize(("raw", "problem"), [
    ("journey\n  section A\n    Pay: then wait: 5: Me\n", "a colon ends the task name"),
    ("journey\n  section A\n    section Injected: 5: Me\n", "a task becomes a section"),
    ("journey\n  section A\n    Semi; colon: 5: Me\n", "a semicolon ends the statement"),
])
def test_the_parser_sees_what_unescaped_labels_would_do(raw: str, problem: str) -> None:
    """Guards the guard: without escaping, Mermaid's parse differs from the intended label."""
    parsed = mermaid_parse([raw])[0]
    intended = raw.splitlines()[2].strip().rsplit(": 5", 1)[0]
    tasks = [t["task"] for t in parsed.get("tasks", [])]
    assert "error" in parsed or tasks != [intended], problem
