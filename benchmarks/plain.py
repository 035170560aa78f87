"""Writes the floor a Journeybook build is compared with: the same pages, built by Material alone.

The plain project has every page of a generated project (playbooks, personas, guides, home),
each reduced to its Markdown body with only the front-matter fields Material itself reads
(``title``, ``description``, ``tags``), and a mkdocs.yml that inherits the project's own (same
theme, features, palette, Markdown extensions, validation) but drops everything Journeybook
adds: our plugin, our theme overrides and the offline shim. Material's ``search`` and ``tags``
plugins stay, because a Journeybook site pays for them too. The nav keeps the entries whose
pages exist without our plugin. So ``full build / plain build`` is the cost of Journeybook
itself on the same content.

``python benchmarks/generate.py N TARGET --plain PLAIN`` writes both, to look at or profile.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

KEPT_FIELDS = ("title", "description", "tags")
MATERIAL_PLUGINS = ["search", "tags"]


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml's plain keys; its ``!ENV`` and ``!!python/name`` values are not needed."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _plain_page(text: str) -> str:
    """The page with its front matter reduced to the fields Material reads."""
    if not text.startswith("---\n"):
        return text
    end = text.find("\n---\n", 4)
    meta: Any = yaml.safe_load(text[4:end]) or {}
    kept = {key: meta[key] for key in KEPT_FIELDS if key in meta}
    header = "---\n" + yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, width=1000) + "---\n" if kept else ""
    return header + text[end + len("\n---\n"):]


def _existing(nav: list[Any], docs: Path) -> list[Any]:
    """The nav entries (plain paths or ``{title: path}``) whose page exists in ``docs``."""
    kept: list[Any] = []
    for entry in nav:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(target, list):
            children = _existing(target, docs)
            if children:
                kept.append({next(iter(entry)): children})
        elif isinstance(target, str) and (docs / target).is_file():
            kept.append(entry)
    return kept


def make_plain(project: Path, target: Path) -> Path:
    """Write the plain twin of the generated ``project`` into ``target`` (created)."""
    with (project / "mkdocs.yml").open(encoding="utf-8") as stream:
        config: dict[str, Any] = yaml.load(stream, Loader=_IgnoreTags)
    source_docs, docs = project / config.get("docs_dir", "docs"), target / "docs"
    for page in source_docs.rglob("*.md"):
        destination = docs / page.relative_to(source_docs)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(_plain_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    overrides = {
        "INHERIT": os.path.relpath(project / "mkdocs.yml", target),
        "docs_dir": "docs",
        "site_dir": "site",
        "plugins": MATERIAL_PLUGINS,
        "nav": _existing(config.get("nav") or [], docs),
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(overrides, sort_keys=False), encoding="utf-8")
    return target
