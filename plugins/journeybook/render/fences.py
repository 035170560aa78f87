"""Which lines of a Markdown body are outside fenced code, for the scans that rewrite or read the body.

A directive or a ``# heading`` shown inside a code fence is an example, not a directive or a
heading. A fence opens with three or more backticks or tildes (indented by at most three
spaces) and closes with a line of the same character, at least as long, and nothing else.
"""

from __future__ import annotations

import re
from typing import Iterator

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def outside_fences(lines: list[str]) -> Iterator[int]:
    """The index of each line that is neither inside a fenced code block nor one of its fences."""
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is None:
            if opened:
                fence = opened.group(1)
            else:
                yield index
        elif opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) and not line.strip(" `~"):
            fence = None
