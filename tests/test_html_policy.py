"""The raw-HTML policy of page bodies, on Markdown as MkDocs converts it (same extensions)."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from journeybook.render.html_policy import HtmlPolicy, RawHtml, clean_html, safe_url
from journeybook.render.markdown import markdown_text
from markupsafe import escape
from pymdownx.superfences import fence_code_format

EXTENSIONS = ["md_in_html", "attr_list", "tables", "pymdownx.superfences"]
CONFIGS = {"pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "mermaid", "format": fence_code_format}]}}

HOSTILE_BODY = """# Heading { onclick="alert(1)" }

<div class="note" onclick="alert(2)"><img src=x onerror=alert(3)><script>alert(4)</script></div>

Text <span class="k" onmouseover="alert(5)">hi</span> <a href="JaVaScRiPt:alert(6)">link</a>
<a href="java&#x09;script:alert(7)">tab</a> <iframe src="https://example.com"></iframe>

<div markdown onclick="alert(8)">
**bold** <img src="/a.png" onerror="alert(9)">
</div>

<details><summary>More</summary><object data="x.swf"></object><embed src="x.swf"></details>

[md link](javascript:alert(10)) ![img](javascript:alert(11))
"""

ORDINARY_BODY = """<table class="t"><thead><tr><th colspan="2">Head</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>

<details open=""><summary>Why</summary>Because.</details>

<figure><img src="https://example.com/a.png" alt="A chart" width="200"><figcaption>Caption</figcaption></figure>

Press <kbd>Ctrl</kbd>, H<sub>2</sub>O, x<sup>2</sup>, <abbr title="Net Promoter Score">NPS</abbr>, <mark>new</mark>.

<div id="box" class="grid" data-kind="cards" aria-label="Cards" role="region">Cards</div>

