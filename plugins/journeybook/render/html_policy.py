"""The raw-HTML policy for the Markdown body of pages: allow, sanitize (default) or escape.

Authors are employees, so raw HTML in a body is allowed by default, but cleaned of scripts,
event handlers, frames and ``javascript:`` URLs with ``nh3``. The policy is a Python-Markdown
extension because only Markdown knows which part of a page is raw HTML: its ``html_block``
preprocessor and inline ``html`` pattern put every piece of raw HTML into the ``htmlStash``,
and this extension cleans (or escapes) exactly those stash entries before they are restored.
Code blocks (superfences, Pygments) are stashed too but never touched.

Journeybook's own blocks never meet this policy: their HTML (rendered by autoescaping
templates, with inline SVG no sanitizer allowlist should have to know) stays out of the
Markdown behind placeholders and is put back after conversion (``journeybook.render.placeholders``).
What a block leaves in the Markdown (headings, text, placeholders) holds no raw HTML, so
everything this policy finds in the stash is the author's.

Attributes can also arrive without the stash (``attr_list``'s ``{ onclick=... }``,
``md_in_html``'s ``<div markdown onclick=...>``), so a final tree pass drops event handlers,
unsafe URLs and executable elements from the whole tree in both non-``allow`` modes. That
pass runs on generated pages too: their raw HTML is ours, but the titles and names they put
into Markdown are the authors' (templates escape them with ``markdown_text``; this is the
second line). A URL is judged as a browser reads it: character references decoded, blanks
and control characters dropped, then its scheme checked against an allow-list.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any, Literal

import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import escape

RawHtml = Literal["allow", "sanitize", "escape"]

# What ordinary content needs; never script, style, iframe, object, embed, form or svg.
ALLOWED_TAGS = nh3.ALLOWED_TAGS | {
    "section", "figure", "figcaption", "picture", "source", "caption", "tfoot", "small", "mark",
    "details", "summary", "abbr", "kbd", "samp", "sup", "sub", "time", "dfn", "ins", "del", "span", "div",
}
GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "role", "align", "hidden"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "source": {"srcset", "media", "type"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "details": {"open"},
    "time": {"datetime"},
    "data": {"value"},
    "ins": {"cite", "datetime"},
    "del": {"cite", "datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# The tree pass: elements that execute or load active content, and attributes holding URLs.
EXECUTABLE_TAGS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "form", "template"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "background", "cite", "data", "xlink:href"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_START_TAG = re.compile(r"^<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>$", re.DOTALL)
_END_TAG = re.compile(r"^</([a-zA-Z][a-zA-Z0-9-]*)\s*>$")


def clean_html(html: str) -> str:
    """Sanitize one piece of raw HTML: a whole block, or a single inline start or end tag.

    Inline raw HTML reaches the stash one tag at a time (``<kbd>``, text, ``</kbd>``); nh3
    would close a lone start tag at once, so that closing tag is taken off again, and a lone
    end tag is kept only for an allowed element.
    """
    end = _END_TAG.match(html.strip())
    if end:
        return html.strip() if end.group(1).lower() in ALLOWED_TAGS else ""
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        generic_attribute_prefixes={"data-", "aria-"}, link_rel=None)
    start = _START_TAG.match(html.strip())
    if start:
        cleaned = cleaned.removesuffix(f"</{start.group(1).lower()}>")
    return cleaned


def safe_url(value: str) -> bool:
    """Relative URLs (no scheme) and the schemes of ``URL_SCHEMES``.

    Python-Markdown keeps character references in attribute values, and browsers decode them
    before reading the scheme (``jav&#x61;script:``, ``javascript&colon;``) and drop blanks and
    control characters inside it, so the scheme is read from the URL decoded and stripped.
    """
    scheme = _SCHEME.match(_INVISIBLE.sub("", html.unescape(value)).lower())
    return scheme is None or scheme.group(1) in URL_SCHEMES


class _StashRecorder(Preprocessor):
    """Runs the real ``html_block`` preprocessor and notes which stash entries it made."""

    def __init__(self, md: Markdown, inner: Preprocessor, policy: HtmlPolicy) -> None:
        super().__init__(md)
        self.inner = inner
        self.policy = policy

    def run(self, lines: list[str]) -> list[str]:
        stash = self.md.htmlStash
        first = stash.html_counter
        lines = self.inner.run(lines)
        self.policy.untrusted.update(range(first, stash.html_counter))
        return lines


class _InlineRecorder(HtmlInlineProcessor):
    """Python-Markdown's inline raw-HTML pattern, noting each tag it stashes."""

    def __init__(self, md: Markdown, policy: HtmlPolicy) -> None:
        super().__init__(HTML_RE, md)
        self.policy = policy

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int, int]:  # noqa: N802 - Markdown's API
        placeholder = super().handleMatch(m, data)
        self.policy.untrusted.add(self.md.htmlStash.html_counter - 1)
        return placeholder


class _StashCleaner(Postprocessor):
    """Cleans or escapes the author's stash entries just before ``raw_html`` restores them."""

    def __init__(self, md: Markdown, policy: HtmlPolicy) -> None:
        super().__init__(md)
        self.policy = policy

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index in sorted(self.policy.untrusted):
            entry = blocks[index]
            if isinstance(entry, etree.Element):
                entry = self.md.serializer(entry)
            blocks[index] = clean_html(entry) if self.policy.mode == "sanitize" else str(escape(entry))
        self.policy.untrusted.clear()
        return text


class _TreeCleaner(Treeprocessor):
    """Drops what can execute from the element tree: handlers, unsafe URLs, active elements."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if str(child.tag).lower() in EXECUTABLE_TAGS:
                    parent.remove(child)
            for name in list(parent.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered == "srcdoc":
                    del parent.attrib[name]
                elif lowered in URL_ATTRIBUTES and not safe_url(parent.attrib[name]):
                    parent.attrib[name] = ""  # emptied, not removed: MkDocs expects every link to keep its href


class HtmlPolicy(Extension):
    """One instance per build, added to MkDocs' Markdown extensions by the plugin."""

    def __init__(self, mode: RawHtml = "sanitize") -> None:
        super().__init__()
        self.mode: RawHtml = mode
        self.untrusted: set[int] = set()
        self.raw_html_is_authors = True
        """False on generated pages: their raw HTML is our autoescaped templates' (left as is)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        self.untrusted.clear()
        if self.mode == "allow":
            return
        md.treeprocessors.register(_TreeCleaner(md), "journeybook_attributes", 0.5)
        if not self.raw_html_is_authors:
            return
        inner = md.preprocessors["html_block"]
        md.preprocessors.register(_StashRecorder(md, inner, self), "html_block", 20)
        md.inlinePatterns.register(_InlineRecorder(md, self), "html", 90)
        md.postprocessors.register(_StashCleaner(md, self), "journeybook_raw_html", 31)
