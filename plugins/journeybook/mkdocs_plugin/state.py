"""What the plugin remembers, grouped by how long it lives: one build, a preview session, the second process."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup
from mkdocs.structure.pages import Page

from journeybook.mkdocs_plugin.ahead import Ahead
from journeybook.mkdocs_plugin.unchanged import GeneratedFiles
from journeybook.model.project import Project
from journeybook.model.refresh import Inputs
from journeybook.pages.context import SiteContext
from journeybook.read.layout import Layout
from journeybook.render.html_policy import HtmlPolicy
from journeybook.render.templates import Renderer


@dataclass
class BuildState:
    """Made again by every build (``on_config``); the renderer is kept while its templates and labels stay."""

    layout: Layout | None = None
    project: Project | None = None
    renderer: Renderer | None = None
    language: str = "en"
    site: SiteContext | None = None
    html_policy: HtmlPolicy = field(default_factory=HtmlPolicy)
    highlighted: Page | None = None
    """The navigation entry marked active for the playbook page being rendered."""


@dataclass
class PreviewState:
    """Kept across ``mkdocs serve``'s rebuilds (MkDocs keeps a plugin with ``on_startup`` alive)."""

    serving: bool = False
    dirty: bool = False
    inputs: Inputs | None = None
    """When each input file last changed, to reload only what an edit touched."""
    generated: GeneratedFiles = field(default_factory=GeneratedFiles)
    """Which generated files did not change, for ``--dirty`` to skip."""
    boxes: dict[str, Markup] = field(default_factory=dict)
    """Each page's error box, by page, shown at its top while previewing."""
    accents: bool = False
    """Whether a page has accented words, so the search index gets accent-free ones."""


@dataclass
class WorkerState:
    """The second process of one ``mkdocs build`` (``ahead``) and what it handed over."""

    ahead: Ahead | None = None
    jobs: int = 0
    used: int = 0
    headers: dict[str, Markup] = field(default_factory=dict)
    """Playbook headers the second process rendered, by page."""
