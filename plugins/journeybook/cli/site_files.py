"""Which files of a published site the build made, so publishing never deletes anyone else's.

Publishing swaps the whole site folder. A reader's team may have put files there by hand (a
PDF, a notes file), and ``--site-dir`` may point at a folder that was never a site. So every
build lists the files it wrote in the site itself (``MANIFEST``); the next publish carries
over every file the previous build did not write, and refuses a folder that neither build
made nor looks like a MkDocs site (sites built before this list existed have MkDocs'
``index.html`` and ``sitemap.xml``).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

MANIFEST = ".journeybook-files.json"


def _files(folder: Path) -> set[str]:
    found = set()
    for path, _, names in os.walk(folder):
        for name in names:
            found.add((Path(path) / name).relative_to(folder).as_posix())
    return found


def write_manifest(site: Path) -> None:
    """List every file the build wrote into ``site`` (the finished build, before publishing)."""
    (site / MANIFEST).write_text(json.dumps(sorted(_files(site)), indent=0) + "\n", encoding="utf-8")


def made_by_a_build(site: Path) -> bool:
    """``site`` was published by Journeybook, or is a MkDocs site from before the manifest."""
    return (site / MANIFEST).is_file() or ((site / "index.html").is_file() and (site / "sitemap.xml").is_file())


def _built(site: Path) -> set[str] | None:
    try:
        listed = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {item for item in listed if isinstance(item, str)} if isinstance(listed, list) else None


def carry_over(published: Path, work: Path) -> tuple[list[str], list[str]]:
    """Copy into ``work`` the files of ``published`` that no build wrote: (kept, clashing).

    A clashing file was put there by hand at a name the new build writes too; it is not
    copied, and the caller must not publish over it.

    Without a manifest (a site from before it) nothing can be told apart, so nothing is kept,
    as MkDocs' own clean build would do.
    """
    built = _built(published) if published.is_dir() else None
    if built is None:
        return [], []
    kept, clashing = [], []
    for name in sorted(_files(published) - built - {MANIFEST}):
        destination = work / name
        if os.path.lexists(destination):
            clashing.append(name)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(published / name, destination, follow_symlinks=False)
        kept.append(name)
    return kept, clashing
