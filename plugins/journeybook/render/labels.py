"""Reader-facing words of generated blocks, per language, from ``site_config/labels/<lang>.yml``.

The site's ``theme.language`` picks the file; a label missing there falls back to English so a
partial translation never leaves a blank on the page. The packaged labels come first and a
site's own label file changes only the keys it names, so new labels of an upgrade still show.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

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


def load_labels(directories: Sequence[Path], language: str) -> Labels:
    """English, then ``language``; in each, every folder of ``directories`` over the one before."""
    labels = Labels()
    languages = [FALLBACK] if language == FALLBACK else [FALLBACK, language.split("-")[0]]
    for name in languages:
        for directory in directories:
            labels.update(_read(directory / f"{name}.yml"))
    return labels


def fill(template: str, **values: object) -> str:
    """A label with its ``{name}`` placeholders filled; labels are data, so no ``str.format``."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template
