"""The raw-HTML policy of page bodies, on Markdown as MkDocs converts it (same extensions)."""

from __future__ import annotations

import markdown
import pytest
from pymdownx.superfences import fence_code_format

from journeybook.render.html_policy import HtmlPolicy, clean_html

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
