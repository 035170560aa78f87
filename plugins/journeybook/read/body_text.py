"""The body text policy: one form of every letter, and no invisible control characters.

Authored Markdown is normalised to NFC where it is read, so ``renovacio\u0301n`` (a decomposed
accent) and ``renovación`` are one word for search folding, id suggestions and lookalike checks.
Control characters (C0 other than tab, newline and carriage return; DEL; C1) and the
bidirectional override and isolate characters, which can make text read differently from what
it is, are dropped from the page; each one is reported as a located warning naming it by code
point, so the published page and ``check`` agree on what was removed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

_BIDI_RANGES = "\u202a-\u202e\u2066-\u2069"
_DROPPED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_RANGES}]")
_BIDI = re.compile(f"[{_BIDI_RANGES}]")


def normal(text: str) -> str:
    """``text`` in NFC, the form every comparison and search fold expects."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def clean_body(text: str) -> str:
    """The body as the page shows it: NFC, without the dropped control characters."""
    return _DROPPED.sub("", normal(text))


def describe(char: str) -> str:
    """A reader's name for a dropped character: ``U+202E (RIGHT-TO-LEFT OVERRIDE)``."""
    code = ord(char)
    name = unicodedata.name(char, "control character")
    return f"U+{code:04X} ({name})"


def dropped_characters(body: str, first_line: int) -> Iterator[tuple[int, str, str]]:
    """``(line, character description, message)`` for each dropped character of ``body``."""
    for offset, line in enumerate(body.split("\n"), start=first_line):  # splitlines() would also split at \x0b, \x1c, \x85
        for match in _DROPPED.finditer(line):
            char = match.group()
            what = describe(char)
            if _BIDI.match(char):
                message = (f"the text contains the invisible direction control {what}, which can make words read "
                           "in a different order than they are written; it was removed from the page")
            else:
                message = f"the text contains the invisible control character {what}; it was removed from the page"
            yield offset, what, message
