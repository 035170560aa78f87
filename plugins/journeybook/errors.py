"""Exceptions that carry a message meant for the user, never a traceback."""

from __future__ import annotations


class UsageError(Exception):
    """Wrong arguments or a project that cannot be found: the CLI exits with code 2."""


class BuildProblem(Exception):
    """A problem that stops a build, with a message for whoever fixes it and no traceback.

    The core raises it without knowing who runs it; each front end turns it into its own kind
    of stop (the MkDocs plugin into a ``PluginError``).
    """
