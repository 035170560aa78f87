"""The verification page: how the company checks that its journey maps are true, and where not."""

from __future__ import annotations

from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page, views
from journeybook.render.links import VERIFICATION_PAGE, method_anchor


def verification_page(context: SiteContext) -> list[GeneratedFile]:
    shared = views(context)
    return [
        render_page(
            context, VERIFICATION_PAGE, "verification.md", method_anchor=method_anchor,
            methods=shared.methods, coverage=shared.coverage, playbooks=shared.playbook_coverage, overdue=shared.overdue_checks,
        )
    ]
