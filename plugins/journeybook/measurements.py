"""KPI measurements in: every file under ``data/kpis/`` and every SQL source, strictly parsed.

All sources become one long table of text first (CSV cells are read as text by the ``csv``
module; Excel, Parquet and SQL cells are turned into text by ``cell_text``), and only then
is it parsed here with our own rules, vectorised over all rows at once. pandas' own coercions
(a column silently left as strings after one bad date, ``NaN`` from ``errors='coerce'``,
``"NA"`` read as missing) therefore never decide anything: every row that does not parse is a
finding naming its file, row and column, and is dropped before any table is computed.

pandas is imported only when there is something to read, so ``journeybook check`` of a site
without measurements does not pay for it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from .findings import Finding, Findings, Severity, allowed_hint, unreadable

if TYPE_CHECKING:
    import pandas as pd

    from .layout import Layout
    from .resolved import Journey, TaxonomyEntry

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
    problems = header_findings(origin, header)
    if problems:
        findings.extend(problems)
        return None
    width = len(header)
    if any(len(record) > width for record in records):
        findings.extend(_field_count_findings(text, origin, width))
        return None
    rows = [record + [""] * (width - len(record)) if len(record) < width else record for record in records[1:]]
    return RawTable(origin, columns={name: [row[index] for row in rows] for index, name in enumerate(header)})


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
    return typed_table(origin, header, (list(row) + [None] * (len(header) - len(row)) for row in rows[1:]), findings)


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


def _frame(tables: list[RawTable]) -> pd.DataFrame:
    """All tables as one frame of text, built once (one DataFrame per file costs more than its rows)."""
    import pandas as pd

    data: dict[str, list[Any]] = {name: [] for name in (*COLUMNS, "origin", "record")}
    for number, table in enumerate(tables):
        count = len(next(iter(table.columns.values()), []))
        for name in COLUMNS:
            data[name].extend(table.columns.get(name) or [""] * count)
        data["origin"].extend([number] * count)
        data["record"].extend(range(count))
    # Text columns stay text even with no rows at all (pandas would make empty columns float).
    return pd.DataFrame(data).astype({name: str for name in COLUMNS})


def _report(frame: pd.DataFrame, bad: pd.Series, column: str, origins: list[Origin], message: Callable[[str], str], findings: Findings) -> None:
    """One finding per bad row (up to ``MAX_PER_COLUMN`` per file), then a count of the rest."""
    rows = frame.loc[bad, ["origin", "record", column]]
    for number, group in rows.groupby("origin", sort=True):
        origin = origins[int(number)]
        shown = group.head(MAX_PER_COLUMN)
        for record, value in zip(shown["record"].tolist(), shown[column].tolist()):
            findings.add(origin.finding(record, column, message(value), RULE))
        if len(group) > MAX_PER_COLUMN:
            last = int(group["record"].iloc[MAX_PER_COLUMN])
            findings.add(origin.finding(last, column, f"{len(group) - MAX_PER_COLUMN} more rows have the same problem", RULE))


def parse(tables: list[RawTable], findings: Findings) -> tuple[pd.DataFrame, list[Origin]]:
    """Text tables -> one typed table; every row that does not parse is reported and dropped.

    The result has the columns source, journey, kpi, date (datetime64), value (float64) and
    segment ('' for the overall series), plus origin and record to point back at the source row.
    """
    import numpy as np
    import pandas as pd

    origins = [table.origin for table in tables]
    frame = _frame(tables)
    frame["source"] = [origins[n].source for n in frame["origin"].tolist()] if len(origins) > 1 else origins[0].source
    for column in COLUMNS:
        frame[column] = frame[column].str.strip()
    blank = (frame[list(COLUMNS)] == "").all(axis=1)  # blank lines and fully empty rows carry nothing
    frame = frame.loc[~blank]
    bad = pd.Series(False, index=frame.index)
    for column in REQUIRED:
        empty = frame[column] == ""
        _report(frame, empty, column, origins, lambda value: "is empty; every row needs journey, kpi, date and value", findings)
        bad |= empty
    dates = pd.to_datetime(frame["date"].where(frame["date"].str.fullmatch(ISO_DATE)), format="%Y-%m-%d", errors="coerce")
    bad_date = dates.isna() & (frame["date"] != "")
    _report(frame, bad_date, "date", origins, lambda value: f"'{value}' is not an ISO date ({DATE_RULE})", findings)
    plain = frame["value"].str.fullmatch(PLAIN_NUMBER)
    values = pd.to_numeric(frame["value"].where(plain), errors="coerce").astype("float64")
    bad_value = ~np.isfinite(values) & (frame["value"] != "")
    _report(frame, bad_value, "value", origins, lambda value: f"'{value}' is not a plain number ({NUMBER_RULE})", findings)
    bad |= bad_date | bad_value
    frame = frame.assign(date=dates, value=values)
    _report_duplicates(frame.loc[~bad & ~bad_date], origins, findings)
    duplicated = frame.loc[~bad].duplicated(list(KEY), keep="first")
    clean = frame.loc[~bad].loc[~duplicated]
    return clean.reset_index(drop=True), origins


def _report_duplicates(frame: pd.DataFrame, origins: list[Origin], findings: Findings) -> None:
    """A second row for the same (journey, kpi, date, segment) of a source: which one is true?"""
    involved = frame.loc[frame.duplicated(list(KEY), keep=False)]
    first: dict[tuple[Any, ...], tuple[Origin, int]] = {}
    for row in involved.itertuples(index=False):
        key = (row.source, row.journey, row.kpi, row.date, row.segment)
        origin = origins[row.origin]
        if key not in first:
            first[key] = (origin, row.record)
            continue
        where, record = first[key]
        line = where.line_of(record)
        also = f"{where.file}:{line}" if line is not None else f"{where.file} row {record + 1}"
        which = f"segment '{row.segment}'" if row.segment else "overall"
        findings.add(origin.finding(
            row.record, "date",
            f"duplicate measurement of journey '{row.journey}', kpi '{row.kpi}' on {row.date.date().isoformat()} ({which}); "
            f"also at {also}; keep one row per journey, kpi, date and segment", RULE,
        ))


def join_findings(frame: pd.DataFrame, origins: list[Origin], journeys: dict[str, Journey]) -> tuple[pd.DataFrame, list[Finding]]:
    """Keep the rows of KPIs that read this source; warn once per file about the others.

    A row for a journey or KPI no playbook defines, or for a KPI that reads another source, is
    ignored with a warning (one per file and id, with the number of rows) rather than an error:
    data often lands before the playbook that uses it.
    """
    import pandas as pd

    sources = {(j.id, k.id): k.source.id for j in journeys.values() for k in j.kpis}
    declared = pd.DataFrame([(*key, source) for key, source in sources.items()], columns=["journey", "kpi", "source"], dtype=str)
    known = frame.merge(declared, on=["journey", "kpi", "source"], how="left", indicator=True)["_merge"].eq("both").to_numpy()
    others = frame.loc[~known].groupby(["origin", "source", "journey", "kpi"], sort=False)["record"].agg(["min", "size"]).reset_index()
    problems = []
    journey_ids = sorted(journeys)
    for number, source, journey_id, kpi_id, record, count in zip(*(others[c].tolist() for c in others.columns)):
        origin = origins[number]
        rows = f"{count} row{'s' * (count != 1)}"
        wanted = sources.get((journey_id, kpi_id))
        if journey_id not in journeys:
            problems.append(origin.finding(record, "journey", f"{rows} for unknown journey '{journey_id}' ignored {allowed_hint(journey_id, journey_ids)}", severity=Severity.WARNING))
        elif wanted is None:
            kpi_ids = [k.id for k in journeys[journey_id].kpis]
            problems.append(origin.finding(record, "kpi", f"{rows} for unknown KPI '{kpi_id}' of journey '{journey_id}' ignored {allowed_hint(kpi_id, kpi_ids)}", severity=Severity.WARNING))
        else:
            problems.append(origin.finding(
                record, "kpi",
                f"{rows} for KPI '{kpi_id}' of journey '{journey_id}' ignored: the KPI reads source '{wanted}' ({journeys[journey_id].source_path})",
                severity=Severity.WARNING,
            ))
    return frame.loc[known].reset_index(drop=True), problems


@dataclass(frozen=True)
class Readings:
    """Every measurement row of a build, parsed, before it is joined to the KPIs.

    Kept by the project so a preview rebuild after a playbook edit joins again without reading
    the files or querying the databases again (``journeybook.refresh``); ``sql_sources`` names
    the SQL sources it holds.
    """

    frame: pd.DataFrame
    origins: list[Origin]
    sql_sources: frozenset[str]


def sql_sources_used(journeys: Iterable[Journey]) -> set[str]:
    """The SQL sources the journeys' KPIs read (each is queried once per build)."""
    return {kpi.source.id for journey in journeys for kpi in journey.kpis if kpi.source.kind == "sql"}


