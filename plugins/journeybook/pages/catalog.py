"""The Journeys catalog: one table of every playbook, the place readers browse from."""

from __future__ import annotations

from ..site_pages import GeneratedFile, SiteContext, producer
from .page import render_page, views

CATALOG_URI = "journeys/index.md"


@producer
def catalog_page(context: SiteContext) -> list[GeneratedFile]:
    return [render_page(context, CATALOG_URI, "catalog.md", journeys=views(context).catalog)]
