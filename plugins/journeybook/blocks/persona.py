"""The ``persona`` block: who the playbook is written for, before the maps of what they go through.

First in the default layout, under the header: a reader meets the customer (their words, their
first goals and pains) before following their journey. The whole profile is on the persona's
own page, which the block links to (``journeybook.pages.personas``).
"""

from __future__ import annotations

from journeybook.blocks.context import BlockContext

SUMMARY_ITEMS = 3
"""Goals and pains shown on a playbook; the persona's page lists them all."""


def persona_block(context: BlockContext) -> str:
    return str(context.renderer.render("persona-summary.md", persona=context.journey.persona, limit=SUMMARY_ITEMS, links=context.links))
