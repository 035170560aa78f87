"""Starting files for CX owners: a playbook, a persona, a team or an initiative, valid and explained.

A blank file is where non-programmers get stuck, and a copied playbook carries someone else's
mistakes. A scaffold is the smallest file that passes ``journeybook check``, with a plain-words
comment beside every field. Every file is validated before it is written (so a title that is
too long is refused here, not in the pull request), and nothing existing is ever overwritten:
a team is appended to ``data/owners.yml`` as text, which keeps the file's own comments.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Sequence

from pydantic import BaseModel

from journeybook.errors import UsageError
from journeybook.findings import Findings, invalid_id, not_allowed
from journeybook.model.initiative_inputs import InitiativeInput
from journeybook.model.inputs import (
    SLUG_PATTERN,
    OwnersFile,
    PersonaInput,
    PlaybookInput,
)
from journeybook.model.site_data import is_unread, load_site_data
from journeybook.model.validation import validate
from journeybook.read.front_matter import (
    YamlDocument,
    YamlProblem,
    load_yaml,
    split_markdown,
)
from journeybook.read.layout import Layout

KINDS = ("playbook", "persona", "team", "initiative")
FIRST_STAGE = "first-step"
PREFERRED_CHANNEL = "web"
_TEAM_ITEM = re.compile(r"^([ \t]*)-[ \t]+id:", re.MULTILINE)


@dataclass(frozen=True)
class Vocabulary:
    """The ids a new file may refer to, read from the project so the file passes the check."""

    teams: tuple[str, ...]
    personas: tuple[str, ...]
    phases: tuple[str, ...]
    channels: tuple[str, ...]
    journeys: tuple[str, ...] = ()
    """Playbook ids, from their file names (an initiative names the journeys it acts on)."""

    @classmethod
    def of(cls, layout: Layout) -> Vocabulary:
        findings = Findings()
        site = load_site_data(layout, findings)
        tables = ((site.teams, layout.owners_file), (site.phases, layout.config_file("phases.yml")), (site.channels, layout.config_file("channels.yml")))
        for table, path in tables:
            problem = next((f for f in findings.errors if f.file == layout.rel(path)), None)
            if is_unread(table) and path.is_file() and problem is not None:
                # its ids are unknown, and 'new team' would append to a file that does not parse
                raise UsageError(f"{problem}; fix that file first: a new file must name the ids it defines (nothing was changed)")
        journeys = tuple(path.stem for path in layout.playbook_files())
        return cls(tuple(site.teams), tuple(site.personas), tuple(site.phases), tuple(site.channels), journeys)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML), safe for any text."""
    return json.dumps(text, ensure_ascii=False)


def check_id(value: str, what: str) -> str:
    if not re.fullmatch(SLUG_PATTERN, value):
        raise UsageError(invalid_id(value, what))
    return value


def check_reference(value: str, allowed: Sequence[str], what: str, how_to_add: str) -> str:
    if not allowed:
        raise UsageError(f"the project has no {what} yet; {how_to_add}")
    if value not in allowed:
        raise UsageError(f"{what}: {not_allowed(value, allowed)}")
    return value


def _ensure_valid(text: str, model: type[BaseModel], where: str) -> None:
    """Refuse to write a file the check would reject; the message names the field."""
    try:
        source = split_markdown(Path(where), text)
    except YamlProblem as problem:
        raise UsageError(f"{where}: {problem.message}") from None
    assert source.front_matter is not None
    _, findings = validate(model, source.front_matter, where)
    if findings:
        raise UsageError("; ".join(f"{f.field}: {f.message}" for f in findings))


