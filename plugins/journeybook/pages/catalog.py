"""The Journeys catalog: one table of every playbook, the place readers browse from."""

from __future__ import annotations

from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page, views
from journeybook.pages.uris import CATALOG_URI
from journeybook.views.kpi_status import Status, status_counts

LIFECYCLES = ("active", "draft", "retired")


def kpi_health(context: SiteContext) -> dict[str, dict[Status, int]]:
    """Journey id -> how many of its KPIs are in each status, counted as the KPI health page counts."""
    kpis = context.project.kpis
    return {j.id: status_counts(kpis[(j.id, k.id)] for k in j.kpis if (j.id, k.id) in kpis) for j in views(context).catalog}


def health_sort_key(counts: dict[Status, int]) -> str:
    """The cell's sort value: the counts in ``Status`` order (off track first), space-separated.

    journeybook-tables.js compares text with numeric collation, number by number, so sorting
    the column orders journeys by off-track KPIs, then at-risk, no data and on track.
    """
    return " ".join(str(counts[status]) for status in Status)


def catalog_page(context: SiteContext) -> list[GeneratedFile]:
    journeys = views(context).catalog
    # The filter's choices: only owners, personas and lifecycles some playbook has, by name.
    owners = sorted({j.owner.id: j.owner for j in journeys if j.owner}.values(), key=lambda team: team.name.casefold())
    personas = sorted({j.persona.id: j.persona for j in journeys}.values(), key=lambda persona: persona.title.casefold())
    lifecycles = [stage for stage in LIFECYCLES if any(j.lifecycle == stage for j in journeys)]
    return [render_page(
        context, CATALOG_URI, "catalog.md",
        journeys=journeys, kpi_health=kpi_health(context), health_sort_key=health_sort_key,
        owners=owners, personas=personas, lifecycles=lifecycles,
    )]
