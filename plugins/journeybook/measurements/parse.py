"""Text tables -> one typed table of measurements, every row that does not parse reported.

pandas' own coercions (a column silently left as strings after one bad date, ``NaN`` from
``errors='coerce'``, ``"NA"`` read as missing) never decide anything here: each row that does
not parse is a finding naming its file, row and column, and is dropped before any view is
computed. Vectorised over all rows at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from journeybook.findings import Finding, Findings, Severity, allowed_hint
from journeybook.measurements.table import (
    COLUMNS,
    DATE_RULE,
    ISO_DATE,
    KEY,
    MAX_PER_COLUMN,
    NUMBER_RULE,
    PLAIN_NUMBER,
    REQUIRED,
    RULE,
    Origin,
    RawTable,
)
from journeybook.model.inputs import LARGEST_VALUE

if TYPE_CHECKING:
    import pandas as pd

    from journeybook.model.resolved import Journey


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


LARGEST_RULE = f"allowed: between -{LARGEST_VALUE:,.0f} and {LARGEST_VALUE:,.0f}"


def _shortened(value: str) -> str:
    """A long value as its start, end and length, so the message stays one readable line."""
    return value if len(value) <= 40 else f"{value[:20]}...{value[-8:]} ({len(value)} characters)"


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
    too_large = np.isfinite(values) & (values.abs() > LARGEST_VALUE)
    _report(frame, too_large, "value", origins, lambda value: f"'{_shortened(value)}' is too large for a measurement ({LARGEST_RULE})", findings)
    bad_value |= too_large
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

