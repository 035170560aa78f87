"""The ``verification`` block: how a playbook's map is checked against reality, and when next.

Placed after the KPIs in the default layout: the numbers first, then how the map behind them
is verified. Each method links to its section on the site's verification page.
"""

from __future__ import annotations

from journeybook.blocks.context import BlockContext


def verification_block(context: BlockContext) -> str:
    return str(context.renderer.render("verification-plan.html", journey=context.journey, links=context.links))
