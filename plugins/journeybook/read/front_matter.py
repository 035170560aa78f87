"""Front matter, read from the raw file with every value's position.

MkDocs' own reader (``mkdocs.utils.meta.get_data``) silently turns broken YAML into "no
metadata", and PyYAML's loaders accept YAML 1.1 surprises (``no`` becoming ``False``,
``12:30`` becoming 750). We read the event stream of libyaml ourselves instead: values resolve
by the YAML 1.2 core schema, anchors, aliases and tags are refused (which also rules out alias
bombs), duplicate keys are errors, and each value keeps its line and column so that a finding
can point at it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from journeybook.findings import unreadable
from journeybook.read.body_text import normal
from journeybook.read.confine import confined
from journeybook.read.yaml_syntax import YamlProblem, syntax_problem

KeyPath = tuple[str | int, ...]
"""Where a value sits in a YAML document: mapping keys and list indexes, from the root."""

MAX_FRONT_MATTER_BYTES = 256 * 1024
MAX_DEPTH = 24
FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_NUMBER_START = frozenset("+-.0123456789")
"""Every number and special float starts with one of these; other text skips the patterns."""
MAX_NUMBER_CHARS = 100
"""The longest number accepted. No field needs more, and a longer one is either a float too
large to be finite or an integer Python refuses to convert to text (``int_max_str_digits``),
which would turn the message about it into a crash."""
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_REFUSED_CHARS = re.compile("[\ud800-\udfff\u202a-\u202e\u2066-\u2069\u200e\u200f\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
"""Lone surrogates, bidirectional controls and control characters (tab and newline are fine).

One regular-expression scan per value finds the first of them; ``_refuse_text`` then names it.
Scanning character by character in Python cost a second on a thousand playbooks.
"""


_new_tuple = tuple.__new__
_PLAIN_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
"""Events with an ``anchor`` and a ``tag`` to check (an alias has no tag: ``refuse_extras`` takes it)."""


class NumberTooLong(ValueError):
    """A plain scalar that reads as a number but is longer than ``MAX_NUMBER_CHARS``."""


class Position(NamedTuple):
    """Where a value (or a mapping key) was written, 1-based, and its text as written.

    A named tuple: a thousand playbooks make over half a million of these, and a frozen
    dataclass took twice as long to build each one.
    """

    line: int
    column: int
    raw: str | None = None


@dataclass
class YamlDocument:
    """Plain Python data plus the position of every value and key in the source file."""

    data: Any
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)

    def position(self, path: KeyPath) -> Position | None:
        """The position of ``path``, or of its nearest written ancestor."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None


@dataclass
class SourceFile:
    """A Markdown file split into its front matter document and its body."""

    path: Path
    front_matter: YamlDocument | None
    body: str
    body_line: int


def resolve_plain(text: str) -> Any:
    """Resolve an unquoted scalar by the YAML 1.2 core schema (``yes``/``no`` stay text)."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text[0] not in _NUMBER_START:
        return text
    if len(text) > MAX_NUMBER_CHARS and (_INT.match(text) or _OCT.match(text) or _HEX.match(text) or _FLOAT.match(text)):
        raise NumberTooLong(text)
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    lowered = text.lower()
    if lowered in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[lowered]
    return text


def field_path(path: KeyPath) -> str:
    """``('stages', 1, 'touchpoints', 0, 'kind')`` -> ``stages[1].touchpoints[0].kind``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _refuse_text(value: str, start: int, line: int, column: int, path: KeyPath) -> None:
    """Name the refused character ``_REFUSED_CHARS`` found at ``start`` of ``value``."""
    for char in value[start:]:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            raise YamlProblem(line, column, "contains a lone surrogate escape, which is not a character; remove it", field_path(path))
        if code in (0xFFFE, 0xFFFF):
            raise YamlProblem(line, column, f"contains U+{code:04X}, which is not a character; remove it", field_path(path))
        if char in _BIDI_CONTROLS:
            name = unicodedata.name(char, "bidirectional control")
            raise YamlProblem(
                line, column,
                f"contains the invisible bidirectional control character U+{code:04X} ({name}), "
                "which can make text display differently from what it says; remove it "
                "(right-to-left text itself is fine)",
                field_path(path),
            )
        if code < 0x20 and char not in "\t\n" or 0x7F <= code <= 0x9F:
            raise YamlProblem(line, column, f"contains the control character U+{code:04X}; remove it", field_path(path))


