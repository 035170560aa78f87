"""The Journeys catalog: one table of every playbook, the place readers browse from."""

from __future__ import annotations

from collections import defaultdict

from ..kpi_status import KpiView, Status, status_counts
from ..site_pages import GeneratedFile, SiteContext, producer
from .page import render_page, views

CATALOG_URI = "journeys/index.md"


def kpi_health(context: SiteContext) -> dict[str, dict[Status, int]]:
    """Journey id -> how many of its KPIs are in each status, counted as the KPI health page counts."""
    by_journey: dict[str, list[KpiView]] = defaultdict(list)
    for (journey_id, _), view in context.project.kpis.items():
        by_journey[journey_id].append(view)
    return {journey.id: status_counts(by_journey.get(journey.id, ())) for journey in views(context).catalog}


def health_sort_key(counts: dict[Status, int]) -> str:
    """The cell's sort value: the counts in ``Status`` order (off track first), space-separated.

    journeybook-tables.js compares text with numeric collation, number by number, so sorting
    the column orders journeys by off-track KPIs, then at-risk, no data and on track.
    """
    return " ".join(str(counts[status]) for status in Status)


@producer
def catalog_page(context: SiteContext) -> list[GeneratedFile]:
    return [render_page(
        context, CATALOG_URI, "catalog.md",
        journeys=views(context).catalog, kpi_health=kpi_health(context), health_sort_key=health_sort_key,
    )]
