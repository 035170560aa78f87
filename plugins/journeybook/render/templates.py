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
from journeybook.model.resolved import TaxonomyEntry
from journeybook.read.confine import confined
from journeybook.render.fragments import FragmentCache, FragmentExtension
from journeybook.render.labels import Labels, counted, fill, load_labels
from journeybook.render.markdown import markdown_text
from journeybook.render.numbers import MISSING, format_day, format_number
from journeybook.render.placeholders import HtmlPlaceholders


def _format_iso(value: date | None) -> str:
    """Machine-readable dates (``datetime`` and sort attributes) stay ISO in every language."""
    return value.isoformat() if value else MISSING


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
    new renderer. For the same reason a page in another language (a playbook's ``language``)
    is rendered by a renderer of its own (``in_language``), which shares this one's
    placeholders, so the plugin restores every page from one store.
    """

    def __init__(self, template_dirs: Sequence[Path], labels: Labels, label_dirs: Sequence[Path] = ()) -> None:
        self.template_dirs = tuple(template_dirs)
        self.labels = labels
        self.label_dirs = tuple(label_dirs)
        self._root = self
        self._languages: dict[str, Renderer] = {}
        self.env = Environment(
            loader=_ConfinedLoader([folder / "blocks" for folder in self.template_dirs]),  # the site's file first
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            extensions=[FragmentExtension],
        )
        self.env.filters["number"] = self._number
        self.env.filters["day"] = self._day
        self.env.filters["isodate"] = _format_iso
        self.env.filters["named"] = self._named
        self.env.filters["fill"] = fill
        self.env.filters["counted"] = self._counted
        self.env.filters["html_block"] = self._html_block
        self.env.filters["markdown_text"] = markdown_text  # an author's value placed in Markdown, not HTML
        self.env.globals["labels"] = labels
        self._placeholders = HtmlPlaceholders()

    @property
    def language(self) -> str:
        return self.labels.language

    @property
    def placeholders(self) -> HtmlPlaceholders:
        """This build's store, the same for every language's renderer."""
        return self._root._placeholders

    def in_language(self, language: str | None) -> Renderer:
        """The renderer for a page written in ``language`` (None: the site's, this one)."""
        if language is None or language == self.language or not self.label_dirs:
            return self
        found = self._languages.get(language)
        if found is None:
            found = Renderer(self.template_dirs, load_labels(self.label_dirs, language), self.label_dirs)
            found._root = self
            self._languages[language] = found
        return found

    def _number(self, value: float | int | None, unit: str = "") -> str:
        return format_number(value, unit, self.language)

    def _day(self, value: date | None) -> str:
        return format_day(value, self.language)

    def _counted(self, key: str, count: int, **values: object) -> str:
        """``"label_key" | counted(n)``: the label's plural form that agrees with ``n`` here."""
        return counted(self.labels, key, count, **values)

    def _named(self, entry: TaxonomyEntry) -> str:
        """A phase, channel or method under the name readers of this page's language know it by."""
        return entry.name_in(self.language)

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
        self._placeholders = HtmlPlaceholders()
        for language, renderer in list(self._languages.items()):  # a preview keeps them while their labels stay
            if not self.label_dirs or load_labels(self.label_dirs, language) != renderer.labels:
                del self._languages[language]
        for renderer in (self, *self._languages.values()):
            renderer.fragments.start_build(fragments_of)

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
