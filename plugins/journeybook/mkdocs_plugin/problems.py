"""The core's build problems as MkDocs' own: a ``PluginError`` stops the build without a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from mkdocs.exceptions import PluginError

from journeybook.errors import BuildProblem

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def as_plugin_error() -> Iterator[None]:
    """Re-raise a ``BuildProblem`` from the core as the ``PluginError`` MkDocs reports plainly."""
    try:
        yield
    except BuildProblem as problem:
        raise PluginError(str(problem)) from None


def plain_problems(event: Callable[P, R]) -> Callable[P, R]:
    """An event handler whose build problems reach MkDocs as ``PluginError``s."""

    @functools.wraps(event)
    def handler(*args: P.args, **kwargs: P.kwargs) -> R:
        with as_plugin_error():
            return event(*args, **kwargs)

    return handler
