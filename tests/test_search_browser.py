"""Material's search in real Chromium finds a playbook by what is inside it.

Each query is something a colleague would type: a stage's name, the team that owns part of the
journey, a channel, a KPI or a verification method. Every query is picked from the example
content so that only one playbook uses it; that playbook must be among the results.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from browser_support import browser, search, serve, watch
from conftest import REPO

pytestmark = pytest.mark.browser


def _playbooks() -> dict[str, dict[str, Any]]:
    journeys = (REPO / "content" / "journeys").glob("*.md")
    docs = (yaml.safe_load(p.read_text(encoding="utf-8").split("---", 2)[1]) for p in sorted(journeys) if p.name != "index.md")
    return {pb["id"]: pb for pb in docs}


def _names(taxonomy: str) -> dict[str, str]:
    path = REPO / ("data/owners.yml" if taxonomy == "teams" else f"site_config/{taxonomy}.yml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {entry["id"]: entry["name"] for entry in (data["teams"] if taxonomy == "teams" else data)}


def _unique(values: Callable[[dict[str, Any]], set[str]]) -> tuple[str, str]:
    """A value only one playbook has, and that playbook's id."""
    users: dict[str, set[str]] = defaultdict(set)
    for journey_id, pb in _playbooks().items():
        for value in values(pb):
            users[value].add(journey_id)
    value, journeys = next((v, j) for v, j in sorted(users.items()) if len(j) == 1)
    return value, next(iter(journeys))


def _queries() -> list[tuple[str, str, str]]:
    """(what, query, journey id) for each kind of query the issue names."""
    teams, channels, methods = _names("teams"), _names("channels"), _names("verification-methods")
    stage, stage_journey = _unique(lambda pb: {s["name"] for s in pb["stages"]})
    team, team_journey = _unique(lambda pb: {s.get("owner", pb["owner"]) for s in pb["stages"]} | {pb["owner"]})
    channel, channel_journey = _unique(lambda pb: {t["channel"] for s in pb["stages"] for t in s.get("touchpoints", [])})
    kpi, kpi_journey = _unique(lambda pb: {k["name"] for k in pb.get("kpis", [])})
    method, method_journey = _unique(lambda pb: {c["method"] for c in pb.get("verification", [])})
    return [
        ("stage", stage, stage_journey),
        ("team", teams[team], team_journey),
        ("channel", channels[channel], channel_journey),
        ("kpi", kpi, kpi_journey),
        ("method", methods[method], method_journey),
    ]


@pytest.mark.parametrize("what, query, journey_id", _queries(), ids=lambda v: str(v))
def test_search_finds_the_playbook(built_site: Path, what: str, query: str, journey_id: str) -> None:
    playbook = (built_site / "journeys" / journey_id / "index.html").read_text(encoding="utf-8")
    assert 'id="stage-' in playbook, f"{journey_id} has no stage sections to search"
    with serve(built_site) as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        log = watch(page, base)
        page.goto(base)
        hrefs = search(page, query)
        target = f"{base}journeys/{journey_id}/"
        assert any(href.startswith(target) for href in hrefs), f"{what} query {query!r}: {journey_id} not among {hrefs}"
        assert not log.foreign_requests and not log.console_errors
