"""Reader-facing words of generated blocks, per language, from ``site_config/labels/<lang>.yml``.

A playbook's ``language`` (else the site's ``theme.language``) picks the file; a label missing
there falls back to English so a partial translation never leaves a blank on the page. The
label sets a site has are the files in that folder (``Layout.languages``), which is what a
playbook's ``language`` is checked against.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

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
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def load_labels(directory: Path, language: str) -> Labels:
    labels = Labels(_read(directory / f"{FALLBACK}.yml"))
    labels.language = language
    if language != FALLBACK:
        own = directory / f"{language}.yml"  # pt-BR.yml, else pt.yml for pt-BR
        labels.update(_read(own if own.is_file() else directory / f"{language.split('-')[0]}.yml"))
    return labels


def fill(template: str, **values: object) -> str:
    """A label with its ``{name}`` placeholders filled; labels are data, so no ``str.format``."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template
