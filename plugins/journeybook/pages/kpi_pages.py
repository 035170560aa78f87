"""The KPI health page across all journeys, and the ``kpis.csv`` / ``kpis.json`` exports.

The page puts what needs attention first (off track, then at risk, then no data, then on
track) and groups the same KPIs by owner and by category, so it can be filtered by reading
without any script; ``journeybook-tables.js`` adds a filter form on top when scripts run.
Both exports carry the computed status, one row per KPI and one per segment of it.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Any

from journeybook.model.inputs import KPI_CATEGORIES
from journeybook.model.resolved import Team
from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page, views
from journeybook.pages.uris import CSV_URI, JSON_URI, KPIS_URI
from journeybook.render.links import Links
from journeybook.views.kpi_status import KpiView, Reading, Status, status_counts

CSV_COLUMNS = (
    "journey", "journey_title", "kpi", "name", "stage", "category", "owner", "direction", "target", "unit",
    "segment", "status", "latest", "latest_date", "previous", "previous_date", "change", "trend", "url",
)
NO_OWNER = "-"
"""Owner key of KPIs without an owner (never a team id: ids start with a letter or digit)."""
ATTENTION = {status: rank for rank, status in enumerate(Status)}


@dataclass(frozen=True)
class Group:
    """KPIs sharing a status, an owner or a category, with how many are in each status."""

    key: str
    title: str
    views: tuple[KpiView, ...]

    @property
    def counts(self) -> dict[Status, int]:
        return status_counts(self.views)


def ordered(context: SiteContext) -> list[KpiView]:
    """Every KPI, journeys in catalog order and KPIs in playbook order."""
    kpis = context.project.kpis
    return [kpis[(j.id, k.id)] for j in views(context).catalog for k in j.kpis if (j.id, k.id) in kpis]


def by_status(items: list[KpiView]) -> list[Group]:
    """Off track first, then at risk, no data and on track (``Status`` order); empty ones left out."""
    return [Group(status.value, status.value, tuple(v for v in items if v.status is status)) for status in Status if any(v.status is status for v in items)]


def owner_key(view: KpiView) -> str:
    return view.kpi.owner.id if view.kpi.owner else NO_OWNER


def _attention_first(found: list[KpiView]) -> tuple[KpiView, ...]:
    return tuple(sorted(found, key=lambda v: ATTENTION[v.status]))


def by_owner(items: list[KpiView]) -> list[Group]:
    """One group per owning team, by name (KPIs without an owner last), off-track KPIs first."""
    owners: dict[str, list[KpiView]] = defaultdict(list)
    teams: dict[str, Team | None] = {}
    for view in items:
        owners[owner_key(view)].append(view)
        teams[owner_key(view)] = view.kpi.owner
    return sorted(
        (Group(key, team.name if (team := teams[key]) else "", _attention_first(found)) for key, found in owners.items()),
        key=lambda g: (g.key == NO_OWNER, g.title.casefold()),
    )


def by_category(items: list[KpiView]) -> list[Group]:
    """One group per KPI category, in the format's order, off-track KPIs first."""
    found = {c: [v for v in items if v.kpi.category == c] for c in KPI_CATEGORIES}
    return [Group(c, c, _attention_first(members)) for c, members in found.items() if members]


def kpi_health_page(context: SiteContext) -> list[GeneratedFile]:
    items = ordered(context)
    return [render_page(
        context, KPIS_URI, "kpi-health.md",
        statuses=by_status(items), owners=by_owner(items), categories=by_category(items), total=len(items),
        counts=Group("all", "", tuple(items)).counts, journeys=len({v.journey.id for v in items}),
        band=context.project.site.settings.at_risk_band, today=context.project.today, csv_uri=CSV_URI, json_uri=JSON_URI,
        owner_key=owner_key, initiatives=context.project.initiatives,
    )]


def _point(reading: Reading, which: str) -> dict[str, Any] | None:
    point = getattr(reading, which)
    return {"date": point.date.isoformat(), "value": point.value} if point else None


def _reading(reading: Reading) -> dict[str, Any]:
    return {
        "status": reading.status.value, "latest": _point(reading, "latest"), "previous": _point(reading, "previous"),
        "change": reading.change, "trend": reading.trend.value if reading.trend else None,
        "points": [{"date": p.date.isoformat(), "value": p.value} for p in reading.points],
    }


def kpi_record(view: KpiView, links: Links) -> dict[str, Any]:
    kpi, journey = view.kpi, view.journey
    return {
        "journey": {"id": journey.id, "title": journey.title, "url": links.to(journey.src_uri)},
        "id": kpi.id, "name": kpi.name, "definition": kpi.definition,
        "stage": {"id": kpi.stage.id, "name": kpi.stage.name, "url": links.to(journey.src_uri, kpi.stage.anchor)} if kpi.stage else None,
        "category": kpi.category, "unit": kpi.unit, "direction": kpi.direction, "target": kpi.target,
        "owner": {"id": kpi.owner.id, "name": kpi.owner.name} if kpi.owner else None, "source": kpi.source.id,
        **_reading(view.overall),
        "segments": [{"segment": s.segment, **_reading(s)} for s in view.segments],
    }


def kpis_json(context: SiteContext) -> list[GeneratedFile]:
    return [GeneratedFile(JSON_URI, partial(_kpis_json, context))]


def _kpis_json(context: SiteContext) -> str:
    links = Links(page_url="", use_directory_urls=context.use_directory_urls)  # kpis.json sits at the site root
    document = {
        "generated_for": context.project.today.isoformat(),
        "at_risk_band": context.project.site.settings.at_risk_band,
        "kpis": [context.renderer.fragments.get(("kpi", view), partial(kpi_record, view, links)) for view in ordered(context)],
    }
    # No indent: with one, json falls back from its C encoder to the (several times slower) Python one.
    return json.dumps(document, ensure_ascii=False) + "\n"


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula (a name starting with '=', '+', '-' or '@')."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_row(view: KpiView, reading: Reading, links: Links) -> list[Any]:
    kpi, journey = view.kpi, view.journey
    latest, previous = reading.latest, reading.previous
    text = [journey.id, journey.title, kpi.id, kpi.name, kpi.stage.id if kpi.stage else "", kpi.category,
            kpi.owner.id if kpi.owner else "", kpi.direction]
    return [
        *map(spreadsheet_safe, text), kpi.target, spreadsheet_safe(kpi.unit), spreadsheet_safe(reading.segment or ""), reading.status.value,
        latest.value if latest else "", latest.date.isoformat() if latest else "",
        previous.value if previous else "", previous.date.isoformat() if previous else "",
        reading.change if reading.change is not None else "", reading.trend.value if reading.trend else "",
        links.to(journey.src_uri, f"kpi-{kpi.id}"),
    ]


def kpis_csv(context: SiteContext) -> list[GeneratedFile]:
    return [GeneratedFile(CSV_URI, partial(_kpis_csv, context))]


def _kpis_csv(context: SiteContext) -> str:
    links = Links(page_url="", use_directory_urls=context.use_directory_urls)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for view in ordered(context):
        writer.writerow(_csv_row(view, view.overall, links))
        writer.writerows(_csv_row(view, segment, links) for segment in view.segments)
    return out.getvalue()
