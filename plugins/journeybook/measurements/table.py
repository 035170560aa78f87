"""The shape every measurement source is read into first: rows of text, with their origin.

All sources (CSV, Excel, Parquet, SQL) become ``RawTable``s of text cells, so that one parser
(``journeybook.measurements.parse``) decides every value with the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

from journeybook.findings import Finding, Findings, Severity, allowed_hint

REQUIRED = ("journey", "kpi", "date", "value")
COLUMNS = (*REQUIRED, "segment")
KEY = ("source", "journey", "kpi", "date", "segment")
SUFFIXES = (".csv", ".xlsx", ".parquet")
FILES_SOURCE = "files"
RULE = "measurements"
MAX_PER_COLUMN = 10
"""Rows reported one by one per file and column; the rest are counted, so a file of 10,000 bad
rows gives a readable report rather than 10,000 lines."""

ISO_DATE = r"\d{4}-\d{2}-\d{2}"
PLAIN_NUMBER = r"[-+]?\d+(\.\d+)?"
DATE_RULE = "allowed: an existing day written YYYY-MM-DD, e.g. 2026-01-31"
NUMBER_RULE = "allowed: digits with an optional leading '-' or '+' and a '.' for decimals, e.g. 1234.5; no thousands separators, units, '%' or words"
COLUMNS_RULE = "a measurement table has the columns journey, kpi, date, value and, optionally, segment"


@dataclass(frozen=True)
class Origin:
    """Where a block of rows came from, and how to point a reader at one of its rows.

    CSV rows are named by their line in the file (found only when a row has a problem, by
    re-reading the file) and Excel rows by their row number in the sheet. Parquet and query
    rows have no line: ``row_names`` is then written before the column, with the row's
    1-based position (``row 5: value``, ``warehouse row 5: value``).
    """

    source: str
    file: str
    line_of: Callable[[int], int | None]
    row_names: str | None = None

    def finding(self, record: int, column: str, message: str, rule: str = RULE, severity: Severity = Severity.ERROR) -> Finding:
        label = f"{self.row_names}row {record + 1}: " if self.row_names is not None else ""
        return Finding(self.file, self.line_of(record), None, f"{label}{column}", message, rule, severity)


@dataclass
class RawTable:
    """Rows of one origin, every cell still text, as one list per column."""

    origin: Origin
    columns: dict[str, list[str]]


def cell_text(value: Any) -> str:
    """A typed cell (Excel, Parquet, a database) as the text a CSV would hold.

    Dates become ISO dates (a timestamp only when it is exactly midnight, so a time of day is
    never silently dropped); numbers keep their exact decimal digits; text stays as written.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, datetime):
        if value.time() == datetime.min.time() and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f") if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, (int, Decimal)):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    if hasattr(value, "item"):  # numpy and pandas scalars
        return cell_text(value.item())
    return str(value)


def header_findings(origin: Origin, header: Sequence[str]) -> list[Finding]:
    """A header must name each required column once, and nothing we do not know."""
    line = origin.line_of(-1)
    problems = []
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if name in seen:
            problems.append(Finding(origin.file, line, None, name, f"column '{name}' appears twice (columns {seen[name]} and {number}); keep one", RULE))
        elif name not in COLUMNS:
            shown = name or f"column {number}"
            problems.append(Finding(origin.file, line, None, shown, f"unknown column '{name}' {allowed_hint(name, list(COLUMNS))}", RULE))
        seen.setdefault(name, number)
    for name in REQUIRED:
        if name not in seen:
            problems.append(Finding(origin.file, line, None, name, f"missing column '{name}' ({COLUMNS_RULE})", RULE))
    return problems




def typed_table(origin: Origin, header: list[str], rows: Iterable[Sequence[Any]], findings: Findings) -> RawTable | None:
    problems = header_findings(origin, header)
    if problems:
        findings.extend(problems)
        return None
    columns: dict[str, list[str]] = {name: [] for name in header}
    for row in rows:
        for name, value in zip(header, row):
            columns[name].append(cell_text(value))
    return RawTable(origin, columns=columns)

