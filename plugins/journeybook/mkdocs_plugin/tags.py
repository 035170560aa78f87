"""Tags stay one value everywhere: HTML-escaped where Material prints them, plain where it keeps data.

Material prints tag names into pages with autoescape off (``partials/tags.html``, the tags
index's headings and table of contents) and its search UI inserts the index's tags as HTML,
so ``escape_page_meta`` escapes ``page.meta.tags`` before Material's tags plugin reads them.
Two places of that plugin treat the name as data, not HTML: the anchor (``tag:{slug}``) and
the ``tags.json`` export. Here they get the name back as the author wrote it, so a tag ``R&D``
is ``#tag:rd`` and ``R&D`` in ``tags.json``, as in ``journeys.json``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Callable

from material.plugins.tags.plugin import TagsPlugin
from mkdocs.config.defaults import MkDocsConfig

Slugify = Callable[[str, str], str]


def _tags_plugins(config: MkDocsConfig) -> list[TagsPlugin]:
    return [plugin for plugin in config.plugins.values() if isinstance(plugin, TagsPlugin)]


def _unescaping(slugify: Slugify) -> Slugify:
    def slugify_name(text: str, separator: str) -> str:
        return slugify(html.unescape(str(text)), separator)

    slugify_name.journeybook_unescapes = True  # type: ignore[attr-defined]  (wrapped once per plugin)
    return slugify_name


def slug_tags_as_written(config: MkDocsConfig) -> None:
    """Make each tags plugin slugify the tag as written, not its escaped HTML (``R&amp;D``)."""
    for plugin in _tags_plugins(config):
        slugify = plugin.config.tags_slugify
        if not getattr(slugify, "journeybook_unescapes", False):
            plugin.config.tags_slugify = _unescaping(slugify)


def export_tags_as_written(config: MkDocsConfig) -> None:
    """Rewrite each tags plugin's ``tags.json`` with the tags as written (it is JSON, not HTML)."""
    for plugin in _tags_plugins(config):
        if not (plugin.config.enabled and plugin.config.export):
            continue
        path = Path(config.site_dir) / plugin.config.export_file
        if not path.is_file():
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        for mapping in document.get("mappings", []):
            mapping["tags"] = [html.unescape(tag) for tag in mapping.get("tags", [])]
        path.write_text(json.dumps(document), encoding="utf-8")
