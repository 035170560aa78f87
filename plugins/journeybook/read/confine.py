"""Input files must stay inside the project: a link out of it is refused before it is read.

A pull request can add a symbolic link: ``data/kpis/x.csv -> /proc/self/environ`` would have a
reader quote the build machine's environment in a finding, and a link in ``docs_dir`` would
have MkDocs publish whatever it points at. Every reader of an input file (playbooks, personas,
taxonomies, teams, settings, measurements, labels, templates) asks ``confined`` for the path to
open; following a link to decide costs no read of its target.
"""

from __future__ import annotations

import os
from pathlib import Path

from journeybook.errors import OutsideProject
from journeybook.findings import Finding, unreadable


def confined(path: Path, inside: Path, what: str = "the project") -> Path:
    """``path`` with every link followed, when that stays within ``inside``; else ``OutsideProject``."""
    resolved = path.resolve()
    if not resolved.is_relative_to(inside.resolve()):
        raise OutsideProject(path, Path(os.readlink(path)) if path.is_symlink() else resolved, what)
    return resolved


def links_outside(folder: Path, inside: Path) -> list[Path]:
    """Every link under ``folder`` (to a file or a folder) that leads out of ``inside``.

    MkDocs follows links in docs_dir, folders included, and publishes what they hold; this finds
    them without following a linked folder (so a link loop ends the walk too).
    """
    found: list[Path] = []
    root = inside.resolve()
    for parent, folders, files in os.walk(folder):
        for name in (*folders, *files):
            path = Path(parent, name)
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                found.append(path)
    return sorted(found)


def escaping_links(docs_dir: Path, root: Path, read: set[Path]) -> list[Finding]:
    """A finding for each link in docs_dir leading out of the project, but those in ``read``.

    Playbooks and personas are refused by their reader (with their own finding); every other
    page or file is read by MkDocs, which would publish the link's target.
    """
    findings = []
    for path in links_outside(docs_dir, root):
        if path not in read:
            try:
                confined(path, root)
            except OutsideProject as problem:
                findings.append(Finding(path.relative_to(root).as_posix(), None, None, "", unreadable(problem), rule="outside-project"))
    return findings
