"""A SQL data source: one query per build, its rows handed to the strict parser as text.

The connection URL is read from the environment variable the source names (it holds a
password, so it never lives in the repository and never appears in a message). Every failure
is a finding located at the source's entry in ``site_config/data-sources.yml``: a missing
variable, a URL SQLAlchemy cannot use, a server that cannot be reached, a query that fails or
returns other columns. The build then stops, so no page ever shows a table built from part of
the data.
"""

from __future__ import annotations

import os
from typing import Any

from journeybook.findings import Finding, Findings
from journeybook.measurements.table import (
    COLUMNS,
    REQUIRED,
    RULE,
    Origin,
    RawTable,
    typed_table,
)
from journeybook.model.resolved import TaxonomyEntry
from journeybook.read.front_matter import YamlProblem, field_path, read_yaml_file
from journeybook.read.layout import Layout

SOURCES_FILE = "data-sources.yml"
URL_EXAMPLE = "postgresql+psycopg://user:password@host:5432/database"


class _Entry:
    """The source's place in data-sources.yml, to locate every finding about it."""

    def __init__(self, source: TaxonomyEntry, layout: Layout) -> None:
        path = layout.config_dir / SOURCES_FILE
        self.file = layout.rel(path)
        self.source = source
        self.index: int | None = None
        self.document = None
        try:
            self.document = read_yaml_file(path)
        except (YamlProblem, OSError):  # already reported when the site data was loaded
            return
        entries = self.document.data if isinstance(self.document.data, list) else []
        self.index = next((i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("id") == source.id), None)

    def line(self, key: str) -> int | None:
        if self.document is None or self.index is None:
            return None
        position = self.document.position((self.index, key))
        return position.line if position else None

    def finding(self, key: str, message: str) -> Finding:
        loc = (self.index, key) if self.index is not None else (key,)
        return Finding(self.file, self.line(key), None, field_path(loc), message, RULE)


def _driver_message(problem: BaseException) -> str:
    """The database's own words (first lines only), without SQLAlchemy's SQL and help link."""
    original = getattr(problem, "orig", None) or problem
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return " ".join(lines[:2]) or type(original).__name__


def _fetch(source: TaxonomyEntry, url: str, entry: _Entry) -> tuple[list[str], list[Any]] | Finding:
    """Connect through SQLAlchemy, then run the query verbatim on the driver's own cursor.

    No parameters are bound, so the SQL reaches the database exactly as written: a ``%`` in a
    LIKE pattern or a ``:`` in a cast means what it means to that database.
    """
    from sqlalchemy import create_engine
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
    from sqlalchemy.pool import NullPool

    variable = source.url_env
    try:
        engine = create_engine(url, poolclass=NullPool)
    except ArgumentError:
        return entry.finding("url_env", f"the value of {variable} is not a SQLAlchemy URL (e.g. {URL_EXAMPLE})")
    except NoSuchModuleError as problem:
        return entry.finding("url_env", f"the URL in {variable} names a database SQLAlchemy does not know ({_driver_message(problem)})")
    except ModuleNotFoundError as problem:
        return entry.finding(
            "url_env",
            f"the database driver '{problem.name}' that the URL in {variable} asks for is not installed; "
            f"for PostgreSQL write the URL as {URL_EXAMPLE}",
        )
    try:
        try:
            connection = engine.connect()
        except SQLAlchemyError as problem:
            return entry.finding(
                "url_env",
                f"cannot connect to the database of source '{source.id}' (URL from {variable}): {_driver_message(problem)}; "
                "no KPI table is built until it answers",
            )
        with connection:
            cursor = connection.connection.cursor()
            try:
                cursor.execute(source.query or "")
                header = [str(column[0]) for column in cursor.description or ()]
                rows = cursor.fetchall()
            except Exception as problem:  # each driver has its own error classes (DB-API's Error)
                return entry.finding("query", f"the query of source '{source.id}' failed: {_driver_message(problem)}")
            finally:
                cursor.close()
    finally:
        engine.dispose()
    return header, rows


def _columns_message(source: TaxonomyEntry, header: list[str]) -> str | None:
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    twice = sorted({c for c in header if header.count(c) > 1})
    if not (missing or unknown or twice):
        return None
    details = "; ".join(part for part in (
        f"missing: {', '.join(missing)}" if missing else "",
        f"not allowed: {', '.join(unknown)}" if unknown else "",
        f"more than once: {', '.join(twice)}" if twice else "",
    ) if part)
    return (
        f"the query of source '{source.id}' returns the columns {', '.join(header) or '(none)'}; it must return "
        f"journey, kpi, date, value and, optionally, segment ({details}); rename them with AS in the query"
    )


def read_sql_source(source: TaxonomyEntry, layout: Layout, findings: Findings) -> RawTable | None:
    """Run the source's query once; its rows as a text table, or ``None`` with a finding."""
    entry = _Entry(source, layout)
    url = os.environ.get(source.url_env or "", "").strip()
    if not url:
        findings.add(entry.finding(
            "url_env",
            f"environment variable {source.url_env} is not set; set it on the build machine to the SQLAlchemy URL "
            f"of source '{source.id}' (e.g. {URL_EXAMPLE}), never in the repository",
        ))
        return None
    fetched = _fetch(source, url, entry)
    if isinstance(fetched, Finding):
        findings.add(fetched)
        return None
    header, rows = fetched
    message = _columns_message(source, header)
    if message is not None:
        findings.add(entry.finding("query", message))
        return None
    query_line = entry.line("query")
    origin = Origin(source.id, entry.file, lambda record: query_line, f"{source.id} ")
    return typed_table(origin, header, rows, findings)
