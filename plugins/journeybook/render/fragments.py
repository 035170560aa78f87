"""Pieces of hub pages kept from one preview rebuild to the next, so a save redoes only its own.

A new playbook title changes the catalog, the KPI health page, the verification page and team
pages, each a list over every playbook; under ``mkdocs serve`` rendering them all again took
two seconds at a thousand playbooks. Templates mark a piece that depends only on some objects
of the project (a KPI's row: the KPI's view and the page it is on) with
``{% fragment view, links.page_url %}...{% endfragment %}``, and the piece rendered there for
those very objects last time is used again (where: each tag's template and line are part of
its key). Python producers use ``FragmentCache.get`` the same way for records of the exports.

Why that is safe: loaded objects never change (frozen dataclasses), and a preview refresh
(``journeybook.model.refresh``) keeps the objects of every playbook it did not reload and makes new
ones for those it did, so a changed playbook never matches a kept piece. Whatever else a piece
may read (labels, taxonomies, teams, templates, today's date) changes only with a full reload,
which makes a new ``project.site`` and empties the cache (new labels come with a new renderer,
and so a new cache). Objects are compared by identity and
held by the cache (an object's id is never reused while it lives); strings and numbers by
value. Only the pieces used by the last rebuild that rendered hub pages are kept.
``mkdocs build`` renders each piece once and keeps nothing.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

from journeybook.render.placeholders import MARK

VALUES = (str, int, float, bool, type(None))
T = TypeVar("T")


class FragmentCache:
    """The pieces of the current build and of the last one, by what they were rendered from."""

    def __init__(self) -> None:
        self.enabled = False
        self._generation: object = None
        self._current: dict[tuple[Any, ...], tuple[tuple[Any, ...], Any]] = {}
        self._last: dict[tuple[Any, ...], tuple[tuple[Any, ...], Any]] = {}

    def start_build(self, generation: object) -> None:
        """A build begins: a preview's with its ``generation`` (the project's shared data: when it
        is not the last build's, no piece holds), or with None, which keeps nothing."""
        self.enabled = generation is not None
        if not self.enabled or generation is not self._generation:
            self._last, self._current = {}, {}
        elif self._current:  # else the last rebuild generated no hub page: the pieces before it still hold
            self._last, self._current = self._current, {}
        self._generation = generation

    def get(self, parts: tuple[Any, ...], make: Callable[[], T]) -> T:
        """What ``make`` made from ``parts`` (the first naming where), made now if the last build did not."""
        if not self.enabled:
            return make()
        key = tuple(part if isinstance(part, VALUES) else id(part) for part in parts)
        found = self._current.get(key) or self._last.get(key)
        if found is None or any(a is not b for a, b in zip(found[0], parts) if not isinstance(b, VALUES)):
            made = make()
            if isinstance(made, str) and MARK in made:
                return made  # holds a placeholder of this build's store: never valid in the next
            found = (parts, made)
        self._current[key] = found
        return found[1]  # type: ignore[no-any-return]


class FragmentExtension(Extension):
    """``{% fragment part, ... %}body{% endfragment %}``: ``body`` rendered once per ``parts``."""

    tags = {"fragment"}

    def __init__(self, environment: Any) -> None:
        super().__init__(environment)
        environment.extend(fragment_cache=FragmentCache())

    def parse(self, parser: Parser) -> nodes.Node:
        line = next(parser.stream).lineno
        parts: list[nodes.Expr] = [nodes.Const(f"{parser.name}:{line}"), parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endfragment",), drop_needle=True)
        call = self.call_method("_fragment", [nodes.Tuple(parts, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(line)

    def _fragment(self, parts: tuple[Any, ...], caller: Callable[[], Markup]) -> Markup:
        cache: FragmentCache = self.environment.fragment_cache  # type: ignore[attr-defined]
        return cache.get(parts, caller)
