"""Generated HTML kept out of Markdown: a placeholder goes in early, the HTML comes back late.

Every generated block and hub page is mostly finished HTML (tables, inline SVG, definition
lists). Left inside the Markdown, Python-Markdown's pure-Python raw-HTML parser (``md_in_html``)
reads each of its tags, about 1,300 on a playbook page, for nothing: the HTML comes out as it
went in. So templates put such HTML through the ``html_block`` filter, which stores it and
leaves a placeholder paragraph; after conversion (``on_page_content``) ``restore`` swaps each
placeholder back, as Material's tags plugin does with its listings. Markdown that must be
Markdown (headings that carry anchors into the table of contents) stays outside the filter.

Placeholders carry a secret made afresh for every build, so no author can write one, and
generated HTML never meets the raw-HTML policy (it is ours, already escaped by Jinja2).
"""

from __future__ import annotations

import re
import secrets

from markupsafe import Markup


class HtmlPlaceholders:
    """One store per build: HTML waiting to be put back into the page it was made for."""

    def __init__(self) -> None:
        self.prefix = f"JBHTML{secrets.token_hex(8)}X"
        self._pattern = re.compile(rf"(<p>)?{self.prefix}(\d+)(?(1)</p>)")
        self._waiting: dict[int, str] = {}
        self._count = 0

    def put(self, html: str) -> Markup:
        """A paragraph of its own standing for ``html`` until ``restore``."""
        self._count += 1
        self._waiting[self._count] = str(html)
        return Markup(f"\n\n{self.prefix}{self._count}\n\n")

    def expanded(self, text: str) -> str:
        """``text`` with its placeholders shown as the HTML they stand for, leaving them waiting.

        Two builds of the same content differ only in their placeholders; this is what they
        are compared by (``mkdocs serve --dirty`` skips a generated page that did not change).
        """
        if self.prefix not in text:
            return text
        return self._pattern.sub(lambda m: self._waiting.get(int(m.group(2)), ""), text)

    def restore(self, html: str) -> str:
        """The page's HTML with its placeholders replaced (each is used once, then dropped)."""
        if self.prefix not in html:
            return html
        return self._pattern.sub(lambda m: self._waiting.pop(int(m.group(2)), ""), html)
