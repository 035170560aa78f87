"""Playbook files as they were at a git revision, or as they are in the working tree.

The semantic diff compares two of these. Git is asked for a listing and the blobs in two
calls (``ls-tree`` and one ``cat-file --batch``), so a thousand playbooks cost two processes,
not two thousand. Paths are relative to the project root, which may sit below the git root.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from journeybook.errors import OutsideProject, UsageError
from journeybook.read.confine import confined
from journeybook.read.layout import Layout

Sources = dict[str, "bytes | OSError"]
"""Each playbook's bytes by path, or why the working tree's file could not be read (a dangling link)."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; the diff reads playbooks from git history") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
    return done.stdout


def describe(root: Path, revision: str) -> str:
    """``main (3f2a9c1)``: the name as given plus the commit it means, checking it exists."""
    try:
        _git(root, "rev-parse", "--git-dir")
    except UsageError:
        raise UsageError(f"{root} is not in a git repository; diff compares revisions from git history, "
                         "so run it in a clone of the site's repository") from None
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", "--short", f"{revision}^{{commit}}").decode().strip()
    except UsageError:
        raise UsageError(f"'{revision}' is not a commit of the git repository at {root} (give a branch, a tag or a commit hash)") from None
    return revision if revision.startswith(commit) else f"{revision} ({commit})"


def _is_playbook(path: str) -> bool:
    return path.endswith(".md") and not path.endswith("/index.md") and path != "index.md"


def _working_copy(path: Path, root: Path) -> bytes | OSError:
    """A file's bytes; a link out of the project reads as git stores it (the name it points to), never its target.

    A file that cannot be read (a dangling link) is its problem, reported like a broken file.
    """
    try:
        return confined(path, root).read_bytes()
    except OutsideProject:
        return os.fsencode(os.readlink(path))
    except OSError as problem:
        return problem


def read_sources(layout: Layout, revision: str | None, folder: Path | None = None) -> Sources:
    """Every page's bytes by its path from the project root; ``None`` means the working tree.

    The pages are the playbooks, or those of ``folder`` inside docs_dir (the initiatives).
    """
    folder = folder or layout.journeys_dir
    if revision is None:
        pages = sorted(p for p in folder.rglob("*.md") if p.name != "index.md") if folder.is_dir() else []
        return {layout.rel(path): _working_copy(path, layout.root) for path in pages}
    journeys = folder.relative_to(layout.root).as_posix()
    listing = _git(layout.root, "ls-tree", "-r", "-z", revision, "--", f"{journeys}/")
    blobs: list[tuple[str, str]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, name = entry.partition(b"\t")
        _mode, kind, oid = meta.decode().split()
        path = name.decode("utf-8", "surrogateescape")
        if kind == "blob" and _is_playbook(path):
            blobs.append((path, oid))
    if not blobs:
        return {}
    output = _git(layout.root, "cat-file", "--batch", stdin="".join(f"{oid}\n" for _, oid in blobs).encode())
    sources: Sources = {}
    offset = 0
    for path, _ in blobs:
        header_end = output.index(b"\n", offset)
        size = int(output[offset:header_end].split()[2])
        sources[path] = output[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
    return sources
