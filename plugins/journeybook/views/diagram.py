"""The diagrams of one journey as plain data, computed once: model first, then emit.

Every diagram on a playbook page (the Mermaid journey diagram, the stage flowchart, the
emotional curve) is drawn from this model, so they always agree, and the tests can compare
what Mermaid parsed with what the model says. Nothing here knows any diagram syntax: texts are
the author's words and the site's labels, unescaped; ``journeybook.render.mermaid`` escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from journeybook.model.resolved import Journey, Stage
from journeybook.render.labels import Labels, counted, fill


@dataclass(frozen=True)
class Accessible:
    """A diagram's accessible title and description (Mermaid ``accTitle`` / ``accDescr``)."""

    title: str
    description: str


@dataclass(frozen=True)
class Task:
    """One step of a journey-diagram section: what the customer does and how it feels (1-5)."""

    text: str
    score: int
    actors: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """A stage in the journey diagram."""

    name: str
    tasks: tuple[Task, ...]
    moment: bool = False
    """Whether the stage is a moment of truth (marked in its heading)."""


@dataclass(frozen=True)
class Actor:
    """A channel of the journey diagram; ``slot`` is its place in the site's channel taxonomy,
    which picks its colour and pattern, so a channel looks the same on every playbook."""

    name: str
    slot: int


@dataclass(frozen=True)
class JourneyRow:
    """Consecutive stages drawn as one journey diagram, short enough to read without scrolling."""

    sections: tuple[Section, ...]
    actors: tuple[Actor, ...]
    a11y: Accessible


@dataclass(frozen=True)
class FlowNode:
    """A stage in the flowchart; ``node_id`` is ours (``s0``...), never the author's text."""

    node_id: str
    name: str
    owner: str
    moment: str | None
    """The moment-of-truth label when the stage is one, else ``None``."""
    anchor: str


@dataclass(frozen=True)
class FlowGroup:
    """A phase in the flowchart, drawn as a box around its stages."""

    group_id: str
    name: str
    nodes: tuple[FlowNode, ...]


def tone(score: int) -> str:
    """How a score reads: ``good`` (4-5), ``neutral`` (3) or ``bad`` (1-2); colours follow it."""
    return "good" if score >= 4 else "bad" if score <= 2 else "neutral"


@dataclass(frozen=True)
class Feeling:
    """How the customer feels at a stage: the author's word, the 1-5 score and its tone."""

    word: str | None
    score: int
    tone: str

    @classmethod
    def of(cls, stage: Stage) -> Feeling:
        return cls(stage.feeling, stage.emotion, tone(stage.emotion))


@dataclass(frozen=True)
class CurvePoint:
    """A stage on the emotional curve."""

    name: str
    anchor: str
    feeling: Feeling
    moment_of_truth: bool


@dataclass(frozen=True)
class DiagramModel:
    journey_id: str
    sections: tuple[Section, ...]
    rows: tuple[JourneyRow, ...]
    """The journey diagram as it is drawn: its sections in rows of at most ``ROW_TASKS`` actions."""
    groups: tuple[FlowGroup, ...]
    edges: tuple[tuple[str, str], ...]
    """Flowchart edges as (from id, to id): stage to stage within a phase box, box to box."""
    points: tuple[CurvePoint, ...]
    flow_a11y: Accessible


def _channels(stage: Stage, language: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(touchpoint.channel.name_in(language) for touchpoint in stage.touchpoints))


def _section(stage: Stage, language: str) -> Section:
    """A stage's actions as tasks; a stage without actions still shows, as one task of its own."""
    actors = _channels(stage, language)
    tasks = tuple(Task(action.text, action.emotion, actors) for action in stage.actions)
    return Section(stage.name, tasks or (Task(stage.name, stage.emotion, actors),), stage.moment_of_truth)


