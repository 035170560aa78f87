"""What every producer of generated pages is given (``SiteContext``) and gives back (``GeneratedFile``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from journeybook.model.project import Project
from journeybook.render.templates import Renderer


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
