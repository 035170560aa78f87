"""Start here: the page a new hire reads first, before any playbook."""

from __future__ import annotations

from journeybook.pages.context import GeneratedFile, SiteContext
from journeybook.pages.page import render_page, views
from journeybook.pages.uris import START_URI

# The parts of a playbook page, in the order the default layout shows them
# (page_blocks.DEFAULT_BEFORE/AFTER); labels ``start_read_<part>_*``.
READING_STEPS = ("header", "goals", "overview", "prose", "map", "stages", "kpis", "verification")

# Glossary terms, in reading order (labels ``glossary_<term>_term`` and ``_text``); ``phase``
# is followed by the site's own phases.
GLOSSARY = (
    "customer_journey", "persona", "phase", "stage", "touchpoint", "owned", "paid", "earned",
    "moment_of_truth", "emotional_curve", "leading_kpi", "cltv", "cac", "nps", "csat", "ces", "blind_spot",
)


def start_here_page(context: SiteContext) -> list[GeneratedFile]:
    return [
        render_page(
            context, START_URI, "start-here.md",
            featured=views(context).featured, reading_steps=READING_STEPS, glossary=GLOSSARY,
            phases=list(context.project.site.phases.values()),
        )
    ]