def playbook_text(*, title: str, owner: str, persona: str, vocabulary: Vocabulary, today: date) -> str:
    """A draft playbook with one stage, every field explained; KPIs and checks as examples."""
    phase = vocabulary.phases[0] if vocabulary.phases else "before"
    channel = PREFERRED_CHANNEL if PREFERRED_CHANNEL in vocabulary.channels or not vocabulary.channels else vocabulary.channels[0]
    text = f"""---
# A playbook describes one customer journey: the steps a customer takes to reach a goal.
# Lines starting with '#' are notes for you: they are ignored, delete them when you like.
# Run `journeybook check` after each change; the site's "Field reference" page lists every
# field.
title: {quoted(title)}  # the journey's name, as readers see it
description: "Where the journey starts and where it ends, in one line."  # shown in the catalog and in search
persona: {persona}  # who the journey is for: a page in content/personas/
owner: {owner}  # the team responsible for the journey (a team id from data/owners.yml)
lifecycle: draft  # draft while you write it, active once it is true today, retired when it no longer is
tags: []  # words readers can filter on, for example [lending, digital]
last_reviewed: {today.isoformat()}  # the day someone last checked the map is still true (YYYY-MM-DD)
# review_every: 180  # days between reviews; the site's default applies when left out
goals:
  customer: "What reaching the goal means for the customer, in their words."
  business: "What the journey is worth to the company."
stages:  # the steps of the journey, in the order the customer goes through them
  - id: {FIRST_STAGE}  # a short name used in links and by KPIs: lowercase letters, digits and '-'
    name: "First step"  # the stage's name, as readers see it
    phase: {phase}  # the big arc the stage belongs to: {", ".join(vocabulary.phases) or phase}
    # owner: another-team  # the team that owns this stage; the playbook's owner when left out
    customer_goal: "What the customer wants to get done at this step."
    actions:  # what the customer does, one line each
      - "Something the customer does"
    emotion: 3  # how the customer feels here: 1 very bad, 3 neutral, 5 very good
    feeling: "Curious"  # a word or two for the emotional curve
    touchpoints:  # where the customer meets the company at this step
      - name: "Website"
        channel: {channel}  # one of: {", ".join(vocabulary.channels) or channel}
        kind: owned  # owned (ours), paid (advertising) or earned (press, reviews, word of mouth)
    expectations: []  # what the customer expects here, for example [A clear price]
    pain_points: []  # what goes wrong for them today
    opportunities: []  # what the company could do better
    moment_of_truth: false  # true when this contact decides whether the customer stays or leaves
# kpis:  # how the journey is measured; remove the '# ' in front of these lines to use them
#   - id: abandonment
#     name: Abandonment rate
#     stage: {FIRST_STAGE}  # leave out to measure the whole journey
#     category: leading  # leading, outcome, operational or business
#     unit: "%"
#     direction: down  # up: higher is better; down: lower is better
#     target: 20
# verification:  # how the company checks the map is true; a moment of truth needs one
#   - method: transactional_survey  # an id from site_config/verification-methods.yml
#     stages: [{FIRST_STAGE}]  # leave out to cover every stage
#     last_run: {today.isoformat()}  # leave out if it has never run
---

Describe the journey here in plain words: who goes through it, why it matters and what the
company is trying to change. Readers see this text below the journey map.
"""
    _ensure_valid(text, PlaybookInput, "the new playbook")
    return text


def persona_text(*, title: str) -> str:
    text = f"""---
# A persona: a semi-fictional customer a journey is written for. Lines starting with '#' are
# notes for you; delete them when you like.
title: {quoted(title)}  # the persona's name, for example "Ana, first-time buyer"
segment: "The customer segment the persona stands for."
goals: []  # what they want to achieve, one line each
needs: []  # what they need from the company
motivations: []  # why they act
pains: []  # what frustrates them
# quote: "Something they might say, in their own words."
---

Tell the persona's story here: their situation, their day, what they care about.
"""
    _ensure_valid(text, PersonaInput, "the new persona")
    return text


