"""Exceptions that carry a message meant for the user, never a traceback."""

from __future__ import annotations


class UsageError(Exception):
    """Wrong arguments or a project that cannot be found: the CLI exits with code 2."""
