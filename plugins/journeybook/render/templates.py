"""Renders blocks from the Jinja2 templates in ``templates/blocks/`` (the site's, else the packaged ones), always autoescaped.

MkDocs' own theme environment has autoescape off, so nothing we generate goes through it:
blocks are rendered here and handed to pages as finished, escaped HTML (``Markup``).
"""

from __future__ import annotations

import traceback
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.loaders import split_template_path
from markupsafe import Markup

from journeybook.errors import BuildProblem, OutsideProject
from journeybook.findings import printable, unreadable
from journeybook.read.confine import confined
from journeybook.render.fragments import FragmentCache, FragmentExtension
from journeybook.render.labels import Labels, fill
from journeybook.render.markdown import markdown_text
from journeybook.render.placeholders import HtmlPlaceholders


def _format_number(value: float | int | None, unit: str = "") -> str:
    """Numbers as readers expect them: no trailing .0, the unit beside the value."""
    if value is None:
        return "–"
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _format_date(value: date | None) -> str:
    return value.isoformat() if value else "–"


class TemplateProblem(BuildProblem):
    """A block template that does not compile or render, located for whoever maintains it."""


def template_problem(error: TemplateError, template_dirs: Sequence[Path]) -> TemplateProblem:
    """Where among ``template_dirs`` Jinja2's ``error`` happened (file and line), and what it said.

    The first folder is the site's own, the last the packaged defaults: a broken copy in the
    site can be fixed or deleted (then the packaged template applies again).
    """
    where: tuple[str, int] | None = None
    if isinstance(error, TemplateSyntaxError) and error.filename:
        where = (error.filename, error.lineno)
    else:  # Jinja2 rewrites the traceback so that template frames carry the template's own lines
        for frame, line in traceback.walk_tb(error.__traceback__):
            if any(Path(frame.f_code.co_filename).is_relative_to(folder) for folder in template_dirs):
                where = (frame.f_code.co_filename, line)
    site = template_dirs[0]
    if isinstance(error, TemplateNotFound):
        return TemplateProblem(f"{site.name}/blocks/{error.name} is missing, in the site and in the installed Journeybook; restore it from the repository.")
    kind = "syntax error" if isinstance(error, TemplateSyntaxError) else "error"
    place = f"a template in {site.name}/blocks/"
    if where:
        folder = next((f for f in template_dirs if Path(where[0]).is_relative_to(f)), site)
        shown = Path(where[0]).relative_to(folder.parent) if folder == site else Path(where[0])
        place = f"{shown}, line {where[1]}"
    return TemplateProblem(
        f"{place}: template {kind}: {error.message or type(error).__name__}. The block templates are "
        "Jinja2 templates (https://jinja.palletsprojects.com/templates/); fix this one, or restore it "
        "from the repository (a site's own copy can be deleted: the packaged template then applies)."
    )


class _ConfinedLoader(FileSystemLoader):
    """The site's templates, none of them a link out of their folder (``journeybook.read.confine``)."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Any]:
        for folder in self.searchpath:
            path = Path(folder, *split_template_path(template))
            try:
                confined(path, Path(folder), f"{Path(folder).parent.name}/{Path(folder).name}/")
            except OutsideProject as problem:
                raise TemplateProblem(printable(f"{Path(folder).parent.name}/{Path(folder).name}/{template}: {unreadable(problem)}")) from None
        return super().get_source(environment, template)


class Renderer:
    """One autoescaping environment, with the site's labels as a global.

    Its ``html_block`` filter hands finished HTML to the build's ``placeholders``; whoever
    converts the rendered Markdown restores them afterwards (the plugin, in ``on_page_content``).
    A preview keeps one renderer across rebuilds while the labels stay the same: Jinja2 keeps
    each imported macro file with the globals it was first rendered with, so new labels need a
    new renderer.
    """

    def __init__(self, template_dirs: Sequence[Path], labels: Labels) -> None:
        self.template_dirs = tuple(template_dirs)
        self.labels = labels
        self.env = Environment(
            loader=_ConfinedLoader([folder / "blocks" for folder in self.template_dirs]),  # the site's file first
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            extensions=[FragmentExtension],
        )
        self.env.filters["number"] = _format_number
        self.env.filters["isodate"] = _format_date
        self.env.filters["fill"] = fill
        self.env.filters["html_block"] = self._html_block
        self.env.filters["markdown_text"] = markdown_text  # an author's value placed in Markdown, not HTML
        self.env.globals["labels"] = labels
        self.placeholders = HtmlPlaceholders()

    def _html_block(self, html: str, search: bool = True) -> Markup:
        """The filter, bound once: a macro file Jinja2 keeps still reaches this build's store."""
        return self.placeholders.put(html, search)

    def start_build(self, fragments_of: object = None) -> None:
        """Begin a build with fresh placeholders, keeping compiled templates.

        Compiling the block templates is a tenth of a preview rebuild; Jinja2 still recompiles
        any template whose file changed since (``auto_reload``). While previewing,
        ``fragments_of`` is the project's shared data: hub-page pieces rendered from it are kept
        for the next rebuild (``journeybook.render.fragments``); None keeps none.
        """
        self.placeholders = HtmlPlaceholders()
        self.fragments.start_build(fragments_of)

    @property
    def fragments(self) -> FragmentCache:
        return self.env.fragment_cache  # type: ignore[attr-defined,no-any-return]

    def render(self, template: str, **context: Any) -> Markup:
        try:
            return Markup(self.env.get_template(template).render(**context))
        except TemplateProblem:
            raise  # from a template rendered inside this one
        except TemplateError as error:
            raise template_problem(error, self.template_dirs) from None
