"""The journey-map blocks of a playbook page: ``diagram``, ``flow``, ``curve``, ``map`` and ``stages``.

The diagram model is computed once per journey and page (``diagram_model``) and shared by the
three diagrams; the Mermaid text comes only from ``journeybook.mermaid``. The templates put it
in a ``<pre class="mermaid">`` themselves, HTML-escaped by Jinja2 (``html_block``), rather than
in a Markdown fence: the site's fence formatter decides how a fence's text reaches the page, and
mkdocs-mermaid2's ``fence_mermaid_custom`` writes it unescaped, so the browser turned our
``<br>`` and ``<small>`` into elements and Material's loader, which reads the text, lost them.

Default layout: the stage flow and the emotional curve open the page (the overview the prose
then talks about); the map grid, the journey diagram and a section per stage follow the prose.
"""

from __future__ import annotations

from markupsafe import Markup

from ..diagram_model import DiagramModel, diagram_model
from ..emotion_curve import emotion_curve
from ..map_grid import MapGrid, map_grid
from ..mermaid import flowchart, journey
from ..page_blocks import DEFAULT_AFTER, DEFAULT_BEFORE, BlockContext, block


def model(context: BlockContext) -> DiagramModel:
    """The page's diagram model, shared by the three diagrams."""
    return context.shared("diagram_model", lambda: diagram_model(context.journey, context.renderer.labels))


def lane_cells(context: BlockContext) -> dict[str, list[Markup]]:
    """Each lane's cell for each stage, rendered once for both the map grid and the stage sections."""

    def render() -> dict[str, list[Markup]]:
        cell = context.renderer.env.get_template("_journey.html").module.lane_cell  # type: ignore[attr-defined]
        return {lane.key: [cell(lane, items, context.links) for items in lane.cells] for lane in grid(context).lanes}

    return context.shared("lane_cells", render)


def grid(context: BlockContext) -> MapGrid:
    return context.shared("map_grid", lambda: map_grid(context.journey))


@block("diagram")
def diagram_block(context: BlockContext) -> str:
    return str(context.renderer.render("mermaid.md", block="diagram", kind="journey", mermaid=journey(model(context))))


@block("flow")
def flow_block(context: BlockContext) -> str:
    return str(context.renderer.render("mermaid.md", block="flow", kind="flow", mermaid=flowchart(model(context))))


@block("curve")
def curve_block(context: BlockContext) -> str:
    current = model(context)
    return str(context.renderer.render("curve.html", curve=emotion_curve(current.points), model=current))


@block("map")
def map_block(context: BlockContext) -> str:
    return str(context.renderer.render("map.html", grid=grid(context), cells=lane_cells(context), journey=context.journey, links=context.links))


@block("stages")
def stages_block(context: BlockContext) -> str:
    return str(context.renderer.render("stages.md", grid=grid(context), cells=lane_cells(context), journey=context.journey, links=context.links))


DEFAULT_BEFORE.extend(["flow", "curve"])
DEFAULT_AFTER[:0] = ["map", "diagram", "stages"]
