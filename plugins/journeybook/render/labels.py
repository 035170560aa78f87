"""Reader-facing words of generated blocks, per language, from ``site_config/labels/<lang>.yml``.

The site's ``theme.language`` picks the file; a label missing there falls back to English so a
partial translation never leaves a blank on the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from journeybook.errors import BuildProblem, OutsideProject
from journeybook.findings import printable, unreadable
from journeybook.read.confine import confined

FALLBACK = "en"


class Labels(dict[str, str]):
    """A label lookup that shows the key itself, bracketed, rather than failing a build."""

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
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def load_labels(directory: Path, language: str) -> Labels:
    labels = Labels(_read(directory / f"{FALLBACK}.yml"))
    if language != FALLBACK:
        labels.update(_read(directory / f"{language.split('-')[0]}.yml"))
    return labels


def fill(template: str, **values: object) -> str:
    """A label with its ``{name}`` placeholders filled; labels are data, so no ``str.format``."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template
