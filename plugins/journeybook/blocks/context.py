"""What every block of a playbook page is given: the journey, the renderer and shared views."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from journeybook.model.resolved import Journey
from journeybook.render.links import Links
from journeybook.render.templates import Renderer

T = TypeVar("T")


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
