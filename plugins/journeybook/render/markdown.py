"""Renders Markdown (pull-request comments) from Jinja2 templates, escaping every value.

HTML autoescape is the wrong tool for Markdown: it leaves ``*``, ``_``, ``[`` and `````` alone,
so a stage named ``*New* [offer](http://x)`` would turn bold and into a link in a comment. Here
every ``{{ value }}`` passes through ``escape_markdown`` (the only place Markdown escaping is
done) unless a filter already made it safe, such as ``code`` for ids and paths.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined

_SIGNIFICANT = re.compile(r"([\\`*_\[\]<>|~&#!])")
_REFERENCE = re.compile(r"(?<!\w)(@|\\#)(?=[A-Za-z0-9])")
"""An @mention or #123 reference, which GitHub and GitLab act on even when escaped."""
WORD_JOINER = "\u2060"


class MarkdownSafe(str):
    """Text already fit for Markdown: written out as it is."""


def escape_markdown(text: str) -> MarkdownSafe:
    """Inline text that reads the same in a comment: one line, Markdown's syntax characters escaped.

    Values always sit inside a line, never at its start, so only inline syntax (emphasis, code,
    links, images, HTML, entities, tables, strike-through, heading closers) needs escaping. An
    invisible word joiner after ``@`` and ``#`` keeps a playbook's "ask @retail-team" or "#12"
    from notifying a team or linking an issue when the comment is posted.
    """
    escaped = _SIGNIFICANT.sub(r"\\\1", " ".join(text.split()))
    return MarkdownSafe(_REFERENCE.sub(rf"\1{WORD_JOINER}", escaped))


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
