"""Pages in several languages on one Material site: each page's ``lang``, and search without accents.

Material prints the site's ``theme.language`` into every page's ``<html lang>``; a playbook or
persona written in another language (its ``language`` field) gets its own there, so browsers,
screen readers and hyphenation read it as what it is (``page_lang``), and Material's own words
on it (search box, table of contents) in that language where Material translates them
(``theme_translates``; the override of ``partials/language.html`` reads
``journeybook_language``).

Material's search runs Lunr in a Web Worker that the site cannot extend (no hook loads a
script into it, and ``importScripts`` there only takes Lunr's language packs), and Lunr
matches terms as typed: ``renovacion`` never finds ``renovación``. The index is data the
worker reads as it is, though, fields included (``config.fields``). So after Material's search
plugin writes ``search/search_index.json`` (and before its offline plugin copies it into
``search_index.js`` for ``file://``), ``fold_search_index`` adds to each entry that has
accented words a field of those words without their accents, which the worker indexes like
any other, with the same pipeline as the query. A query typed with accents matches the text
itself; one typed without them matches the folded field, and the result shows the text as
written. Entries without accented letters (most of an English site) are left as they are,
and a build none of whose pages has one does not read the index at all (the plugin asks
``has_accents`` of each page).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from journeybook.model.project import Project

FOLDED_FIELDS = {"title": "title_folded", "text": "text_folded", "tags": "tags_folded"}
"""Each field Material indexes, and the field holding its accented words folded."""
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")
_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def page_language(project: Project, src_uri: str) -> str | None:
    """The ``language`` of the playbook or persona page at ``src_uri``; None for every other page."""
    journey = project.by_uri.get(src_uri)
    if journey is not None:
        return journey.language
    return next((p.language for p in project.site.personas.values() if p.src_uri == src_uri), None)


def theme_translates(theme_dirs: list[str], language: str) -> bool:
    """Whether the theme (Material) has its own words in ``language`` (``partials/languages/<language>.html``)."""
    return any((Path(folder) / "partials" / "languages" / f"{language}.html").is_file() for folder in theme_dirs)


def page_lang(html: str, language: str) -> str:
    """The finished page with ``language`` as the ``lang`` of its ``<html>`` element."""
    return _HTML_LANG.sub(f'<html lang="{language}"', html, count=1)


def has_accents(text: str) -> bool:
    """Whether ``text`` has a precomposed letter to fold (``ó``); C code only, so cheap on whole pages."""
    return not text.isascii() and not unicodedata.is_normalized("NFD", text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` without diacritics: ``renovación`` -> ``renovacion``, ``López`` -> ``Lopez``."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def folded_words(value: str | list[str]) -> str:
    """The words of ``value`` (HTML tags left out) that change when folded, folded, each once.

    A site's index is tens of megabytes, and an English one has no accented letter but plenty
    of dashes and stars, so an entry is first checked by ``has_accents``; in the others, only
    tokens outside ASCII are folded.
    """
    text = " ".join(value) if isinstance(value, list) else value
    if not has_accents(text):
        return ""
    tokens = (token for token in _TAG.sub(" ", text).split() if not token.isascii())
    changed = (folded for token in tokens if (folded := fold(token)) != token)
    return " ".join(dict.fromkeys(word for token in changed for word in _WORD.findall(token)))


def fold_entries(index: dict[str, Any]) -> bool:
    """Add the folded fields to Material's index ``index`` in place; False when no entry needed one."""
    changed = False
    for entry in index.get("docs", []):
        for field, folded_field in FOLDED_FIELDS.items():
            value = entry.get(field)
            words = folded_words(value) if isinstance(value, (str, list)) else ""
            if words:
                entry[folded_field] = words
                changed = True
    if changed:
        fields = index.setdefault("config", {}).setdefault("fields", {})
        for field, folded_field in FOLDED_FIELDS.items():
            fields[folded_field] = dict(fields.get(field) or {"boost": 1})
    return changed


def fold_search_index(site_dir: Path) -> None:
    """Rewrite the site's ``search/search_index.json`` with folded fields, when it has accented words."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return  # search is off
    index = json.loads(path.read_text(encoding="utf-8"))
    if fold_entries(index):
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