def read_measurements(layout: Layout, journeys: dict[str, Journey], sources: dict[str, TaxonomyEntry], findings: Findings) -> Readings | None:
    """All measurements of a build, read once: the files, then each SQL source a KPI reads.

    ``None`` when there is nothing to read (pandas is not even imported then).
    """
    used_sql = sorted(sql_sources_used(journeys.values()))
    files = measurement_files(layout)
    if not files and not used_sql:
        return None
    tables = read_files(files, layout, findings)
    if used_sql:
        from .sql_source import read_sql_source  # SQLAlchemy is slow to import; only SQL sites pay

        tables += [t for source_id in used_sql if (t := read_sql_source(sources[source_id], layout, findings)) is not None]
    if not tables:
        return None
    frame, origins = parse(tables, findings)
    return Readings(frame, origins, frozenset(used_sql))


def join_measurements(
    readings: Readings, journeys: dict[str, Journey], findings: Findings, every_journey: bool = True, report_rows: bool = True,
) -> pd.DataFrame:
    """The rows the journeys' KPIs take.

    With ``every_journey`` false (``check`` of some playbooks only, or a preview reloading
    some), rows of journeys that were not loaded are simply left out instead of being reported
    as unknown. ``report_rows`` false (some playbook failed to load) keeps quiet about rows no
    loaded KPI takes: the playbook's own errors say what to fix, and its rows would only repeat
    them as noise.
    """
    frame = readings.frame
    if not every_journey:
        frame = frame.loc[frame["journey"].isin(list(journeys))]
    frame, problems = join_findings(frame, readings.origins, journeys)
    if report_rows:
        findings.extend(problems)
    return frame
