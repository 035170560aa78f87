"""The tags page: Material's tags plugin fills in its listing of every tag and its pages."""

from __future__ import annotations

from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page
from journeybook.pages.uris import TAGS_URI


def tags_page(context: SiteContext) -> list[GeneratedFile]:
    return [render_page(context, TAGS_URI, "tags.md")]
