"""Personas: the index of personas, and the block listing a persona's journeys on its own page.

Persona pages are written by hand (``content/personas/<id>.md``); the plugin appends
``persona_journeys`` to them so each profile shows the journeys written for that persona.
"""

from __future__ import annotations

from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page, views
from journeybook.pages.uris import PERSONAS_URI
from journeybook.render.links import Links


def persona_index(context: SiteContext) -> list[GeneratedFile]:
    shared = views(context)
    personas = sorted(context.project.site.personas.values(), key=lambda p: (p.title.casefold(), p.id))
    return [render_page(context, PERSONAS_URI, "personas.md", personas=personas, by_persona=shared.by_persona)]


def persona_journeys(context: SiteContext, src_uri: str) -> str | None:
    """Markdown to append to the persona page at ``src_uri``; ``None`` for any other page."""
    shared = views(context)
    persona = shared.personas_by_uri.get(src_uri)
    if persona is None:
        return None
    links = Links.for_page(src_uri, context.use_directory_urls)
    return str(context.renderer.render("persona-journeys.md", journeys=shared.by_persona.get(persona.id, []), links=links))