<a href="../other/">relative</a> <a href="mailto:cx@example.com">mail</a> <a href="#anchor">anchor</a>
"""


def convert(text: str, policy: HtmlPolicy) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, policy], extension_configs=CONFIGS)


def test_sanitize_removes_everything_that_executes() -> None:
    html = convert(HOSTILE_BODY, HtmlPolicy("sanitize"))
    lowered = html.lower()
    for needle in ("onclick", "onerror", "onmouseover", "<script", "javascript:", "<iframe", "<object", "<embed", "alert(4)"):
        assert needle not in lowered, (needle, html)
    assert "<strong>bold</strong>" in html  # markdown inside <div markdown> still works
    assert '<span class="k">hi</span>' in html
    assert '<img src="/a.png">' in html


def test_sanitize_keeps_ordinary_html_as_written() -> None:
    assert convert(ORDINARY_BODY, HtmlPolicy("sanitize")) == convert(ORDINARY_BODY, HtmlPolicy("allow"))


def test_escape_shows_raw_html_as_text() -> None:
    html = convert("Text <b onclick=x>bold</b>\n\n<div>block</div>\n", HtmlPolicy("escape"))
    assert "&lt;b onclick=x&gt;bold&lt;/b&gt;" in html.replace("&#34;", '"')
    assert "&lt;div&gt;block&lt;/div&gt;" in html
    assert "<b" not in html and "<div>" not in html


def test_allow_leaves_raw_html_alone() -> None:
    assert '<b onclick="x">' in convert('Text <b onclick="x">bold</b>\n', HtmlPolicy("allow"))


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ('<span class="x" onclick="y">', '<span class="x">'),
        ("</span>", "</span>"),
        ("</script>", ""),
        ("<img src=x onerror=alert(1)>", '<img src="x">'),
        ('<a href="javascript:alert(1)">', "<a>"),
        ("<svg onload=alert(1)>", ""),
    ],
)
def test_single_inline_tags_are_cleaned_one_by_one(raw: str, cleaned: str) -> None:
    assert clean_html(raw) == cleaned


# How a browser reads a URL's scheme: character references decoded, ASCII blanks and control
# characters dropped, case folded. Only http, https, mailto, tel and scheme-less URLs pass.
@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/a", True),
        ("http://example.com", True),
        ("mailto:cx@example.com", True),
        ("tel:+34900000000", True),
        ("../other/", True),
        ("#anchor", True),
        ("?q=1", True),
        ("page.html", True),
        ("a/b:c", True),  # a colon after a slash is a path, not a scheme
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("jav&#x61;script:alert(1)", False),
        ("jav&#97;script:alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        ("&#x6A;avascript:alert(1)", False),
        ("javascript&colon;alert(1)", False),
        ("javascript&#58;alert(1)", False),
        ("java&#x09;script:alert(1)", False),
        ("java&Tab;script:alert(1)", False),
        ("java&NewLine;script:alert(1)", False),
        ("&#x20;javascript:alert(1)", False),
        ("&#0;javascript:alert(1)", True),  # a browser reads U+FFFD there: a relative path, not a scheme
        ("java\x00script:alert(1)", False),
        (" \tjavascript:alert(1)", False),
        ("vbscript:msgbox(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("file:///etc/passwd", False),
        ("blob:https://example.com/x", False),
    ],
)
def test_a_url_is_judged_as_a_browser_reads_it(url: str, safe: bool) -> None:
    assert safe_url(url) is safe


ENCODED_LINKS = """[a](jav&#x61;script:alert(1)) [b](javascript&colon;alert(2)) [c](&#106;avascript:alert(3))
[d](java&#x09;script:alert(4)) ![e](jav&#x61;script:alert(5)) [f][r] [g](#){: href="&#106;avascript:alert(6)" }
<a href="jav&#x61;script:alert(7)">h</a> <img src="javascript&colon;alert(8)"> [i](https://example.com/ok)

[r]: javascript&colon;alert(9)
"""
ENCODED_SANITIZED = (
    '<p><a href="">a</a> <a href="">b</a> <a href="">c</a>\n'
    '<a href="">d</a> <img alt="e" src="" /> <a href="">f</a> <a href="">g</a>\n'
    '<a>h</a> <img> <a href="https://example.com/ok">i</a></p>'
)
ENCODED_ESCAPED = (
    '<p><a href="">a</a> <a href="">b</a> <a href="">c</a>\n'
    '<a href="">d</a> <img alt="e" src="" /> <a href="">f</a> <a href="">g</a>\n'
    '&lt;a href=&#34;jav&amp;#x61;script:alert(7)&#34;&gt;h&lt;/a&gt; &lt;img src=&#34;javascript&amp;colon;alert(8)&#34;&gt; '
    '<a href="https://example.com/ok">i</a></p>'
)


@pytest.mark.parametrize(("mode", "expected"), [("sanitize", ENCODED_SANITIZED), ("escape", ENCODED_ESCAPED)])
def test_entity_encoded_schemes_are_caught_in_every_kind_of_link(mode: RawHtml, expected: str) -> None:
    assert convert(ENCODED_LINKS, HtmlPolicy(mode)) == expected


def test_a_generated_page_keeps_its_raw_html_but_loses_the_authors_attributes_and_links() -> None:
    policy = HtmlPolicy("sanitize")
    policy.raw_html_is_authors = False
    text = '# Title {: autofocus onfocus="alert(1)" }\n\n<p class="ours">Ours</p>\n\n[x](jav&#x61;script:alert(2))\n'
    # autofocus alone runs nothing; templates escape titles, so it never comes from one (test_hostile_html).
    assert convert(text, policy) == '<h1 autofocus>Title</h1>\n<p class="ours">Ours</p>\n\n<p><a href="">x</a></p>'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Plain title", "Plain title"),
        ("Offer {: autofocus onfocus=alert(1) }", "Offer \\{&#58; autofocus onfocus&#61;alert\\(1\\) \\}"),
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript&#58;alert\\(1\\)\\)"),
        ("<b>R&D</b> \"q\" 'a'", "&lt;b&gt;R&amp;D&lt;/b&gt; &#34;q&#34; &#39;a&#39;"),
        ("*em* _em_ `code` ~~del~~ a|b ^sup^ ==mark== :smile: $x$ 100% @team", "\\*em\\* \\_em\\_ \\`code\\` &#126;&#126;del&#126;&#126; a&#124;b &#94;sup&#94; &#61;&#61;mark&#61;&#61; &#58;smile&#58; &#36;x&#36; 100&#37; &#64;team"),
        ("Line one\n\n# Line two\n    code", "Line one \\# Line two code"),
        ("Ends with #", "Ends with \\#"),
        ("1. Sign-up + go!", "1\\. Sign\\-up \\+ go\\!"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_text_makes_an_author_value_literal_in_a_page(value: str, expected: str) -> None:
    assert markdown_text(value) == expected


@pytest.mark.parametrize(
    "value",
    ["Offer {: autofocus onfocus=alert(1) }", "[x](javascript:alert(1)) ![i](x.png) <https://example.com>", "*a* _b_ `c` <b>d</b> &amp; #e"],
)
def test_markdown_text_reads_back_as_the_value(value: str) -> None:
    converted = markdown.markdown(f"## {markdown_text(value)}", extensions=[*EXTENSIONS, "toc"])
    heading = re.fullmatch(r'<h2 id="[^"]*">(.*)</h2>', converted)
    assert heading is not None, converted
    assert html.unescape(heading.group(1)) == value


@pytest.mark.parametrize("value", ["Sign-up flow: step 1", "Mortgage application (2026)", "R&D team", "Don't panic!", "Pay_first #1 + more."])
def test_markdown_text_keeps_the_anchor_an_ordinary_heading_had(value: str) -> None:
    def anchor(text: str) -> str:
        return markdown.markdown(f"## {text}", extensions=["toc"]).split('"')[1]

    assert anchor(markdown_text(value)) == anchor(str(escape(value)))
