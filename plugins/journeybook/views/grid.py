"""The journey-map grid as a table model: stages as columns under their phases, lanes as rows.

This is the classic journey map CX teams draw on a wall. The model decides what goes where
(which lanes have anything to show, how phases span stage columns); ``templates/blocks/map.html``
only draws it as an accessible table.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from journeybook.model.initiatives import Initiative
from journeybook.model.resolved import Journey, Kpi, Stage
from journeybook.views.diagram import Feeling

LANES = ("goal", "actions", "touchpoints", "feeling", "expectations", "pain_points", "opportunities", "initiatives", "owner", "systems", "kpis")
"""Lane keys, top to bottom; each lane's heading is the label ``map_lane_<key>``."""
DETAIL_LANES = ("systems", "kpis")
"""Lanes the stage sections under the grid show instead of the grid; the others are read in the grid."""
SHARED_LANES = ("initiatives",)
"""Lanes both show: a stage's section names the initiatives changing it, with their status."""
PRINT_STAGES = 4
"""Stages per printed copy of the grid: a page's width holds the lane names and four stages at
a readable size, so a wider grid prints as several, each repeating the lane names."""


@dataclass(frozen=True)
class PhaseSpan:
    name: str
    span: int


@dataclass(frozen=True)
class Lane:
    key: str
    cells: tuple[tuple[object, ...], ...]
    """One cell per stage, each a tuple of items (texts, touchpoints, a feeling, a team, KPIs)."""


@dataclass(frozen=True)
class MapGrid:
    phases: tuple[PhaseSpan, ...]
    stages: tuple[Stage, ...]
    lanes: tuple[Lane, ...]

    @property
    def print_groups(self) -> tuple[range, ...]:
        """The stage columns of each printed copy, in order (``PRINT_STAGES`` at most in each)."""
        count = len(self.stages)
        return tuple(range(start, min(start + PRINT_STAGES, count)) for start in range(0, count, PRINT_STAGES))

    @property
    def map_lanes(self) -> tuple[Lane, ...]:
        """The lanes of the grid itself."""
        return tuple(lane for lane in self.lanes if lane.key not in DETAIL_LANES)

    @property
    def detail_lanes(self) -> tuple[Lane, ...]:
        """The lanes of the stage sections: those the grid's reader needs a stage's own page for."""
        return tuple(lane for lane in self.lanes if lane.key in DETAIL_LANES or lane.key in SHARED_LANES)


def _cell(key: str, stage: Stage, kpis: tuple[Kpi, ...], initiatives: tuple[Initiative, ...], journey_id: str) -> tuple[object, ...]:
    match key:
        case "goal":
            return (stage.customer_goal,) if stage.customer_goal else ()
        case "actions":
            return tuple(action.text for action in stage.actions)
        case "feeling":
            return (Feeling.of(stage),)
        case "owner":
            return (stage.owner,) if stage.owner else ()
        case "kpis":
            return tuple(kpi for kpi in kpis if kpi.stage is not None and kpi.stage.id == stage.id)
        case "initiatives":
            return tuple(i for i in initiatives if i.acts_on_stage(journey_id, stage.id))
        case _:
            return tuple(getattr(stage, key))


def map_grid(journey: Journey, initiatives: tuple[Initiative, ...] = (), language: str = "en") -> MapGrid:
    """The grid of ``journey``, its phases named in ``language``; a lane empty in every stage (no systems written, say) is left out.

    ``initiatives`` are those acting on the journey: each shows in the stages it acts on.
    """
    runs = (tuple(run) for _, run in groupby(journey.stages, key=lambda stage: stage.phase.id))
    phases = tuple(PhaseSpan(run[0].phase.name_in(language), len(run)) for run in runs)
    lanes = (Lane(key, tuple(_cell(key, stage, journey.kpis, initiatives, journey.id) for stage in journey.stages)) for key in LANES)
    return MapGrid(phases, journey.stages, tuple(lane for lane in lanes if any(lane.cells) or lane.key == "owner"))
