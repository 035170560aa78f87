"""Escapes text for Markdown: pull-request comments (GitHub's dialect) and site pages (Python-Markdown).

HTML autoescape is the wrong tool for Markdown: it leaves ``*``, ``_``, ``[`` and `````` alone,
so a stage named ``*New* [offer](http://x)`` would turn bold and into a link in a comment. Here
every ``{{ value }}`` passes through ``escape_markdown`` (the only place Markdown escaping is
done) unless a filter already made it safe, such as ``code`` for ids and paths.

Site pages are another dialect: Python-Markdown, with ``attr_list`` and ``toc``, turns a
title like ``Offer {: autofocus onfocus=... }`` into attributes and ``[x](javascript:...)``
into a link, and it keeps a backslash before ``&`` or ``<`` as text. ``markdown_text`` is the
filter block templates use wherever they put an author's value into Markdown (a heading, a
paragraph) rather than into HTML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

_SIGNIFICANT = re.compile(r"([\\`*_\[\]<>|~&#!])")
_REFERENCE = re.compile(r"(?<!\w)(?:(?:@|\\[#~]|%)(?=[A-Za-z0-9])|(?:\\[!&]|\$)(?=[0-9])|GH(?=-[0-9]))", re.IGNORECASE)
"""References GitHub and GitLab act on even when escaped: an @mention, an issue as #12 or GH-12,
and GitLab's merge request !12, label ~name, milestone %name, snippet $12 and epic &12."""
WORD_JOINER = "\u2060"


class MarkdownSafe(str):
    """Text already fit for Markdown: written out as it is."""


def escape_markdown(text: str) -> MarkdownSafe:
    """Inline text that reads the same in a comment: one line, Markdown's syntax characters escaped.

    Values always sit inside a line, never at its start, so only inline syntax (emphasis, code,
    links, images, HTML, entities, tables, strike-through, heading closers) needs escaping. An
    invisible word joiner after ``@``, ``#`` (and the other reference marks) keeps a playbook's "ask @retail-team" or "#12"
    from notifying a team or linking an issue when the comment is posted.
    """
    escaped = _SIGNIFICANT.sub(r"\\\1", " ".join(text.split()))
    return MarkdownSafe(_REFERENCE.sub(lambda found: found.group() + WORD_JOINER, escaped))


_PAGE_SIGNIFICANT = re.compile(r"[&<>\"'\\`*_{}\[\]()#+\-.!|~^=:$%@]")
"""HTML's characters; Python-Markdown's backslash-escapable ones (``Markdown.ESCAPED_CHARS``);
and those optional extensions give meaning to (tables, tilde, caret, mark, emoji, math...)."""
_BACKSLASHED = frozenset("\\`*_{}[]()#+-.!")


def _page_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in "&<>\"'":
        return str(escape(char))
    return f"\\{char}" if char in _BACKSLASHED else f"&#{ord(char)};"


def markdown_text(value: object) -> Markup:
    """An author's text as literal inline text of a page's Markdown, and HTML-escaped.

    One line (a newline could start a block); HTML's characters become entities; Markdown's
    escapable characters get a backslash, which Python-Markdown and ``toc`` undo before
    slugifying, so heading anchors stay as they were; the rest become character references.
    The result is ``Markup``: autoescape leaves it alone.
    """
    return Markup(_PAGE_SIGNIFICANT.sub(_page_escape, " ".join(str(value).split())))


def code(text: object) -> MarkdownSafe:
    """A code span fenced by more backticks than the text holds, so nothing can close it early."""
    value = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return MarkdownSafe(f"{fence}{pad}{value}{pad}{fence}")


def _finalize(value: Any) -> str:
    return value if isinstance(value, MarkdownSafe) else escape_markdown(str(value))


class MarkdownRenderer:
    """A Jinja2 environment over ``templates/blocks/`` for Markdown output, never for HTML."""

    def __init__(self, template_dirs: Sequence[Path]) -> None:
        self.env = Environment(
            loader=FileSystemLoader([folder / "blocks" for folder in template_dirs]),
            autoescape=False,
            finalize=_finalize,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["code"] = code

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)
