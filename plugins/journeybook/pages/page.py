"""What every generated page does the same way: links relative to itself, one template render, made when asked."""

from __future__ import annotations

from functools import partial
from typing import Any

from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.render.links import Links
from journeybook.views.site import SiteViews


def views(context: SiteContext) -> SiteViews:
    """The build's shared views (computed once, whichever page asks first)."""
    return SiteViews.shared(context.project, context.views)


def render_page(context: SiteContext, src_uri: str, template: str, **values: Any) -> GeneratedFile:
    """``template`` as the page published for ``src_uri``, its links relative to that page."""
    links = Links.for_page(src_uri, context.use_directory_urls)
    return GeneratedFile(src_uri, partial(_render, context, template, links=links, **values))


def _render(context: SiteContext, template: str, **values: Any) -> str:
    return str(context.renderer.render(template, **values))
