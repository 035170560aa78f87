"""Relative links between pages, computed the way MkDocs will publish them.

Rendered blocks are plain HTML, which MkDocs does not rewrite, so each link is made relative
to the page it appears on; that keeps the site working from any path and over ``file://``.
"""

from __future__ import annotations

from dataclasses import dataclass

TEAM_PAGE = "teams/{id}.md"
VERIFICATION_PAGE = "verification.md"
CATALOG_PAGE = "journeys/index.md"


def method_anchor(method_id: str) -> str:
    """A verification method's section on the verification page (ids use ``_``, anchors ``-``)."""
    return "method-" + method_id.replace("_", "-")


@dataclass(frozen=True)
class Links:
    """Links from one page: ``page_url`` is MkDocs' ``page.url`` of the page being rendered."""

    page_url: str
    use_directory_urls: bool = True

    @classmethod
    def for_page(cls, src_uri: str, use_directory_urls: bool = True) -> Links:
        """Links from the page MkDocs will publish for ``src_uri`` (as ``page.url`` would be)."""
        return cls(cls(page_url="", use_directory_urls=use_directory_urls).to(src_uri).removeprefix("./"), use_directory_urls)

    @property
    def base(self) -> str:
        return "../" * self.page_url.count("/")

    def to(self, src_uri: str, anchor: str | None = None) -> str:
        """Link to a page by its docs_dir path (``journeys/x.md``), optionally to an anchor."""
        path = src_uri.removesuffix(".md")
        if not self.use_directory_urls:
            path += ".html"
        elif path == "index" or path.endswith("/index"):
            path = path.removesuffix("index")
        else:
            path += "/"
        href = (self.base + path) or "./"
        return f"{href}#{anchor}" if anchor else href

    def team(self, team_id: str, anchor: str | None = None) -> str:
        return self.to(TEAM_PAGE.format(id=team_id), anchor)

    def catalog(self) -> str:
        return self.to(CATALOG_PAGE)

    def method(self, method_id: str) -> str:
        return self.to(VERIFICATION_PAGE, method_anchor(method_id))

    def asset(self, path: str) -> str:
        return self.base + path
