"""Characters that look like the letters of an id but are not: named, and replaced in suggestions.

An id copied from a chat or a document can carry a Cyrillic 'а' or a zero-width space. On
screen the id looks right, so a message that quotes it as written and suggests a slug made by
dropping the odd character ('onb-arding') leaves the author nowhere. Messages name each such
character by its code point and suggest the id with the lookalikes replaced by the letters they
imitate and the invisible characters removed.
"""

from __future__ import annotations

import re
import unicodedata

_LOOKALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m",
    "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ɡ": "g",
    # Greek
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    # dashes and spaces an editor or a word processor puts in
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "\u00a0": "-",
})


def _invisible(char: str) -> bool:
    """Format characters (zero-width space and joiners, BOM, soft hyphen) draw nothing."""
    return unicodedata.category(char) == "Cf"


def odd_characters(value: str) -> list[str]:
    """Each character of ``value`` outside plain ASCII, once, as ``U+0430 CYRILLIC SMALL LETTER A``."""
    named: list[str] = []
    for char in dict.fromkeys(value):
        if ord(char) > 0x7E or _invisible(char):
            entry = f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"
            named.append(entry)
    return named


def visible(value: str) -> str:
    """``value`` with its invisible characters written as escapes, so a quote shows they are there."""
    return "".join(f"\\u{ord(c):04x}" if _invisible(c) or not c.isprintable() else c for c in value)


def plain_id(value: str) -> str:
    """The id an author most likely meant: lookalikes replaced, accents and invisible characters dropped.

    Then lower case, with every run of other characters made one '-' (as slugs are made).
    """
    text = "".join(c for c in value if not _invisible(c)).translate(_LOOKALIKES)
    text = unicodedata.normalize("NFKD", text.lower()).translate(_LOOKALIKES)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def odd_characters_note(value: str) -> str:
    """``it contains U+0430 CYRILLIC SMALL LETTER A`` for a value with such characters, else ''."""
    named = odd_characters(value)
    if not named:
        return ""
    return f"it contains {', '.join(named[:3])}{' and more' if len(named) > 3 else ''}"
