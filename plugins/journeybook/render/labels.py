"""Reader-facing words of generated blocks, per language, from ``site_config/labels/<lang>.yml``.

A playbook's ``language`` (else the site's ``theme.language``) picks the file; a label missing
there falls back to English so a partial translation never leaves a blank on the page. The
packaged labels come first and a site's own label file changes only the keys it names, so new
labels of an upgrade still show. The label sets a site has (``Layout.languages``) are what a
playbook's ``language`` is checked against.

A label that counts something ("1 stage", "3 stages") is a mapping of CLDR plural categories
(``one``, ``few``, ``many``, ``other``...) in the YAML file; it is kept as ``key.category``
entries, so a site may override one form only, and ``counted`` picks the form Babel's plural
rules give for the page's language, so any language gets its own agreement.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import yaml

from journeybook.errors import BuildProblem, OutsideProject
from journeybook.findings import printable, unreadable
from journeybook.read.confine import confined
from journeybook.render.numbers import format_number, locale_of

FALLBACK = "en"


class Labels(dict[str, str]):
    """A label lookup that shows the key itself, bracketed, rather than failing a build.

    ``language`` is the label set asked for: numbers, dates and taxonomy names on the same
    page follow it (``journeybook.render.numbers``).
    """

    language: str = FALLBACK

    def __missing__(self, key: str) -> str:
        return f"[{key}]"


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        path = confined(path, path.parent, f"{path.parent.name}/")
    except OutsideProject as problem:
        raise BuildProblem(printable(f"{path.parent.name}/{path.name}: {unreadable(problem)}")) from None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        return {}
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):  # plural forms: {one: ..., other: ...}
            flat.update({f"{key}.{category}": str(form) for category, form in value.items()})
        else:
            flat[str(key)] = str(value)
    return flat


def load_labels(directories: Sequence[Path], language: str) -> Labels:
    """English, then ``language`` (``pt-BR.yml``, else ``pt.yml``); in each, every folder of ``directories`` over the one before."""
    labels = Labels()
    labels.language = language
    names = [FALLBACK] if language == FALLBACK else [FALLBACK, language]
    for name in names:
        for directory in directories:
            own = directory / f"{name}.yml"
            labels.update(_read(own if own.is_file() else directory / f"{name.split('-')[0]}.yml"))
    return labels


def fill(template: str, **values: object) -> str:
    """A label with its ``{name}`` placeholders filled; labels are data, so no ``str.format``."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def counted(labels: Labels, key: str, count: int, **values: object) -> str:
    """The form of the plural label ``key`` that agrees with ``count`` in ``labels.language``.

    ``{count}`` is the number as the language writes it; ``values`` fill the other
    placeholders. A label written as one plain string serves every count.
    """
    category = locale_of(labels.language).plural_form(count)
    template = labels.get(f"{key}.{category}") or labels.get(f"{key}.other") or labels[key]
    return fill(template, count=format_number(count, language=labels.language), **values)
