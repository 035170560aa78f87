"""Where the generated pages and files are published: places no author file and no id may take.

MkDocs lets a generated file silently replace a file of the same name in docs_dir, so the
project loader (``journeybook.model.project``) refuses an author's ``content/kpis.md`` or
``content/journeys/index.md``, and a team whose page would be ``teams/index.md``, by this list.
"""

from __future__ import annotations

from journeybook.render.links import CATALOG_PAGE, TEAM_PAGE, VERIFICATION_PAGE

CATALOG_URI = CATALOG_PAGE
EXPORT_URI = "journeys.json"
PERSONAS_URI = "personas/index.md"
REVIEW_URI = "review.md"
START_URI = "start-here.md"
TAGS_URI = "tags.md"
TEAMS_URI = "teams/index.md"
KPIS_URI = "kpis.md"
CSV_URI = "kpis.csv"
JSON_URI = "kpis.json"
INITIATIVES_HUB_URI = "initiatives/index.md"
INITIATIVES_JSON_URI = "initiatives.json"
FIELDS_URI = "fields.md"
MERMAID_URI = "assets/javascripts/mermaid.min.js"
STYLESHEET_URI = "assets/stylesheets/journeybook.css"
TABLES_SCRIPT_URI = "assets/javascripts/journeybook-tables.js"
PRINT_SCRIPT_URI = "assets/javascripts/journeybook-print.js"
# Material's offline plugin adds a CDN copy of this shim unless extra.polyfills already names
# one, so naming this local copy keeps file:// search from reaching another host.
SHIM_URI = "assets/javascripts/iframe-worker.js"

GENERATED: dict[str, str] = {
    CATALOG_URI: "the journey catalog",
    EXPORT_URI: "the journeys export",
    PERSONAS_URI: "the personas hub",
    REVIEW_URI: "the review queue",
    START_URI: "the start-here page",
    TAGS_URI: "the tags page",
    TEAMS_URI: "the teams hub",
    KPIS_URI: "the KPI health page",
    CSV_URI: "the KPI export (CSV)",
    JSON_URI: "the KPI export (JSON)",
    VERIFICATION_PAGE: "the verification page",
    INITIATIVES_HUB_URI: "the initiatives hub",
    INITIATIVES_JSON_URI: "the initiatives export",
    FIELDS_URI: "the field reference page",
    MERMAID_URI: "the diagram library (Mermaid)",
    STYLESHEET_URI: "Journeybook's stylesheet",
    TABLES_SCRIPT_URI: "the table-sorting script",
    PRINT_SCRIPT_URI: "the script fitting diagrams to a printed page",
    SHIM_URI: "the offline search shim",
}
"""Every fixed generated file, with what it is; team pages (``TEAM_PAGE``) come on top."""


def reserved_team_ids() -> dict[str, str]:
    """Team ids whose page (``TEAM_PAGE``) would be one of the fixed generated files."""
    prefix, suffix = TEAM_PAGE.split("{id}")
    return {uri[len(prefix) : -len(suffix)]: what for uri, what in GENERATED.items() if uri.startswith(prefix) and uri.endswith(suffix)}
