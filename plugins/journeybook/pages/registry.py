"""Pages and files generated from all playbooks together (catalog, teams, exports...).

Each producer is a function from a ``SiteContext`` to ``GeneratedFile``s; the plugin adds them
with ``File.generated`` (never writing into ``content/``). 
A producer works out which files there are and what they
show; the costly part, writing each file's text, waits in ``GeneratedFile.make``, so that a big
``mkdocs build`` can leave it to a second process (``mkdocs_plugin.ahead``).
"""

from __future__ import annotations

from journeybook.pages import (
    catalog,
    exports,
    fields,
    initiatives,
    kpi_pages,
    personas,
    review,
    start_here,
    tags,
    teams,
    verification,
)
from journeybook.pages.context import GeneratedFile, Producer, SiteContext

PRODUCERS: tuple[Producer, ...] = (
    catalog.catalog_page,
    exports.journeys_json,
    personas.persona_index,
    review.review_page,
    start_here.start_here_page,
    tags.tags_page,
    teams.team_pages,
    verification.verification_page,
    kpi_pages.kpi_health_page,
    kpi_pages.kpis_json,
    kpi_pages.kpis_csv,
    initiatives.initiatives_hub,
    initiatives.initiatives_json,
    fields.fields_page,
)
"""Every producer, in the order their files are added to the site."""


def generate(context: SiteContext) -> list[GeneratedFile]:
    return [item for make in PRODUCERS for item in make(context)]
