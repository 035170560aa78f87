"""The journey-map blocks of a playbook page: ``diagram``, ``flow``, ``curve``, ``map`` and ``stages``.

The diagram model is computed once per journey and page (``diagram_model``) and shared by the
three diagrams; the Mermaid text comes only from ``journeybook.render.mermaid``. The templates put it
in a ``<pre class="mermaid">`` themselves, HTML-escaped by Jinja2 (``html_block``), rather than
in a Markdown fence: the site's fence formatter decides how a fence's text reaches the page, and
mkdocs-mermaid2's ``fence_mermaid_custom`` writes it unescaped, so the browser turned our
``<br>`` and ``<small>`` into elements and Material's loader, which reads the text, lost them.
"""

from __future__ import annotations

from markupsafe import Markup

from journeybook.blocks.context import BlockContext
from journeybook.render.mermaid_limits import Fitted, fit_flow, fit_journey
from journeybook.views.curve import emotion_curve
from journeybook.views.diagram import DiagramModel, diagram_model
from journeybook.views.grid import MapGrid, map_grid
from journeybook.views.initiatives import INITIATIVE_VIEWS, InitiativeViews


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
    """The map grid, with a lane of the initiatives acting on the journey when there are any."""
    initiatives: InitiativeViews = context.views.get(INITIATIVE_VIEWS) or InitiativeViews()
    return context.shared("map_grid", lambda: map_grid(context.journey, tuple(initiatives.acting_on(context.journey.id)), context.renderer.language))


def _mermaid_block(context: BlockContext, block: str, kind: str, fitted: Fitted) -> str:
    """The diagram as the pinned Mermaid can draw it (``render.mermaid_limits``), with a note when it is not the full one."""
    return str(context.renderer.render("mermaid.md", block=block, kind=kind, diagrams=fitted.diagrams, not_drawn=fitted.problem, simplified=fitted.simplified))


def diagram_block(context: BlockContext) -> str:
    return _mermaid_block(context, "diagram", "journey", fit_journey(model(context)))


def flow_block(context: BlockContext) -> str:
    return _mermaid_block(context, "flow", "flow", fit_flow(model(context)))


def curve_block(context: BlockContext) -> str:
    current = model(context)
    return str(context.renderer.render("curve.html", curve=emotion_curve(current.points), model=current))


def map_block(context: BlockContext) -> str:
    return str(context.renderer.render("map.html", grid=grid(context), cells=lane_cells(context), journey=context.journey, links=context.links))


def stages_block(context: BlockContext) -> str:
    return str(context.renderer.render("stages.md", grid=grid(context), cells=lane_cells(context), journey=context.journey, links=context.links))
