"""The ``kpis`` block: a playbook's KPI table, with status, trend, breakdown and trend chart.

The views come computed from the project (``Project.kpis``, handed to blocks as
``context.views["kpis"]``); this block only pairs each with its chart, marked with the start
and end of the initiatives aiming at the KPI (``context.views["initiatives"]``), and renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeybook.blocks.context import BlockContext
from journeybook.views.initiatives import (
    INITIATIVE_VIEWS,
    InitiativeViews,
    chart_markers,
)
from journeybook.views.kpi_chart import KpiChart, kpi_chart
from journeybook.views.kpi_status import KPI_VIEWS, KpiView


@dataclass(frozen=True)
class KpiRow:
    view: KpiView
    chart: KpiChart | None


def kpi_rows(context: BlockContext) -> list[KpiRow]:
    views: dict[tuple[str, str], KpiView] = context.views[KPI_VIEWS]
    initiatives: InitiativeViews = context.views.get(INITIATIVE_VIEWS) or InitiativeViews()
    journey = context.journey
    return [
        KpiRow(view, kpi_chart(view.overall, view.kpi.target, chart_markers(initiatives.aiming_at(journey.id, kpi.id))))
        for kpi in journey.kpis if (view := views.get((journey.id, kpi.id)))
    ]


def kpis_block(context: BlockContext) -> str:
    return str(context.renderer.render("kpis.html", rows=kpi_rows(context), links=context.links))
