"""Places generated blocks on a playbook page, where the author asks or in a default layout.

Authors write ``<!-- journeybook:map -->`` (or ``diagram``, ``flow``, ``curve``, ``stages``,
``kpis``, ``verification``) on a line of its own in the body; one inside a fenced code block is
an example, not a directive. A page with no directive gets ``DEFAULT_BEFORE`` above its prose
and ``DEFAULT_AFTER`` below it. Each block is a function from a ``BlockContext`` to
Markdown whose HTML stands behind placeholders (``journeybook.placeholders``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from .links import Links
from .rendering import Renderer
from .resolved import Journey

T = TypeVar("T")
DIRECTIVE = re.compile(r"^[ \t]*<!--\s*journeybook:([a-z-]+)\s*-->[ \t]*$")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


@dataclass
class BlockContext:
    """What every block may use: the journey, the renderer and shared computed views."""

    journey: Journey
    renderer: Renderer
    links: Links
    views: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, make: Callable[[], T]) -> T:
        """A view several blocks of the page use, made by the first that asks for it."""
        if key not in self.views:
            self.views[key] = make()
        return self.views[key]  # type: ignore[no-any-return]


Block = Callable[[BlockContext], str]

BLOCKS: dict[str, Block] = {}
DEFAULT_BEFORE: list[str] = []
DEFAULT_AFTER: list[str] = []


def block(name: str) -> Callable[[Block], Block]:
    """Register a block under the directive name authors use."""

    def register(function: Block) -> Block:
        BLOCKS[name] = function
        return function

    return register


def _render(name: str, context: BlockContext) -> str:
    return f"\n\n{BLOCKS[name](context).strip()}\n\n"


def directives(lines: list[str]) -> dict[int, str]:
    """Line index -> block name of each directive line outside fenced code blocks."""
    found: dict[int, str] = {}
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = FENCE.match(line)
        if opening and (fence is None or opening.group(1).startswith(fence)):
            fence = None if fence else opening.group(1)[0] * 3
        elif fence is None and (match := DIRECTIVE.match(line)):
            found[index] = match.group(1)
    return found


def unknown_directives(markdown: str) -> list[tuple[int, str]]:
    """Directives naming no block, with their 1-based line in the body, for a clear error."""
    return [(index + 1, name) for index, name in directives(markdown.split("\n")).items() if name not in BLOCKS]


def expand(markdown: str, context: BlockContext) -> str:
    """Replace directives with blocks; without any, wrap the prose in the default layout."""
    lines = markdown.split("\n")
    placed = directives(lines)
    if placed:
        # An unknown name is left as the comment it is; loading reported it as an error.
        for index, name in placed.items():
            if name in BLOCKS:
                lines[index] = _render(name, context)
        return "\n".join(lines)
    before = "".join(_render(name, context) for name in DEFAULT_BEFORE if name in BLOCKS)
    after = "".join(_render(name, context) for name in DEFAULT_AFTER if name in BLOCKS)
    return f"{before}\n\n{markdown}\n\n{after}"
