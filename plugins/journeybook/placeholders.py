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
    """One store per build: HTML waiting to be put back into the page it was made for.

    HTML put with ``search=False`` comes back later, into the finished page (``on_post_page``),
    so Material's search plugin, which parses every page's HTML in pure Python, neither reads
    nor indexes it: the journey-map grid (the stage sections hold the same words), the curve's
    SVG, Mermaid's source text and the hub pages' long tables of every playbook.
    """

    def __init__(self) -> None:
        secret = secrets.token_hex(8)
        self.prefix = f"JBHTML{secret}"
        self._pattern = re.compile(rf"(<p>)?{self.prefix}([SL])(\d+)(?(1)</p>)")
        # Material's search skips an element marked data-search-exclude (its text and children).
        self._hidden_open = "<div data-search-exclude>"
        self._late = re.compile(rf"{self._hidden_open}{self.prefix}L(\d+)</div>")
        self._waiting: dict[int, str] = {}
        self._count = 0

    def put(self, html: str, search: bool = True) -> Markup:
        """A paragraph of its own standing for ``html`` until it is restored."""
        self._count += 1
        self._waiting[self._count] = str(html)
        return Markup(f"\n\n{self.prefix}{'S' if search else 'L'}{self._count}\n\n")

    def expanded(self, text: str) -> str:
        """``text`` with its placeholders shown as the HTML they stand for, leaving them waiting.

        Two builds of the same content differ only in their placeholders; this is what they
        are compared by (``mkdocs serve --dirty`` skips a generated page that did not change).
        """
        if self.prefix not in text:
            return text
        return self._pattern.sub(lambda m: self._waiting.get(int(m.group(3)), ""), text)

    def restore(self, html: str) -> str:
        """Put back the searchable placeholders, each once; hide the others from search."""
        if self.prefix not in html:
            return html

        def put_back(match: re.Match[str]) -> str:
            if match.group(2) == "L":
                return f"{self._hidden_open}{self.prefix}L{match.group(3)}</div>"
            return self._waiting.pop(int(match.group(3)), "")

        return self._pattern.sub(put_back, html)

    def restore_late(self, html: str) -> str:
        """Put back what ``restore`` hid from search, into the finished page."""
        if self.prefix not in html:
            return html
        return self._late.sub(lambda m: self._waiting.pop(int(m.group(1)), ""), html)
