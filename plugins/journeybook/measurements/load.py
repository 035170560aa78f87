"""KPI measurements in: every file under ``data/kpis/`` and every SQL source, read once per build.

pandas is imported only when there is something to read, so ``journeybook check`` of a site
without measurements does not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from journeybook.findings import Findings
from journeybook.measurements.files import measurement_files, read_files
from journeybook.measurements.parse import join_findings, parse
from journeybook.measurements.table import Origin

if TYPE_CHECKING:
    import pandas as pd

    from journeybook.model.resolved import Journey, TaxonomyEntry
    from journeybook.read.layout import Layout


@dataclass(frozen=True)
class Readings:
    """Every measurement row of a build, parsed, before it is joined to the KPIs.

    Kept by the project so a preview rebuild after a playbook edit joins again without reading
    the files or querying the databases again (``journeybook.model.refresh``); ``sql_sources`` names
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
    files = measurement_files(layout, findings)
    if not files and not used_sql:
        return None
    tables = read_files(files, layout, findings)
    if used_sql:
        from journeybook.measurements.sql import (
            read_sql_source,  # SQLAlchemy is slow to import; only SQL sites pay
        )

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
