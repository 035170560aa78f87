"""Generated HTML kept out of Markdown and search parsing: a placeholder early, the HTML late.

Every generated block and hub page is mostly finished HTML (tables, inline SVG, definition
lists). Left inside the Markdown, Python-Markdown's pure-Python raw-HTML parser (``md_in_html``)
reads each of its tags, about 1,300 on a playbook page, for nothing: the HTML comes out as it
went in. Material's search plugin then parses the page's HTML again, also in pure Python.

So templates put such HTML through the ``html_block`` filter, which stores it and leaves a
placeholder paragraph in the Markdown. After conversion (``on_page_content``) ``with_stand_ins``
swaps each placeholder for a stand-in holding only the block's words, as plain text, which is
what search indexes; ``search=False`` leaves the stand-in empty (the grid's printed copies,
the curve's SVG, Mermaid's source text, the hub pages' long tables of every playbook, the KPI
health page's lists by owner and category, which repeat its status tables). In the finished
page (``on_post_page``) ``with_html``
replaces each stand-in with the real HTML. Markdown that must be Markdown (headings that carry
anchors into the table of contents) stays outside the filter, so search still splits the page
into the same sections. This is the two-phase fill Material's tags plugin uses for listings.

Placeholders carry a secret made afresh for every build, so no author can write one, and
generated HTML never meets the raw-HTML policy (it is ours, already escaped by Jinja2).
"""

from __future__ import annotations

import re
import secrets

from markupsafe import Markup

MARK = "JBHTML"
"""How every placeholder starts (the secret follows)."""
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """The words of finished HTML (entities kept as they are), for search to index."""
    return _SPACE.sub(" ", _TAG.sub(" ", html)).strip()


class HtmlPlaceholders:
    """One store per build: HTML waiting to be put back into the page it was made for."""

    def __init__(self) -> None:
        self.prefix = f"{MARK}{secrets.token_hex(8)}"
        self._token = re.compile(rf"{self.prefix}([SL])(\d+)")
        # In converted HTML a placeholder is a paragraph of its own, or the whole text of an
        # element (a tight list item); anywhere else (inside an attribute an author left
        # open) it is left alone rather than filled with a block.
        self._pattern = re.compile(rf"(<p>)?(?(1)|(?<=>)){self.prefix}([SL])(\d+)(?(1)</p>|(?=<))")
        self._attribute = f"data-{self.prefix.lower()}"
        self._stand_in = re.compile(rf'<div {self._attribute}="(\d+)">[^<]*</div>')
        self._waiting: dict[int, str] = {}
        self._count = 0

    def put(self, html: str, search: bool = True) -> Markup:
        """A paragraph of its own standing for ``html``; ``search`` says whether to index its words."""
        self._count += 1
        self._waiting[self._count] = str(html)
        return Markup(f"\n\n{self.prefix}{'S' if search else 'L'}{self._count}\n\n")

    def number_from(self, start: int) -> None:
        """Number new placeholders from ``start`` (a worker process, clear of the numbers here)."""
        self._count = start

    def hand_over(self) -> dict[int, str]:
        """What is waiting, removed from this store: a worker's HTML on its way to the plugin."""
        waiting, self._waiting = self._waiting, {}
        return waiting

    def adopt(self, waiting: dict[int, str]) -> None:
        """Take HTML a worker made for placeholders it numbered."""
        self._waiting.update(waiting)

    def expanded(self, text: str) -> str:
        """``text`` with its placeholders shown as the HTML they stand for, leaving them waiting.

        Two builds of the same content differ only in their placeholders; this is what they
        are compared by (``mkdocs serve --dirty`` skips a generated page that did not change).
        """
        if self.prefix not in text:
            return text
        return self._token.sub(lambda m: self._waiting.get(int(m.group(2)), ""), text)

    def with_stand_ins(self, html: str) -> str:
        """Converted HTML with each placeholder turned into a stand-in holding what search may read."""
        if self.prefix not in html:
            return html

        def stand_in(match: re.Match[str]) -> str:
            number = int(match.group(3))
            words = plain_text(self._waiting.get(number, "")) if match.group(2) == "S" else ""
            return f'<div {self._attribute}="{number}">{words}</div>'

        return self._pattern.sub(stand_in, html)

    def with_html(self, html: str) -> str:
        """The finished page with every stand-in replaced by its HTML (each used once, then dropped)."""
        if self._attribute not in html:
            return html
        return self._stand_in.sub(lambda m: self._waiting.pop(int(m.group(1)), ""), html)
