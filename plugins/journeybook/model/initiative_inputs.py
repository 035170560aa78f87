"""What authors write for an initiative (``content/initiatives/<id>.md``): strict pydantic models.

An initiative is what the company does to close a gap found in a journey. Like playbooks, these
models check shape and type only; which journeys, stages, KPIs and teams exist is checked when
the initiative is resolved (``journeybook.model.initiatives``), because that needs the whole site.
The field names are the format's (``/shared/playbook-format.md``, *Initiatives*); outside tools
rely on them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from journeybook.model.inputs import IsoDate, Slug, StrictModel, Text

InitiativeStatus = Literal["idea", "planned", "running", "done", "dropped"]
Expect = Literal["improve", "worsen", "hold"]

STATUS_ORDER: tuple[str, ...] = ("running", "planned", "idea", "done", "dropped")
"""The order of the initiatives hub: what is under way first, then what is coming, then history."""


class ReachInput(StrictModel):
    """One journey the initiative acts on, and optionally which of its stages."""

    journey: Slug = Field(description="A playbook id.")
    stages: list[Slug] | None = Field(default=None, min_length=1, description="Stage ids of that playbook; default: all stages.")


class AimInput(StrictModel):
    """One KPI the initiative should move, and which way."""

    journey: Slug = Field(description="The playbook id the KPI belongs to.")
    kpi: Slug = Field(description="A KPI id of that playbook.")
    expect: Expect = Field(
        default="improve",
        description="improve: in the KPI's direction; worsen: against it (an accepted cost); hold: should not get worse.",
    )


class InitiativeInput(StrictModel):
    """An initiative's front matter; ``title`` is also the page title MkDocs shows."""

    title: Text = Field(description="The change, named as readers know it (\"Visit window by SMS\").")
    id: Slug | None = Field(default=None, description="Defaults to the file name; unique among initiatives.")
    owner: Slug = Field(description="Team id from data/owners.yml.")
    status: InitiativeStatus = Field(description="idea, planned, running, done or dropped.")
    hypothesis: Text | None = Field(default=None, description="What the change should do, and why.")
    journeys: list[ReachInput] = Field(min_length=1, description="Where it acts: at least one journey.")
    kpis: list[AimInput] = Field(default_factory=list, description="What it should move.")
    started: IsoDate | None = Field(default=None, description="When it started; the KPI baseline is the newest measurement before it.")
    ended: IsoDate | None = Field(default=None, description="Not before 'started'.")
    result: Text | None = Field(default=None, description="What happened, in plain words.")
