"""Initiative pages, the initiatives hub and ``initiatives.json``.

An initiative's own page is written by its author (``content/initiatives/<id>.md``); the plugin
puts the generated part above the prose (``initiative_page``): status, owner, hypothesis, where
it acts, the measured effect and the KPI trend charts with the start and end marked. The hub
(``initiatives/index.md``) lists every initiative by status, running first, grouped again by
owner and by journey so it reads and filters without a script; ``journeybook-tables.js`` adds
the filter form when scripts run. The effects come computed (``journeybook.views.initiatives``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from journeybook.model.initiative_inputs import STATUS_ORDER
from journeybook.model.initiatives import Initiative
from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page, views
from journeybook.pages.uris import INITIATIVES_HUB_URI, INITIATIVES_JSON_URI
from journeybook.read.front_matter import body_of
from journeybook.render.headings import demote_level_one
from journeybook.render.links import Links
from journeybook.views.initiatives import InitiativeViews, KpiEffect, chart_markers
from journeybook.views.kpi_chart import KpiChart, kpi_chart
from journeybook.views.kpi_status import KpiView, Point

HUB_URI = INITIATIVES_HUB_URI
JSON_URI = INITIATIVES_JSON_URI


@dataclass(frozen=True)
class EffectRow:
    """One KPI of an initiative: its effect, its KPI view and the chart marked with the dates."""

    effect: KpiEffect
    view: KpiView | None
    chart: KpiChart | None


@dataclass(frozen=True)
class HubGroup:
    key: str
    title: str
    initiatives: tuple[Initiative, ...]


def initiative_source(initiative: Initiative, source_path: str) -> str:
    """The page's body under only its title: the theme reads nothing else of an initiative's front matter.

    Material would take ``status`` for its own page-status icon, and MkDocs would parse the
    front matter again with PyYAML; both are avoided by handing it only what it needs.
    """
    title = json.dumps(initiative.title, ensure_ascii=False)
    return f"---\ntitle: {title}\n---\n{body_of(Path(source_path).read_text(encoding='utf-8-sig'))}"


def effect_rows(context: SiteContext, initiative: Initiative) -> list[EffectRow]:
    kpis = context.project.kpis
    markers = chart_markers((initiative,))
    rows = []
    for effect in context.project.initiatives.effects.get(initiative.id, ()):
        view = kpis.get((effect.aim.journey.id, effect.aim.kpi.id))
        chart = kpi_chart(view.overall, view.kpi.target, markers) if view is not None else None
        rows.append(EffectRow(effect, view, chart))
    return rows


def initiative_page(context: SiteContext, src_uri: str, markdown: str, page_url: str) -> str | None:
    """The generated part of an initiative's page above its prose; None for any other page."""
    initiative = context.project.initiatives.by_uri.get(src_uri)
    if initiative is None:
        return None
    links = Links(page_url, context.use_directory_urls)
    generated = context.renderer.render("initiative.md", initiative=initiative, rows=effect_rows(context, initiative), links=links)
    return f"{generated}\n\n{demote_level_one(markdown)}"


def by_status(items: list[Initiative]) -> list[HubGroup]:
    return [HubGroup(s, s, tuple(i for i in items if i.status == s)) for s in STATUS_ORDER if any(i.status == s for i in items)]


def by_owner(items: list[Initiative]) -> list[HubGroup]:
    owners = {i.owner.id: i.owner for i in items}
    return sorted(
        (HubGroup(team.id, team.name, tuple(i for i in items if i.owner.id == team.id)) for team in owners.values()),
        key=lambda g: g.title.casefold(),
    )


def by_journey(context: SiteContext, initiatives: InitiativeViews) -> list[HubGroup]:
    """One group per journey acted on, in catalog order."""
    return [HubGroup(j.id, j.title, tuple(found)) for j in views(context).catalog if (found := initiatives.acting_on(j.id))]


def initiatives_hub(context: SiteContext) -> list[GeneratedFile]:
    initiatives = context.project.initiatives
    items = initiatives.ordered
    return [render_page(
        context, HUB_URI, "initiatives.md",
        initiatives=items, statuses=by_status(items), owners=by_owner(items), journeys=by_journey(context, initiatives),
        effects=initiatives.effects, json_uri=JSON_URI,
    )]


def _point(point: Point | None) -> dict[str, Any] | None:
    return {"date": point.date.isoformat(), "value": point.value} if point is not None else None


def initiative_record(initiative: Initiative, effects: tuple[KpiEffect, ...], links: Links) -> dict[str, Any]:
    """One initiative as plain JSON data, with its measured effect; links relative to the site root."""
    return {
        "id": initiative.id, "title": initiative.title, "url": links.to(initiative.src_uri), "source": initiative.source_path,
        "owner": {"id": initiative.owner.id, "name": initiative.owner.name}, "status": initiative.status,
        "hypothesis": initiative.hypothesis,
        "journeys": [
            {"journey": reach.journey.id, "title": reach.journey.title, "url": links.to(reach.journey.src_uri),
             "stages": [{"id": s.id, "name": s.name, "url": links.to(reach.journey.src_uri, s.anchor)} for s in reach.stages]}
            for reach in initiative.reaches
        ],
        "kpis": [
            {"journey": e.aim.journey.id, "kpi": e.aim.kpi.id, "name": e.aim.kpi.name, "unit": e.aim.kpi.unit,
             "direction": e.aim.kpi.direction, "expect": e.aim.expect, "baseline": _point(e.baseline),
             "current": _point(e.current), "change": e.change, "outcome": e.outcome.value}
            for e in effects
        ],
        "started": initiative.started.isoformat() if initiative.started else None,
        "ended": initiative.ended.isoformat() if initiative.ended else None,
        "result": initiative.result,
    }


def initiatives_json(context: SiteContext) -> list[GeneratedFile]:
    return [GeneratedFile(JSON_URI, partial(_initiatives_json, context))]


def _initiatives_json(context: SiteContext) -> str:
    links = Links(page_url="", use_directory_urls=context.use_directory_urls)  # initiatives.json sits at the site root
    initiatives = context.project.initiatives
    document = {
        "generated_for": context.project.today.isoformat(),
        "initiatives": [initiative_record(i, initiatives.effects.get(i.id, ()), links) for i in initiatives.ordered],
    }
    return json.dumps(document, ensure_ascii=False) + "\n"
