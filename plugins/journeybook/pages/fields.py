"""The field reference (fields.md): every field an author can write, made from the input models.

It ships with every site and follows the installed version. A site that writes its own
``fields.md`` keeps it: the generated page then steps aside.
"""

from __future__ import annotations

from journeybook.authoring.field_reference import field_reference
from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page
from journeybook.pages.uris import FIELDS_URI

__all__ = ["FIELDS_URI", "fields_page"]


def fields_page(context: SiteContext) -> list[GeneratedFile]:
    project = context.project
    if (project.layout.docs_dir / FIELDS_URI).is_file():
        return []
    site = project.site
    return [
        render_page(
            context, FIELDS_URI, "fields.md",
            sections=field_reference(context.renderer.labels),
            taxonomies=(("phases", site.phases), ("channels", site.channels), ("methods", site.methods), ("sources", site.sources)),
        )
    ]
