"""Measurement files under ``data/kpis/``: CSV, Excel and Parquet, read as text tables."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from journeybook.findings import Finding, Findings, unreadable
from journeybook.measurements.table import (
    COLUMNS,
    COLUMNS_RULE,
    FILES_SOURCE,
    MAX_PER_COLUMN,
    RULE,
    SUFFIXES,
    Origin,
    RawTable,
    cell_text,
    header_findings,
    typed_table,
)

if TYPE_CHECKING:
    from journeybook.read.layout import Layout


def _csv_lines(text: str) -> list[int]:
    """The line each CSV record starts on (record 0 is the header), quoted newlines included."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, last = [], 0
    for _ in reader:
        starts.append(last + 1)
        last = reader.line_num
    return starts


class _CsvLines:
    """Line numbers of a CSV file's records, computed on the first question (an error path)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None

    def __call__(self, record: int) -> int | None:
        if self.starts is None:
            self.starts = _csv_lines(self.text)
        index = record + 1
        return self.starts[index] if 0 <= index < len(self.starts) else None


def _read_csv(path: Path, origin_for: Callable[[Callable[[int], int | None]], Origin], findings: Findings) -> RawTable | None:
    """A CSV file as columns of text, read with the ``csv`` module.

    Every cell stays text (no NA detection, no type guessing); a blank line is a row of empty
    cells, dropped later like any empty row, and a short row is padded with empty cells. The
    ``csv`` module is used rather than ``pandas.read_csv`` because the latter costs about half a
    millisecond per file before it reads a byte, which a thousand small files add up to.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (UnicodeDecodeError, OSError) as problem:
        message = (
            f"is not UTF-8 text (byte 0x{problem.object[problem.start]:02x} at offset {problem.start}); save it as 'CSV UTF-8'"
            if isinstance(problem, UnicodeDecodeError) else unreadable(problem)
        )
        findings.add(Finding(origin_for(lambda record: None).file, None, None, "", message, RULE))
        return None
    origin = origin_for(_CsvLines(text))
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as problem:
        findings.add(Finding(origin.file, None, None, "", f"is not a readable CSV file ({problem}); save it as 'CSV UTF-8'", RULE))
        return None
    header = [name.strip() for name in records[0]] if records else []
    if not header:
        findings.add(Finding(origin.file, 1, None, "", f"the file is empty; it needs a header row ({COLUMNS_RULE})", RULE))
        return None
    problems = [wrong] if (wrong := _delimiter_finding(origin, header)) else header_findings(origin, header)
    if problems:
        findings.extend(problems)
        return None
    width = len(header)
    if any(len(record) > width for record in records):
        findings.extend(_field_count_findings(text, origin, width))
        return None
    rows = [record + [""] * (width - len(record)) if len(record) < width else record for record in records[1:]]
    return RawTable(origin, columns={name: [row[index] for row in rows] for index, name in enumerate(header)})


OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "'|' characters"}


def _delimiter_finding(origin: Origin, header: list[str]) -> Finding | None:
    """A header that is one field holding our column names split by another character.

    Excel saves "CSV" with semicolons where the comma is the decimal mark; read with commas,
    such a file is one unknown column and four missing ones, which does not say what to do.
    """
    if len(header) != 1:
        return None
    for delimiter, name in OTHER_DELIMITERS.items():
        names = [part.strip() for part in header[0].split(delimiter)]
        if len(names) > 1 and set(names) & set(COLUMNS):
            return Finding(
                origin.file, origin.line_of(-1), None, "",
                f"the columns are separated by {name}, not commas; save the file as 'CSV UTF-8 (Comma delimited)' "
                "(values then use '.' for decimals)", RULE,
            )
    return None


def _field_count_findings(text: str, origin: Origin, expected: int) -> list[Finding]:
    """Rows with more fields than the header: pandas would refuse them or shift the columns."""
    found = []
    reader = csv.reader(io.StringIO(text, newline=""))
    last = 0
    for number, record in enumerate(reader):
        start, last = last + 1, reader.line_num
        if number and len(record) > expected:
            found.append(Finding(
                origin.file, start, None, "",
                f"the row has {len(record)} fields but the header has {expected}; quote values that contain commas", RULE,
            ))
    return found[:MAX_PER_COLUMN]



