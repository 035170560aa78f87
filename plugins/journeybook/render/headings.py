"""The page's title is its only level-1 heading: an author's ``# Heading`` in a body becomes ``##``.

Material shows ``title`` as the page's heading only when the content has no ``<h1>`` of its
own, so a CX owner who writes ``# Overview`` in a playbook (as in a Word document) would take
the title's place, and the generated map, stages and KPIs would sit under "Overview" in the
table of contents. Level-1 headings of a body (``# x`` and ``x`` underlined with ``===``) are
moved one level down; code blocks are left as written.
"""

from __future__ import annotations

import re

from journeybook.render.fences import outside_fences

_ATX_ONE = re.compile(r"^( {0,3})#(?=[ \t]|$)")
_SETEXT_ONE = re.compile(r"^ {0,3}=+[ \t]*$")


def _paragraph_text(line: str) -> bool:
    return bool(line.strip()) and not line.startswith(("    ", "\t"))


def demote_level_one(markdown: str) -> str:
    """``markdown`` with its level-1 headings at level 2, fenced code untouched."""
    lines = markdown.split("\n")
    prose = list(outside_fences(lines))
    is_prose = set(prose)
    for index in prose:
        line = lines[index]
        if _ATX_ONE.match(line):
            lines[index] = _ATX_ONE.sub(r"\1##", line, count=1)
        elif _SETEXT_ONE.match(line) and index - 1 in is_prose and _paragraph_text(lines[index - 1]):
            lines[index] = line.replace("=", "-")
    return "\n".join(lines)
