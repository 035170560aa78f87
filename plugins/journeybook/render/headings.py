"""The page's title is its only level-1 heading: an author's ``# Heading`` in a body becomes ``##``.

Material shows ``title`` as the page's heading only when the content has no ``<h1>`` of its
own, so a CX owner who writes ``# Overview`` in a playbook (as in a Word document) would take
the title's place, and the generated map, stages and KPIs would sit under "Overview" in the
table of contents. Level-1 headings of a body (``# x`` and ``x`` underlined with ``===``) are
moved one level down; code blocks are left as written.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_ONE = re.compile(r"^( {0,3})#(?=[ \t]|$)")
_SETEXT_ONE = re.compile(r"^ {0,3}=+[ \t]*$")


def demote_level_one(markdown: str) -> str:
    """``markdown`` with its level-1 headings at level 2, fenced code untouched."""
    lines = markdown.split("\n")
    fence: str | None = None
    previous_is_text = False
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = None
            previous_is_text = False
            continue
        if opened:
            fence = opened.group(1)
            previous_is_text = False
            continue
        if _ATX_ONE.match(line):
            lines[index] = _ATX_ONE.sub(r"\1##", line, count=1)
        elif previous_is_text and _SETEXT_ONE.match(line):
            lines[index] = line.replace("=", "-")
        previous_is_text = bool(line.strip()) and not line.startswith(("    ", "\t"))
    return "\n".join(lines)
