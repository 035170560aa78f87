"""Renders blocks from the Jinja2 templates in ``templates/blocks/``, always autoescaped.

MkDocs' own theme environment has autoescape off, so nothing we generate goes through it:
blocks are rendered here and handed to pages as finished, escaped HTML (``Markup``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .fragments import FragmentCache, FragmentExtension
from .labels import Labels
from .placeholders import HtmlPlaceholders


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


class Renderer:
    """One autoescaping environment, with the site's labels as a global.

    Its ``html_block`` filter hands finished HTML to ``placeholders``; whoever converts the
    rendered Markdown restores them afterwards (the plugin, in ``on_page_content``).
    """

    def __init__(self, templates_dir: Path, labels: Labels) -> None:
        self.templates_dir = templates_dir
        self.env = Environment(
            loader=FileSystemLoader(templates_dir / "blocks"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            extensions=[FragmentExtension],
        )
        self.env.filters["number"] = _format_number
        self.env.filters["isodate"] = _format_date
        self.placeholders = HtmlPlaceholders()
        self.start_build(labels)

    def start_build(self, labels: Labels, fragments_of: object = None) -> None:
        """Begin a build with fresh placeholders and these labels, keeping compiled templates.

        Compiling the block templates is a tenth of a preview rebuild; Jinja2 still recompiles
        any template whose file changed since (``auto_reload``). While previewing,
        ``fragments_of`` is the project's shared data: hub-page pieces rendered from it are kept
        for the next rebuild (``journeybook.fragments``); None keeps none.
        """
        self.placeholders = HtmlPlaceholders()
        self.env.globals["labels"] = labels
        self.env.filters["html_block"] = self.placeholders.put
        self.fragments.start_build(fragments_of is not None, fragments_of, labels)

    @property
    def fragments(self) -> FragmentCache:
        return self.env.fragment_cache  # type: ignore[attr-defined,no-any-return]

    def render(self, template: str, **context: Any) -> Markup:
        return Markup(self.env.get_template(template).render(**context))