class _Builder:
    """Turns libyaml's event stream into data and positions, refusing what we do not allow."""

    def __init__(self, line_offset: int) -> None:
        self.offset = line_offset
        self.doc = YamlDocument(data=None)

    def pos(self, event: Any, raw: str | None = None) -> Position:
        mark = event.start_mark
        # tuple.__new__ skips the named tuple's Python-level constructor: half a million calls
        return _new_tuple(Position, (mark.line + 1 + self.offset, mark.column + 1, raw))

    def refuse_extras(self, event: Any, path: KeyPath) -> None:
        anchored = getattr(event, "anchor", None) is not None or isinstance(event, yaml.AliasEvent)
        tag = getattr(event, "tag", None)
        if not anchored and (tag is None or tag == "!"):
            return
        where = self.pos(event)
        if anchored:
            raise YamlProblem(
                where.line, where.column,
                "anchors and aliases (&name, *name) are not allowed; write the value out in full",
                field_path(path),
            )
        raise YamlProblem(
            where.line, where.column,
            f"YAML tags such as '{tag}' are not allowed; write a plain value (quote it to make it text)",
            field_path(path),
        )

    def node(self, events: Any, event: Any, path: KeyPath) -> Any:
        if event.__class__ not in _PLAIN_NODE_EVENTS or event.anchor is not None or event.tag not in (None, "!"):
            self.refuse_extras(event, path)  # raises on what it refuses; the usual case skips the call
        if len(path) > MAX_DEPTH:
            where = self.pos(event)
            raise YamlProblem(where.line, where.column, f"is nested more than {MAX_DEPTH} levels deep", field_path(path))
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style and event.implicit[0]
            where = self.doc.values[path] = self.pos(event, event.value)
            try:
                value = resolve_plain(event.value) if plain else event.value
            except NumberTooLong:
                raise YamlProblem(
                    where.line, where.column,
                    f"is a number {len(event.value)} characters long; numbers here have at most {MAX_NUMBER_CHARS} "
                    "(put it in quotes if it is meant as text)",
                    field_path(path),
                ) from None
            if isinstance(value, str) and (refused := _REFUSED_CHARS.search(value)):
                _refuse_text(value, refused.start(), where.line, where.column, path)
            return value
        if isinstance(event, yaml.SequenceStartEvent):
            self.doc.values[path] = self.pos(event)
            items: list[Any] = []
            while not isinstance(nxt := next(events), yaml.SequenceEndEvent):
                items.append(self.node(events, nxt, (*path, len(items))))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            self.doc.values[path] = self.pos(event)
            mapping: dict[str, Any] = {}
            while not isinstance(key_event := next(events), yaml.MappingEndEvent):
                if key_event.__class__ is not yaml.ScalarEvent or key_event.anchor is not None or key_event.tag not in (None, "!"):
                    self.refuse_extras(key_event, path)
                where = self.pos(key_event)
                if not isinstance(key_event, yaml.ScalarEvent):
                    raise YamlProblem(where.line, where.column, "a key must be a plain name, not a list or mapping", field_path(path))
                key = key_event.value
                if key in mapping:
                    first = self.doc.keys[(*path, key)]
                    raise YamlProblem(
                        where.line, where.column,
                        f"duplicate key '{key}' (first written on line {first.line}); keep one",
                        field_path((*path, key)),
                    )
                self.doc.keys[(*path, key)] = where
                mapping[key] = self.node(events, next(events), (*path, key))
            return mapping
        self.refuse_extras(event, path)
        where = self.pos(event)
        raise YamlProblem(where.line, where.column, "unexpected YAML content")


def load_yaml(text: str, line_offset: int = 0) -> YamlDocument:
    """Parse one YAML document; ``line_offset`` shifts lines to where the text sits in its file."""
    builder = _Builder(line_offset)
    loader = _Loader(text)
    try:
        # A callable iterator over libyaml's events: no Python generator frame per event
        # (``yaml.parse`` is one), which is a sixth of reading a thousand playbooks.
        events = iter(loader.get_event, None)
        next(events)  # stream start
        first = next(events)
        if isinstance(first, yaml.StreamEndEvent):
            builder.doc.data = None
            return builder.doc
        builder.doc.data = builder.node(events, next(events), ())
        next(events)  # document end
        trailing = next(events)
        if not isinstance(trailing, yaml.StreamEndEvent):
            where = builder.pos(trailing)
            raise YamlProblem(where.line, where.column, "only one YAML document is allowed here")
    except yaml.YAMLError as error:
        raise syntax_problem(error, text, line_offset) from None
    except RecursionError:
        raise YamlProblem(line_offset + 1, 1, f"is nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()
    return builder.doc


def decode(raw: bytes) -> str:
    """Decode UTF-8 (a BOM is tolerated); anything else is a located error."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            line, column,
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save it with UTF-8 encoding",
        ) from None
    return normal(text.removeprefix("\ufeff"))


def _closing_fence(lines: list[str]) -> int | None:
    """The index of the line closing the front matter; None when the text has none at the top."""
    if not lines or not re.match(r"^---[ \t]*$", lines[0].rstrip("\r\n")):
        return None
    for index in range(1, len(lines)):
        if FENCE.match(lines[index].rstrip("\r\n")):
            return index
    raise YamlProblem(1, 1, "the front matter opened with '---' on line 1 is never closed; add a line with '---' after it")


def split_markdown(path: Path, text: str) -> SourceFile:
    """Split ``---`` front matter from the body; a missing closing fence is an error."""
    lines = text.splitlines(keepends=True)
    index = _closing_fence(lines)
    if index is None:
        return SourceFile(path, None, text, 1)
    yaml_text = "".join(lines[1:index])
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise YamlProblem(2, 1, f"the front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB; move long text into the page body")
    document = load_yaml(yaml_text, line_offset=1)
    return SourceFile(path, document, "".join(lines[index + 1 :]), index + 2)


def body_of(text: str) -> str:
    """The Markdown after the front matter, without reading the front matter again."""
    lines = text.splitlines(keepends=True)
    index = _closing_fence(lines)
    return text if index is None else "".join(lines[index + 1 :])


def _read_inside(path: Path, root: Path) -> bytes:
    """The bytes of an input file, never of a file a link leads to outside the project ``root``."""
    try:
        return confined(path, root).read_bytes()
    except OSError as problem:
        raise YamlProblem(1, 1, unreadable(problem)) from None


def read_markdown(path: Path, root: Path) -> SourceFile:
    """Read a Markdown file of the project at ``root`` and split it; all problems come out as ``YamlProblem``."""
    return split_markdown(path, decode(_read_inside(path, root)))


def read_yaml_file(path: Path, root: Path) -> YamlDocument:
    """Read a whole YAML data file (taxonomies, teams) of the project at ``root`` with positions."""
    text = decode(_read_inside(path, root))
    if len(text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES * 8:
        raise YamlProblem(1, 1, "the file is too large for a configuration file")
    return load_yaml(text)
