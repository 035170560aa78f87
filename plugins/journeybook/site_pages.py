"""Pages and files generated from all playbooks together (catalog, teams, exports...).

Each producer is a function from a ``SiteContext`` to ``GeneratedFile``s; the plugin adds them
with ``File.generated`` (never writing into ``content/``). Producers register with ``@producer``
in modules of ``journeybook.pages``. A producer works out which files there are and what they
show; the costly part, writing each file's text, waits in ``GeneratedFile.make``, so that a big
``mkdocs build`` can leave it to a second process (``mkdocs_plugin.ahead``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .project import Project
from .rendering import Renderer


@dataclass(frozen=True)
class GeneratedFile:
    """A page (``.md``, rendered by MkDocs like any other) or a data file copied as is."""

    src_uri: str
    make: Callable[[], str]
    """Writes the file's text: a page's Markdown, with its HTML behind the renderer's placeholders."""


@dataclass
class SiteContext:
    project: Project
    renderer: Renderer
    use_directory_urls: bool = True
    language: str = "en"
    views: dict[str, Any] = field(default_factory=dict)


Producer = Callable[[SiteContext], list[GeneratedFile]]

PRODUCERS: list[Producer] = []


def producer(function: Producer) -> Producer:
    """Register a producer of generated files."""
    PRODUCERS.append(function)
    return function


def generate(context: SiteContext) -> list[GeneratedFile]:
    return [item for make in PRODUCERS for item in make(context)]
