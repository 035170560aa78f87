"""The review queue: playbooks past their review date, so each owner sees what to review now, then what comes due next."""

from __future__ import annotations

from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page, views

REVIEW_URI = "review.md"


def review_page(context: SiteContext) -> list[GeneratedFile]:
    return [render_page(context, REVIEW_URI, "review.md", groups=views(context).review_queue, upcoming=views(context).upcoming_reviews, today=context.project.today)]
