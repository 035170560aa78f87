"""The Mermaid emitter: the only place that writes Mermaid syntax, and so the only place that escapes it.

Mermaid's journey syntax has no quoting: ``:`` ends a task name, ``;`` and newlines end a
statement, ``#`` starts an entity, commas split actors, ``%%`` starts a comment or directive,
and a task that begins with ``section`` or ``title`` becomes one. Flowchart labels are quoted
but still read entities and HTML. So every text from the model goes through ``text``: letters,
digits, spaces and a little harmless punctuation stay as they are; every other character
becomes a Mermaid entity code (``:`` is ``#58;``), which Mermaid turns back into the character
only when it draws, after parsing. Ids are ours (``s0``, ``p0``), never the author's text.
"""

from __future__ import annotations

import json

from journeybook.views.diagram import Accessible, DiagramModel, FlowNode, JourneyRow

# Characters a label keeps as they are; everything else that is not a letter or digit is coded.
SAFE = frozenset(" .-'?!/()+")
# Words that mean something when a journey statement starts with them (Mermaid reads them
# case-insensitively); a label starting with one gets its first character coded.
KEYWORDS = ("title", "section", "journey", "acctitle", "accdescr")

# Per-diagram Mermaid configuration, as front matter, so it holds under Material's loader and
# under mkdocs-mermaid2 alike (``securityLevel`` cannot be set here, and stays ``strict``).
# The journey diagram is drawn at its natural size (text at 14-16 px) and scrolls sideways
# when wide, instead of being shrunk to the column width: at half size it is unreadable.
# Material styles flowcharts for its light and dark palettes but not journey diagrams, whose
# default colours are unreadable in dark mode; this CSS uses Material's variables (which reach
# into Mermaid's shadow root) so both palettes work. Task boxes are opaque, so the dashed line
# Mermaid draws from each task down to its face stays out of the text; the time axis has no
# arrowhead (Mermaid ends it on the last face). A row wider than its column scrolls on screen
# and is scaled to the page when printed (journeybook-print.js). No ``#`` in it: Mermaid reads
# ``#x;`` as an entity (and an ``@media`` rule in it never reached the drawing).
JOURNEY_CSS = " ".join((
    ".legend { fill: var(--md-default-fg-color, black); font-size: 14px; }",
    "rect.journey-section { fill: var(--md-primary-fg-color, indigo); stroke: none; }",
    "div.journey-section div.label { color: var(--md-primary-bg-color, white); font-weight: 700; }",
    "rect.task { fill: color-mix(in srgb, var(--md-accent-fg-color, slateblue) 8%, var(--md-default-bg-color, white));"
    " stroke: var(--md-mermaid-node-fg-color, slateblue); }",
    "div.task div.label { color: var(--md-mermaid-label-fg-color, black); }",
    ".task-line { stroke: var(--md-default-fg-color--light, gray); }",
    "line[stroke='black'] { stroke: var(--md-default-fg-color--light, gray); marker-end: none; }",
    "* { font-family: var(--md-mermaid-font-family, sans-serif); }",
))
# A moment of truth's heading and actions get a thick outline in the accent colour, besides the
# star in its name.
MOMENT_CSS = "rect.section-type-{n}, rect.task-type-{n} {{ stroke: var(--md-accent-fg-color, crimson); stroke-width: 4px; }}"
# Actors are channels. Mermaid numbers a diagram's actors in alphabetical order (``.actor-N``),
# so the number of a channel changes from one diagram to the next; each diagram's CSS gives
# each of its numbers the colour and outline of the channel's place in the site's taxonomy
# instead, so Website looks the same on every page. Colours are readable on light and dark
# backgrounds and written as rgb() (a hex colour's "#" could read as an entity); the outline
# patterns (solid, dashed, dotted, thick...) tell channels apart without colour, and the legend
# names each one.
ACTOR_COLOURS = (
    "rgb(31,119,180)", "rgb(255,127,14)", "rgb(44,160,44)", "rgb(214,39,40)", "rgb(148,103,189)", "rgb(140,86,75)",
    "rgb(227,119,194)", "rgb(127,127,127)", "rgb(188,189,34)", "rgb(23,190,207)", "rgb(255,187,120)", "rgb(152,223,138)",
    "rgb(255,255,255)", "rgb(255,215,0)", "rgb(255,0,255)",
)
ACTOR_OUTLINES = (
    "stroke-width: 1px;",
    "stroke-width: 2px; stroke-dasharray: 3 2;",
    "stroke-width: 2px; stroke-dasharray: 1 2;",
    "stroke-width: 3px;",
    "stroke-width: 2px; stroke-dasharray: 6 2 1 2;",
)
# Tasks are tall enough for four lines of text below the row of channel dots. Mermaid adds the
# legend's widest label to ``leftMargin``; a section heading spans its tasks exactly when
# ``diagramMarginX`` equals ``taskMargin``.
JOURNEY_SETTINGS = {
    "useMaxWidth": False, "taskFontSize": 14, "leftMargin": 80, "width": 170, "height": 90, "taskMargin": 24, "diagramMarginX": 24,
}
FLOW_CONFIG = {"flowchart": {"useMaxWidth": False, "wrappingWidth": 110, "nodeSpacing": 20, "padding": 8}}

