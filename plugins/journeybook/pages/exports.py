"""``journeys.json``: every playbook resolved, for tools outside the site to consume.

References are written as ``{id, name}`` pairs (never whole nested objects), so a record reads
like the front matter its author wrote, with names and defaults filled in. The file carries the
JSON Schema of the playbook front matter, which documents every field it shares with it.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from journeybook.authoring.schema import SCHEMAS, build_schema
from journeybook.model.resolved import (
    Journey,
    Kpi,
    Stage,
    TaxonomyEntry,
    Team,
    Verification,
)
from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import views
from journeybook.pages.uris import EXPORT_URI
from journeybook.render.links import Links

SCHEMA_FILE = "playbook.schema.json"


def _ref(entry: TaxonomyEntry | Team | None) -> dict[str, str] | None:
    return {"id": entry.id, "name": entry.name} if entry is not None else None


def _stage(stage: Stage) -> dict[str, Any]:
    return {
        "id": stage.id, "name": stage.name, "phase": _ref(stage.phase), "owner": _ref(stage.owner),
        "customer_goal": stage.customer_goal,
        "actions": [{"action": a.text, "emotion": a.emotion} for a in stage.actions],
        "emotion": stage.emotion, "feeling": stage.feeling,
        "touchpoints": [{"name": t.name, "channel": _ref(t.channel), "kind": t.kind} for t in stage.touchpoints],
        "expectations": list(stage.expectations), "pain_points": list(stage.pain_points),
        "opportunities": list(stage.opportunities), "moment_of_truth": stage.moment_of_truth, "systems": list(stage.systems),
    }


def _kpi(kpi: Kpi) -> dict[str, Any]:
    return {
        "id": kpi.id, "name": kpi.name, "definition": kpi.definition, "stage": kpi.stage.id if kpi.stage else None,
        "category": kpi.category, "unit": kpi.unit, "direction": kpi.direction, "target": kpi.target,
        "owner": _ref(kpi.owner), "source": _ref(kpi.source),
    }


def _check(check: Verification) -> dict[str, Any]:
    return {
        "method": _ref(check.method), "stages": [s.id for s in check.stages], "cadence": check.cadence,
        "owner": _ref(check.owner), "last_run": check.last_run.isoformat() if check.last_run else None,
        "sample": check.sample, "due": check.due.isoformat() if check.due else None, "overdue": check.overdue,
    }


def journey_record(journey: Journey, url: str) -> dict[str, Any]:
    """One resolved playbook as plain JSON data; ``url`` is its page, relative to the site root."""
    return {
        "id": journey.id, "title": journey.title, "description": journey.description, "url": url,
        "source": journey.source_path, "persona": {"id": journey.persona.id, "name": journey.persona.title},
        "owner": _ref(journey.owner), "lifecycle": journey.lifecycle, "tags": list(journey.tags),
        "last_reviewed": journey.last_reviewed.isoformat(), "review_every": journey.review_every,
        "review_due": journey.review_due.isoformat(), "review_overdue": journey.review_overdue,
        "goals": {"customer": journey.goal_customer, "business": journey.goal_business},
        "phases": [_ref(p) for p in journey.phases],
        "stages": [_stage(s) for s in journey.stages], "kpis": [_kpi(k) for k in journey.kpis],
        "verification": [_check(c) for c in journey.verification],
        "uncovered_moments_of_truth": [s.id for s in journey.uncovered_moments],
    }


def journeys_json(context: SiteContext) -> list[GeneratedFile]:
    return [GeneratedFile(EXPORT_URI, partial(_journeys_json, context))]


def _journeys_json(context: SiteContext) -> str:
    links = Links(page_url="", use_directory_urls=context.use_directory_urls)  # journeys.json sits at the site root
    model, title = SCHEMAS[SCHEMA_FILE]
    document = {
        "generated_for": context.project.today.isoformat(),
        "playbook_schema": build_schema(model, title),
        "journeys": [context.renderer.fragments.get(("journey", j), partial(journey_record, j, links.to(j.src_uri))) for j in views(context).catalog],
    }
    # No indent: with one, json falls back from its C encoder to the (several times slower) Python one.
    return json.dumps(document, ensure_ascii=False) + "\n"