def initiative_text(*, title: str, owner: str, journey: str) -> str:
    """An initiative at the idea stage, acting on one journey; KPIs and dates as examples."""
    text = f"""---
# An initiative: what the company does to close a gap a journey map shows (a fix, a redesign,
# an experiment), and how its effect is measured. Lines starting with '#' are notes for you.
# The guide "How to write a playbook" (section Initiatives) explains every field.
title: {quoted(title)}  # the initiative's name, as readers see it
owner: {owner}  # the team running it (a team id from data/owners.yml)
status: idea  # idea, planned, running, done or dropped
hypothesis: "What the change should do for customers, and why you believe it will."
journeys:  # where it acts: at least one playbook id
  - journey: {journey}
    # stages: [a-stage-id]  # leave out to act on every stage of the journey
# kpis:  # what it should move: a KPI of one of the playbooks (remove the '# ' to use them)
#   - journey: {journey}
#     kpi: a-kpi-id
#     expect: improve  # improve (in the KPI's direction), worsen (a cost you accept) or hold
# started: 2026-01-01  # the day it started (YYYY-MM-DD); the baseline is the newest measurement before it
# ended: 2026-06-30  # not before started
# result: "What happened, in plain words; write it when the initiative is done."
---

Describe the initiative here: the gap it closes, what changes for customers and how you will
know it worked.
"""
    _ensure_valid(text, InitiativeInput, "the new initiative")
    return text


def team_entry(*, team_id: str, name: str, lead: str, contact: str, indent: str = "  ") -> str:
    """One team as a YAML list item, at the indentation the owners file already uses."""
    inner = indent + "  "
    return f"{indent}- id: {team_id}\n{inner}name: {quoted(name)}\n{inner}lead: {quoted(lead)}\n{inner}contact: {quoted(contact)}\n"


def create(path: Path, text: str, layout: Layout) -> Path:
    """Write a new file; an existing one is never touched (the check and the write are one step)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        raise UsageError(f"{layout.rel(path)} already exists; choose another id (nothing was changed)") from None
    return path


OWNERS_HEADER = "# Teams that own journeys, stages, KPIs and verification methods.\nteams:\n"


def _without_empty_flow_list(current: str, document: YamlDocument) -> str:
    """``teams: []`` (or ``teams:`` with nothing) as ``teams:``, so block items can follow it.

    Written as text, so a comment after the brackets and every other line stay as they are.
    """
    teams = document.data.get("teams") if isinstance(document.data, dict) else None
    position = document.values.get(("teams",))
    if teams != [] or position is None:
        return current
    lines = current.splitlines(keepends=True)
    line = lines[position.line - 1]
    start = position.column - 1
    end = line.find("]", start)
    if line[start : start + 1] != "[" or end < 0:
        return current
    lines[position.line - 1] = line[:start].rstrip() + line[end + 1 :]
    return "".join(lines)


def append_team(layout: Layout, *, team_id: str, name: str, lead: str, contact: str) -> Path:
    """Add a team at the end of ``data/owners.yml`` as text, so its comments stay as they are."""
    path = layout.owners_file
    current = path.read_text(encoding="utf-8") if path.is_file() else OWNERS_HEADER
    if current and not current.endswith("\n"):
        current += "\n"
    rel = layout.rel(path)
    try:
        current = _without_empty_flow_list(current, load_yaml(current))
    except YamlProblem as problem:
        raise UsageError(f"{rel}:{problem.line}: {problem.message}; fix it first (nothing was changed)") from None
    items = _TEAM_ITEM.findall(current)
    entry = team_entry(team_id=team_id, name=name, lead=lead, contact=contact, indent=items[-1] if items else "  ")
    updated = current + entry
    try:
        document = load_yaml(updated)
    except YamlProblem as problem:
        raise UsageError(f"cannot add the team to {rel} safely (line {problem.line}: {problem.message}); add it by hand:\n{entry}") from None
    owners, findings = validate(OwnersFile, document, rel)
    if owners is None:
        first = findings[0]
        raise UsageError(f"cannot add the team to {rel} safely ({first}); add it by hand:\n{entry}")
    if [team.id for team in owners.teams].count(team_id) > 1:
        raise UsageError(f"team '{team_id}' already exists in {rel}; choose another id (nothing was changed)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")
    return path
