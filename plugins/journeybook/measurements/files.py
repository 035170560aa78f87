"""Measurement files under ``data/kpis/``: CSV, Excel and Parquet, read as text tables."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from journeybook.errors import OutsideProject
from journeybook.findings import Finding, Findings, Severity, unreadable
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
from journeybook.read.confine import confined

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
    records = _records(text, origin, findings)
    if records is None:
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


def _records(text: str, origin: Origin, findings: Findings) -> list[list[str]] | None:
    """Every record of the file, or None with a located finding when the quoting is broken.

    ``strict`` makes the ``csv`` module refuse what it would otherwise read silently: a quote
    never closed (every row after it would become one value, and its KPI "no data") and text
    after a closing quote.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    start = 1
    try:
        for record in reader:
            records.append(record)
            start = reader.line_num + 1
    except csv.Error as problem:
        header = records[0] if records else []
        opened = _unclosed_quote(text, start) if "unexpected end of data" in str(problem) else None
        if opened is not None:
            line, column, index = opened
            message = ("the quote opened here is never closed, so every row after it would be read as part of one value; "
                       'close it (a quote inside a quoted value is written twice: "")')
        elif "expected after" in str(problem):
            line, column, index = reader.line_num, None, None
            message = 'text follows the closing quote of a value; put the whole value inside the quotes (a quote inside it is written twice: "")'
        else:
            line, column, index = reader.line_num, None, None
            message = f"is not a readable CSV file ({problem}); save it as 'CSV UTF-8'"
        field = header[index].strip() if index is not None and index < len(header) and start > 1 else ""
        findings.add(Finding(origin.file, line, column, field, message, RULE))
        return None
    return records


def _unclosed_quote(text: str, start: int) -> tuple[int, int, int] | None:
    """Line, column and field index of the quote that the record starting on ``start`` leaves open.

    Only called when the ``csv`` module reached the end inside a quoted value, so a character
    loop over one (unfinished) record is cheap.
    """
    lines = io.StringIO(text, newline="").readlines()
    line, column, index, at_field_start, opened = start, 0, 0, True, None
    rest = "".join(lines[start - 1 :])
    position = 0
    while position < len(rest):
        char = rest[position]
        column += 1
        if opened is not None:
            if char == '"' and rest[position + 1 : position + 2] == '"':
                position, column = position + 1, column + 1
            elif char == '"':
                opened, at_field_start = None, False
        elif char == '"' and at_field_start:
            opened = (line, column, index)
        else:
            at_field_start = char in ",\r\n"
            index += char == ","
        if char == "\n" or (char == "\r" and rest[position + 1 : position + 2] != "\n"):
            line, column = line + 1, 0
            if opened is None:
                index = 0
        position += 1
    return opened


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


READ_FORMATS = "CSV (.csv), Excel workbooks (.xlsx) and Parquet (.parquet)"
_NOT_DATA = (".md", ".txt", ".rst")
"""Notes kept beside the data (a README): left alone, as are hidden files (``.gitkeep``)."""


def measurement_files(layout: Layout, findings: Findings | None = None) -> list[Path]:
    """Every measurement file, in a stable order, found without following linked folders.

    What is there but not read is said in ``findings``, so that no data goes missing unseen:
    a file in a format not read (an Excel 97-2003 ``.xls``) is a warning, a linked folder an
    error (leading out of the project, like a linked file) or a warning (its files would be
    read twice). Notes (a README) and hidden files are left alone.
    """
    folder = layout.kpi_dir
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for parent, folders, names in os.walk(folder):
        for name in sorted(folders):
            if (Path(parent) / name).is_symlink():
                _linked_folder(Path(parent) / name, layout, findings)
        for name in names:
            path = Path(parent) / name
            # A link to a missing file is kept, so reading it reports it rather than skipping it unseen.
            if path.suffix.lower() in SUFFIXES:
                found.append(path)
            elif findings is not None and not name.startswith(".") and path.suffix.lower() not in _NOT_DATA:
                findings.add(Finding(layout.rel(path), None, None, "", _unread_format(path), RULE, Severity.WARNING))
    return sorted(found)


def _unread_format(path: Path) -> str:
    advice = ("save it from Excel as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'" if path.suffix.lower() in (".xls", ".xlsm", ".xlsb", ".ods")
              else "save it as 'CSV UTF-8' (or move it out of data/kpis/ if it holds no measurements)")
    return f"this file was not read: measurements are read from {READ_FORMATS} only; {advice}"


def _linked_folder(path: Path, layout: Layout, findings: Findings | None) -> None:
    if findings is None:
        return
    try:
        target = confined(path, layout.root)
    except OutsideProject as problem:
        findings.add(Finding(layout.rel(path), None, None, "", unreadable(problem), RULE))
        return
    findings.add(Finding(
        layout.rel(path), None, None, "",
        f"the folder is a link to {layout.rel(target)}; files in a linked folder are not read (they would be counted twice); "
        "move the files here instead of linking", RULE, Severity.WARNING,
    ))


def read_files(files: list[Path], layout: Layout, findings: Findings) -> list[RawTable]:
    """The files of the built-in ``files`` source, read as text tables."""
    tables = []
    for link in files:
        rel = layout.rel(link)
        suffix = link.suffix.lower()
        try:
            path = confined(link, layout.root)
        except OutsideProject as problem:
            findings.add(Finding(rel, None, None, "", unreadable(problem), RULE))
            continue
        if suffix == ".csv":
            table = _read_csv(path, lambda lines, rel=rel: Origin(FILES_SOURCE, rel, lines), findings)
        elif suffix == ".xlsx":
            table = _read_xlsx(path, Origin(FILES_SOURCE, rel, lambda record: record + 2), findings)
        else:
            table = _read_parquet(path, Origin(FILES_SOURCE, rel, lambda record: None, ""), findings)
        if table is not None:
            tables.append(table)
    return tables


