"""The review queue: playbooks past their review date, so each owner sees what to review next."""

from __future__ import annotations

from ..site_pages import GeneratedFile, SiteContext, producer
from .page import render_page, views

REVIEW_URI = "review.md"


@producer
def review_page(context: SiteContext) -> list[GeneratedFile]:
    return [render_page(context, REVIEW_URI, "review.md", groups=views(context).review_queue, today=context.project.today)]