ROW_TASKS = 4
"""At most this many actions share a row of the journey diagram (a stage with more gets a row
of its own). One diagram of every stage ran to 4,500 px, six screens of sideways scrolling and
a sixth of its size on paper; a row of four is about 1,000 px: a laptop's column, or three
quarters of its size on a printed page."""


def _rows(journey: Journey, sections: tuple[Section, ...], labels: Labels) -> tuple[JourneyRow, ...]:
    """Whole stages packed into rows in order, each row with its own accessible title and channels."""
    slots = {touchpoint.channel.name_in(labels.language): touchpoint.channel.position for stage in journey.stages for touchpoint in stage.touchpoints}
    runs: list[list[Section]] = []
    for section in sections:
        if runs and sum(len(s.tasks) for s in runs[-1]) + len(section.tasks) <= ROW_TASKS:
            runs[-1].append(section)
        else:
            runs.append([section])
    rows = []
    for index, run in enumerate(runs):
        names = tuple(dict.fromkeys(actor for section in run for task in section.tasks for actor in task.actors))
        title = fill(labels["diagram_a11y_title"], journey=journey.title)
        if len(runs) > 1:
            title = fill(labels["diagram_a11y_part"], title=title, part=index + 1, parts=len(runs))
        description = fill(
            labels["diagram_a11y_description"],
            stages=counted(labels, "count_stages", len(run)),
            tasks=counted(labels, "count_customer_actions", sum(len(section.tasks) for section in run)),
            channels=", ".join(names) or "–",
        )
        rows.append(JourneyRow(tuple(run), tuple(Actor(name, slots[name]) for name in names), Accessible(title, description)))
    return tuple(rows)


def _node(stage: Stage, labels: Labels) -> FlowNode:
    return FlowNode(
        f"s{stage.index}",
        stage.name,
        stage.owner.name if stage.owner else labels["no_owner"],
        labels["site_moment_of_truth"] if stage.moment_of_truth else None,
        stage.anchor,
    )


def _groups(journey: Journey, labels: Labels) -> tuple[FlowGroup, ...]:
    """A box for each run of consecutive stages in one phase (a phase the journey returns to
    gets a second box, so the stages inside every box stay in order)."""
    runs = [tuple(run) for _, run in groupby(journey.stages, key=lambda stage: stage.phase.id)]
    return tuple(
        FlowGroup(f"p{index}", run[0].phase.name_in(labels.language), tuple(_node(stage, labels) for stage in run)) for index, run in enumerate(runs)
    )


def _edges(groups: tuple[FlowGroup, ...]) -> tuple[tuple[str, str], ...]:
    """Stage to stage inside a box, and box to box between phases.

    Linking boxes rather than their stages is what lets Mermaid lay each phase out as a row,
    one row under the other: a box with a stage linked from outside loses its own direction,
    and the whole flow would become one line several screens wide.
    """
    inside = [(a.node_id, b.node_id) for group in groups for a, b in zip(group.nodes, group.nodes[1:])]
    between = [(a.group_id, b.group_id) for a, b in zip(groups, groups[1:])]
    return (*inside, *between)


def diagram_model(journey: Journey, labels: Labels) -> DiagramModel:
    sections = tuple(_section(stage, labels.language) for stage in journey.stages)
    groups = _groups(journey, labels)
    moments = [stage.name for stage in journey.moments_of_truth]
    return DiagramModel(
        journey_id=journey.id,
        sections=sections,
        rows=_rows(journey, sections, labels),
        groups=groups,
        edges=_edges(groups),
        points=tuple(CurvePoint(s.name, s.anchor, Feeling.of(s), s.moment_of_truth) for s in journey.stages),
        flow_a11y=Accessible(
            fill(labels["flow_a11y_title"], journey=journey.title),
            fill(
                labels["flow_a11y_description"],
                stages=counted(labels, "count_stages", len(journey.stages)),
                phases=", ".join(phase.name_in(labels.language) for phase in journey.phases),
                moments=", ".join(moments) or "–",
            ),
        ),
    )
