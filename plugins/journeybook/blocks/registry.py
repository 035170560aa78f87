"""Places generated blocks on a playbook page, where the author asks or in a default layout.

Authors write ``<!-- journeybook:map -->`` (or ``persona``, ``diagram``, ``flow``, ``curve``,
``stages``, ``kpis``, ``verification``) on a line of its own in the body; one inside a fenced code block is
an example, not a directive. A page with no directive gets ``DEFAULT_BEFORE`` above its prose
and ``DEFAULT_AFTER`` below it. Each block is a function from a ``BlockContext`` to
Markdown whose HTML stands behind placeholders (``journeybook.render.placeholders``).
"""

from __future__ import annotations

import re

from journeybook.blocks import journey, kpis, persona, verification
from journeybook.blocks.context import Block, BlockContext
from journeybook.render.fences import outside_fences
from journeybook.render.headings import demote_level_one

DIRECTIVE = re.compile(r"^[ \t]*<!--\s*journeybook:([a-z-]+)\s*-->[ \t]*$")

BLOCKS: dict[str, Block] = {
    "kpis": kpis.kpis_block,
    "diagram": journey.diagram_block,
    "flow": journey.flow_block,
    "curve": journey.curve_block,
    "map": journey.map_block,
    "stages": journey.stages_block,
    "verification": verification.verification_block,
    "persona": persona.persona_block,
}
"""Every block, under the directive name authors use."""

DEFAULT_BEFORE = ("persona", "flow", "curve")
"""Above the prose of a page with no directive: who the customer is, then the overview the prose talks about."""
DEFAULT_AFTER = ("map", "diagram", "stages", "kpis", "verification")
"""Below the prose: the map in detail, then the numbers, then how the map is verified."""


def _render(name: str, context: BlockContext) -> str:
    return f"\n\n{BLOCKS[name](context).strip()}\n\n"


def directives(lines: list[str]) -> dict[int, str]:
    """Line index -> block name of each directive line outside fenced code blocks."""
    return {index: match.group(1) for index in outside_fences(lines) if (match := DIRECTIVE.match(lines[index]))}


def unknown_directives(markdown: str) -> list[tuple[int, str]]:
    """Directives naming no block, with their 1-based line in the body, for a clear error."""
    return [(index + 1, name) for index, name in directives(markdown.split("\n")).items() if name not in BLOCKS]


def expand(markdown: str, context: BlockContext) -> str:
    """Replace directives with blocks; without any, wrap the prose in the default layout."""
    lines = demote_level_one(markdown).split("\n")
    placed = directives(lines)
    if placed:
        # An unknown name is left as the comment it is; loading reported it as an error.
        for index, name in placed.items():
            if name in BLOCKS:
                lines[index] = _render(name, context)
        return "\n".join(lines)
    before = "".join(_render(name, context) for name in DEFAULT_BEFORE)
    after = "".join(_render(name, context) for name in DEFAULT_AFTER)
    body = "\n".join(lines)
    return f"{before}\n\n{body}\n\n{after}"
