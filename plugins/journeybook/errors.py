"""Exceptions that carry a message meant for the user, never a traceback."""

from __future__ import annotations

import errno
from pathlib import Path


class UsageError(Exception):
    """Wrong arguments or a project that cannot be found: the CLI exits with code 2."""


class BuildProblem(Exception):
    """A problem that stops a build, with a message for whoever fixes it and no traceback.

    The core raises it without knowing who runs it; each front end turns it into its own kind
    of stop (the MkDocs plugin into a ``PluginError``).
    """


class OutsideProject(OSError):
    """An input file that is a link (or lies in a linked folder) leading out of the project.

    Raised by ``journeybook.read.confine.confined`` before the target is opened.
    """

    def __init__(self, path: Path, target: Path, what: str) -> None:
        kind = "folder" if path.is_dir() else "file"
        super().__init__(errno.EACCES, f"the {kind} is a link to {target}, outside {what}", str(path))
        self.remedy = "it was not read; commit the file itself instead of a link"