def _read_xlsx(path: Path, origin: Origin, findings: Findings) -> RawTable | None:
    """The first sheet of a workbook: row 1 is the header; rows keep Excel's numbers."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as problem:  # openpyxl raises many types for a file that is not a workbook
        findings.add(Finding(origin.file, None, None, "", f"cannot be read as an Excel workbook ({problem}); save it as .xlsx", RULE))
        return None
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        findings.add(Finding(origin.file, 1, None, "", f"the sheet is empty; it needs a header row ({COLUMNS_RULE})", RULE))
        return None
    header = [cell_text(name).strip() for name in rows[0]]
    while header and header[-1] == "" and all(len(r) < len(header) or r[len(header) - 1] is None for r in rows[1:]):
        header.pop()  # empty trailing columns Excel keeps after a deletion
    for (index, column), formula in _unsaved_formulas(path, rows, len(header)).items():
        findings.add(origin.finding(
            index - 1, header[column] or f"column {column + 1}",
            f"the cell holds the formula '{formula}' but no saved value (the file was written by a program that does not "
            "calculate formulas); open it in Excel and save it, or write the value itself", RULE,
        ))
        rows[index] = (None,) * len(rows[index])  # reported: not also "is empty"
    return typed_table(origin, header, (list(row) + [None] * (len(header) - len(row)) for row in rows[1:]), findings)


def _unsaved_formulas(path: Path, rows: list[tuple[Any, ...]], width: int) -> dict[tuple[int, int], str]:
    """(row, column) of each data cell whose formula has no saved value, with the formula.

    openpyxl reads the value a spreadsheet program saved beside each formula; a file written by
    a script (openpyxl itself, pandas) has formulas and no values, so those cells read as empty.
    The formulas are read (a second pass) only when some cell is empty.
    """
    from openpyxl import load_workbook

    if not any(cell is None for row in rows[1:] for cell in row[:width]):
        return {}
    book = load_workbook(path, read_only=True, data_only=False)
    try:
        written = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    found: dict[tuple[int, int], str] = {}
    for index, (row, formulas) in enumerate(zip(rows[1:], written[1:]), start=1):
        for column, (value, formula) in enumerate(zip(row[:width], formulas)):
            text = getattr(formula, "text", formula)  # an array formula keeps its text in .text
            if value is None and isinstance(text, str) and text.startswith("="):
                found[(index, column)] = text
    return found


def _read_parquet(path: Path, origin: Origin, findings: Findings) -> RawTable | None:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as problem:  # pyarrow raises ArrowInvalid, OSError... for a broken file
        reason = str(problem).replace(str(path), origin.file)  # pyarrow names the file by its absolute path
        findings.add(Finding(origin.file, None, None, "", f"cannot be read as a Parquet file ({reason})", RULE))
        return None
    header = [str(name) for name in table.column_names]
    problems = header_findings(origin, header)
    if problems:
        findings.extend(problems)
        return None
    columns = {name: [cell_text(v) for v in table.column(index).to_pylist()] for index, name in enumerate(header)}
    return RawTable(origin, columns=columns)


def measurement_files(layout: Layout) -> list[Path]:
    """Every measurement file, in a stable order; other files (a README) are left alone."""
    folder = layout.kpi_dir
    if not folder.is_dir():
        return []
    # A link to a missing file is kept, so reading it reports it rather than skipping it unseen.
    return sorted(p for p in folder.rglob("*") if (p.is_file() or p.is_symlink()) and p.suffix.lower() in SUFFIXES)


def read_files(files: list[Path], layout: Layout, findings: Findings) -> list[RawTable]:
    """The files of the built-in ``files`` source, read as text tables."""
    tables = []
    for path in files:
        rel = layout.rel(path)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            table = _read_csv(path, lambda lines, rel=rel: Origin(FILES_SOURCE, rel, lines), findings)
        elif suffix == ".xlsx":
            table = _read_xlsx(path, Origin(FILES_SOURCE, rel, lambda record: record + 2), findings)
        else:
            table = _read_parquet(path, Origin(FILES_SOURCE, rel, lambda record: None, ""), findings)
        if table is not None:
            tables.append(table)
    return tables


