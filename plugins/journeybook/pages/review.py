"""The review queue: playbooks past their review date, so each owner sees what to review now,
then what comes due next, and the initiatives whose owners must write a result or add measurements."""

from __future__ import annotations

from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page, views
from journeybook.pages.uris import REVIEW_URI


def review_page(context: SiteContext) -> list[GeneratedFile]:
    today = context.project.today
    return [render_page(
        context, REVIEW_URI, "review.md", groups=views(context).review_queue, upcoming=views(context).upcoming_reviews, today=today,
        follow_ups=context.project.initiatives.follow_ups(today),
    )]
