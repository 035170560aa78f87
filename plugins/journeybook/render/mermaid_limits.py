"""What the pinned Mermaid refuses to draw, checked when the diagram is written.

Mermaid (``mermaid`` 11.17.2 in ``package.json``) replaces any diagram whose text is longer
than its ``maxTextSize`` with "Maximum text size in diagram exceeded", and fails a flowchart
with more than ``maxEdges`` links. Both are "secure" settings: a diagram's own front matter
cannot raise them, and Material's loader leaves Mermaid's defaults. A playbook with hundreds
of stages, or a stage with a thousand actions, passes every other check, so the site would
publish a broken diagram. Instead a journey diagram with a row too long to draw is drawn with
one step per stage, under a note saying so; a stage flow too long is left out with a note
saying why (the stage sections and the map show the same content); and ``check`` warns. ``tests/test_mermaid_limits.py`` reads both defaults from the bundle in
``node_modules`` so that an upgrade changing them fails a test rather than a page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean

from journeybook.findings import Finding, Severity
from journeybook.model.resolved import Journey
from journeybook.read.front_matter import YamlProblem, read_markdown
from journeybook.read.layout import Layout
from journeybook.render.labels import FALLBACK, Labels, load_labels
from journeybook.render.mermaid import flowchart, journey
from journeybook.views.diagram import DiagramModel, JourneyRow, Task, diagram_model

PINNED_MERMAID = "11.17.2"
"""The version in ``package.json`` whose defaults these are."""
MAX_TEXT_SIZE = 50_000
"""Mermaid's ``maxTextSize``: characters (UTF-16 code units) of the diagram, front matter excluded."""
MAX_EDGES = 500
"""Mermaid's ``maxEdges``: links of one flowchart."""


def mermaid_length(text: str) -> int:
    """The length Mermaid compares: JavaScript's ``length`` of the text once its front matter is taken off."""
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return len(body.encode("utf-16-le")) // 2


def over_limit(text: str, edges: int = 0) -> str | None:
    """Why Mermaid would not draw ``text`` (with ``edges`` links), or None when it would."""
    length = mermaid_length(text)
    if length > MAX_TEXT_SIZE:
        return f"its Mermaid text has {length:,} characters and Mermaid draws at most {MAX_TEXT_SIZE:,}"
    if edges > MAX_EDGES:
        return f"it has {edges:,} links and Mermaid draws at most {MAX_EDGES:,}"
    return None


@dataclass(frozen=True)
class Fitted:
    """A diagram as it can be drawn: the full one, a simpler one, or none, and why."""

    diagrams: tuple[str, ...]
    """The Mermaid texts to publish (the journey diagram's rows, or the one flowchart); empty when nothing fits."""
    problem: str | None = None
    """Why the full diagram is not drawn; None when it is."""
    simplified: bool = False


def one_step_per_stage(row: JourneyRow) -> JourneyRow:
    """The row with each stage's actions folded into one step: the stage's name, their mean score, all their channels."""
    sections = tuple(
        replace(section, tasks=(Task(section.name, round(mean(t.score for t in section.tasks)), tuple(dict.fromkeys(a for t in section.tasks for a in t.actors))),))
        for section in row.sections
    )
    return replace(row, sections=sections)


def _first_problem(texts: Iterable[str]) -> str | None:
    """Why Mermaid would not draw one of the rows, or None when it draws them all (each row is a diagram of its own)."""
    return next((problem for problem in map(over_limit, texts) if problem is not None), None)


def fit_journey(model: DiagramModel) -> Fitted:
    """The journey diagram's rows; when Mermaid would refuse one, every row with one step per stage.

    Only a stage with more than a thousand actions makes a row too long (a row holds at most
    four actions, or one stage's). Folded, a row has at most four steps, each of texts of at
    most 2,000 characters, so it always fits and the journey diagram is never left out.
    """
    full = tuple(journey(row) for row in model.rows)
    problem = _first_problem(full)
    if problem is None:
        return Fitted(full)
    return Fitted(tuple(journey(one_step_per_stage(row)) for row in model.rows), problem, simplified=True)


def fit_flow(model: DiagramModel) -> Fitted:
    full = flowchart(model)
    problem = over_limit(full, len(model.edges))
    return Fitted((full,)) if problem is None else Fitted((), problem)


def diagram_findings(journeys: Iterable[Journey], layout: Layout) -> list[Finding]:
    """A warning at ``stages`` for each diagram Mermaid would not draw, for ``check``.

    Writing both diagrams costs a few milliseconds a playbook, so only ``check`` does it for
    every playbook (a build writes them anyway); the labels are the English ones, whose
    length differs from a translation's by a few words of the diagrams' accessible text.
    """
    labels = load_labels(layout.label_dirs, FALLBACK)
    found: list[Finding] = []
    for item in journeys:
        problems = oversized_diagrams(item, labels)
        if problems:
            line = _stages_line(layout.root / item.source_path, layout.root)
            found.extend(Finding(item.source_path, line, None, "stages", problem, "diagram-too-big", Severity.WARNING) for problem in problems)
    return found


def _stages_line(path: Path, root: Path) -> int:
    try:
        document = read_markdown(path, root).front_matter
    except (OSError, YamlProblem):
        return 1
    position = document.position(("stages",)) if document is not None else None
    return position.line if position else 1


def oversized_diagrams(item: Journey, labels: Labels) -> list[str]:
    """One sentence per diagram of ``item`` that Mermaid would not draw in full, for ``check`` to warn about."""
    model = diagram_model(item, labels)
    advice = "(split the journey into several playbooks, or fold actions into fewer stages)"
    found = []
    for name, fitted in (("journey diagram", fit_journey(model)), ("stage flow", fit_flow(model))):
        if fitted.simplified:
            found.append(f"the {name} is drawn with one step per stage: {fitted.problem} {advice}")
        elif fitted.problem:
            found.append(f"the {name} is not drawn: {fitted.problem}; the page shows a note in its place {advice}")
    return found
