"""Findings: the one shape every error and warning takes.

CX owners read these in a terminal, in a pull-request annotation and in a failed build, so
the text is the same everywhere: ``file:line:col: field.path: what is wrong (allowed: ...;
did you mean ...?)``. Rules have stable ids so tests and tooling can match on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from enum import Enum
from typing import Iterable, Sequence

from journeybook.errors import OutsideProject
from journeybook.lookalikes import odd_characters_note, plain_id, visible

MAX_LISTED = 12
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Control characters (newlines and ANSI escapes included), line separators and bidi controls."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: str) -> str:
    """``text`` with every character that could start a new log line or a terminal command escaped.

    Findings quote what authors wrote (a CSV cell, a key, a file name). A raw newline there
    would let a cell print a line GitHub reads as a workflow command (``::error ...``), an ANSI
    sequence would rewrite the terminal; shown as ``\\n`` or ``\\x1b`` they are only text.
    Escaping twice changes nothing, so a finding rebuilt from another stays the same.
    """
    return _UNPRINTABLE.sub(_escaped, text)


class Severity(str, Enum):
    """Errors stop a build and fail ``check``; warnings do so only in strict mode."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem, located in a source file as precisely as the input allows."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    rule: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        """Every way a finding is shown (text, GitHub, GitLab, JSON, MkDocs' log) starts here."""
        for name in ("file", "field", "message"):
            object.__setattr__(self, name, printable(getattr(self, name)))
        if self.field != self.field.strip():  # a key of blanks (YAML folds a lone NEL to one) would read as no field
            object.__setattr__(self, "field", repr(self.field))

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.location}: {where}{self.message}"


@dataclass
class Findings:
    """Collects every finding of a run, so authors see all their mistakes at once."""

    items: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.items.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.items.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if f.severity is Severity.WARNING]

    def sorted(self) -> list[Finding]:
        return sorted(self.items, key=lambda f: (f.file, f.line or 0, f.column or 0, f.rule))


def allowed_hint(found: str, allowed: Sequence[str]) -> str:
    """The ``(allowed: ...; did you mean ...?)`` tail shared by every 'not allowed' message."""
    if not allowed:
        return "(nothing is defined yet)"
    listed = ", ".join(allowed[:MAX_LISTED])
    if len(allowed) > MAX_LISTED:
        listed += f", ... ({len(allowed)} in all)"
    note = odd_characters_note(found)
    lead = f"{note}; " if note else ""
    meant = plain_id(found) if note else ""
    close = [meant] if meant in allowed else get_close_matches(found, list(allowed), n=1, cutoff=0.6)
    if close:
        return f"({lead}allowed: {listed}; did you mean '{close[0]}'?)"
    return f"({lead}allowed: {listed})"


def not_allowed(found: str, allowed: Sequence[str]) -> str:
    """Message for a value outside a fixed set or taxonomy."""
    return f"'{visible(found)}' is not allowed {allowed_hint(found, allowed)}"


def invalid_id(value: str, what: str = "") -> str:
    """Message for text that is not an id: the characters that make it so, and the id meant."""
    suggestion = plain_id(value)
    hint = f"; did you mean '{suggestion}'?" if suggestion and suggestion != value else ""
    note = odd_characters_note(value)
    because = f": {note}" if note else ""
    kind = f"{what} " if what else ""
    return f"'{visible(value)}' is not a valid {kind}id{because} (allowed: lowercase letters, digits, '-' and '_'{hint})"


def unreadable(problem: OSError) -> str:
    """Why a file could not be read, in words an author can act on."""
    if isinstance(problem, OutsideProject):
        return f"{problem.strerror}; {problem.remedy}"
    if isinstance(problem, PermissionError):
        hint = "check its permissions"
    elif isinstance(problem, FileNotFoundError):
        hint = "it is a link to a file that does not exist; remove the link or restore the file"
    else:
        hint = "check that it is an ordinary file"
    return f"the file cannot be read ({problem.strerror or problem}); {hint}"
