"""Team pages: the index of teams, and one page per team with everything it owns.

Team pages live at ``links.TEAM_PAGE`` so playbook headers and every other page link to them
through ``Links.team``.
"""

from __future__ import annotations

from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page, views
from journeybook.pages.uris import TEAMS_URI
from journeybook.render.links import TEAM_PAGE


def team_pages(context: SiteContext) -> list[GeneratedFile]:
    holdings = sorted(views(context).teams.values(), key=lambda h: (h.team.name.casefold(), h.team.id))
    pages = [render_page(context, TEAMS_URI, "teams.md", holdings=holdings)]
    kpi_views = context.project.kpis
    pages += [render_page(context, TEAM_PAGE.format(id=h.team.id), "team.md", holding=h, kpi_views=kpi_views) for h in holdings]
    return pages