INDENT = "    "


def text(value: str) -> str:
    """One line of label text, safe anywhere in a Mermaid statement."""
    words = " ".join(value.split())
    coded = "".join(char if char.isalnum() or char in SAFE else f"#{ord(char)};" for char in words)
    if words.lower().startswith(KEYWORDS):
        coded = f"#{ord(words[0])};{coded[1:]}"
    return coded


def _front_matter(config: dict[str, object]) -> list[str]:
    return ["---", "config:", *(f"  {key}: {json.dumps(value)}" for key, value in config.items()), "---"]


def _accessible(a11y: Accessible) -> list[str]:
    return [f"{INDENT}accTitle: {text(a11y.title)}", f"{INDENT}accDescr: {text(a11y.description)}"]


def _actor_css(row: JourneyRow) -> list[str]:
    """Each of the row's actor numbers styled as its channel (numbers follow Mermaid's own sort)."""
    by_name = {text(actor.name): actor.slot for actor in row.actors}
    return [
        f".actor-{number} {{ fill: {ACTOR_COLOURS[by_name[name] % len(ACTOR_COLOURS)]}; stroke: black; {ACTOR_OUTLINES[by_name[name] % len(ACTOR_OUTLINES)]} }}"
        for number, name in enumerate(sorted(by_name))
    ]


def journey(row: JourneyRow) -> str:
    """One row of the Mermaid ``journey`` diagram: a section per stage, a task per action, channels as actors."""
    moments = [MOMENT_CSS.format(n=number) for number, section in enumerate(row.sections) if section.moment]
    config = {"journey": JOURNEY_SETTINGS, "themeCSS": " ".join((JOURNEY_CSS, *moments, *_actor_css(row)))}
    lines = [*_front_matter(config), "journey", *_accessible(row.a11y)]
    for section in row.sections:
        lines.append(f"{INDENT}section {'#9733; ' if section.moment else ''}{text(section.name)}")
        for task in section.tasks:
            actors = ", ".join(text(actor) for actor in task.actors)
            lines.append(f"{INDENT * 2}{text(task.text)}: {task.score}" + (f": {actors}" if actors else ""))
    return "\n".join(lines) + "\n"


def _node_label(node: FlowNode) -> str:
    # The owning team stays on one line (no-break spaces): Mermaid sizes a box before the
    # page's font draws it, and a team name wrapped then ("Customer Success") hung out of it.
    parts = [text(node.name), f"<small>{text(node.owner).replace(' ', '#160;')}</small>"]
    if node.moment:
        parts.insert(0, f"<b>#9733; {text(node.moment)}</b>")
    return "<br>".join(parts)


def flowchart(model: DiagramModel) -> str:
    """The stage flowchart: stages in order, a row per phase, moments of truth marked, each a link."""
    lines = [*_front_matter(FLOW_CONFIG), "flowchart TB", *_accessible(model.flow_a11y)]
    nodes = [node for group in model.groups for node in group.nodes]
    for group in model.groups:
        lines.append(f'{INDENT}subgraph {group.group_id}["{text(group.name)}"]')
        lines.append(f"{INDENT * 2}direction LR")
        lines.extend(f'{INDENT * 2}{node.node_id}["{_node_label(node)}"]' for node in group.nodes)
        lines.append(f"{INDENT}end")
    lines.extend(f"{INDENT}{source} --> {target}" for source, target in model.edges)
    lines.extend(f'{INDENT}click {node.node_id} href "#{node.anchor}" "{text(node.name)}"' for node in nodes)
    moments = [node.node_id for node in nodes if node.moment]
    if moments:
        lines.append(f"{INDENT}classDef moment stroke-width:4px,stroke-dasharray:0")
        lines.append(f"{INDENT}class {','.join(moments)} moment")
    return "\n".join(lines) + "\n"
