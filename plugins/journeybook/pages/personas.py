"""Personas: the index of personas, and what the plugin adds to a persona's own page.

Persona pages are written by hand (``content/personas/<id>.md``): the author's prose, with the
profile in the front matter. ``persona_page`` puts that profile (segment, quote, goals, needs,
motivations, pains) above the prose and the journeys written for the persona below it, in the
persona's ``language``; both reach search as text of the page.
"""

from __future__ import annotations

from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page, views
from journeybook.pages.uris import PERSONAS_URI
from journeybook.render.headings import demote_level_one
from journeybook.render.links import Links


def persona_index(context: SiteContext) -> list[GeneratedFile]:
    shared = views(context)
    personas = sorted(context.project.site.personas.values(), key=lambda p: (p.title.casefold(), p.id))
    return [render_page(context, PERSONAS_URI, "personas.md", personas=personas, by_persona=shared.by_persona)]


def persona_page(context: SiteContext, src_uri: str, markdown: str) -> str | None:
    """The persona page at ``src_uri`` with its profile above ``markdown`` and its journeys below; ``None`` for any other page."""
    shared = views(context)
    persona = shared.personas_by_uri.get(src_uri)
    if persona is None:
        return None
    links = Links.for_page(src_uri, context.use_directory_urls)
    renderer = context.renderer.in_language(persona.language)
    profile = renderer.render("persona-profile.md", persona=persona)
    journeys = renderer.render("persona-journeys.md", journeys=shared.by_persona.get(persona.id, []), links=links)
    return f"{profile}\n\n{demote_level_one(markdown)}\n\n{journeys}\n"
