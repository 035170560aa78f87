"""The tags page: Material's tags plugin fills in its listing of every tag and its pages."""

from __future__ import annotations

from ..site_pages import GeneratedFile, SiteContext, producer
from .page import render_page

TAGS_URI = "tags.md"


@producer
def tags_page(context: SiteContext) -> list[GeneratedFile]:
    return [render_page(context, TAGS_URI, "tags.md")]
