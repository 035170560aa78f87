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
import threading
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
        path = layout.config_file(SOURCES_FILE)
        self.file = layout.rel(path)
        self.source = source
        self.index: int | None = None
        self.document = None
        try:
            self.document = read_yaml_file(path, layout.inside(path))
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


_POSTGRES_DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi")
DEADLINE_GRACE = 5
"""Seconds added to both time limits before a source that still has not answered is given up."""


def _time_limits(source: TaxonomyEntry, url: Any) -> dict[str, Any]:
    """Driver options that make the database itself keep the time limits (PostgreSQL's libpq ones).

    The server then cancels a query that runs too long instead of working on for nobody.
    Other drivers have no common spelling for these; the deadline in ``_fetch`` covers them.
    """
    if url.get_backend_name() != "postgresql" or url.get_driver_name() not in _POSTGRES_DRIVERS:
        return {}
    written = url.query.get("options")  # the URL's own server options are kept, ours added after them
    options = " ".join(part for part in (written if isinstance(written, str) else "", f"-c statement_timeout={source.query_timeout * 1000}") if part)
    return {"connect_timeout": source.connect_timeout, "options": options}


def _engine(source: TaxonomyEntry, url: str, entry: _Entry) -> Any:
    """A SQLAlchemy engine for ``url``, or a finding saying why there is none (never the URL: it holds a password)."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError
    from sqlalchemy.pool import NullPool

    variable = source.url_env
    try:
        parsed = make_url(url)
        return create_engine(parsed, poolclass=NullPool, connect_args=_time_limits(source, parsed))
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
    except ValueError:  # what SQLAlchemy raises for a port that is not a number
        return entry.finding("url_env", f"the value of {variable} is not a usable SQLAlchemy URL (is its port a number?) (e.g. {URL_EXAMPLE})")


class _Query:
    """Connect, then run the query verbatim on the driver's own cursor, noting how far it got.

    No parameters are bound, so the SQL reaches the database exactly as written: a ``%`` in a
    LIKE pattern or a ``:`` in a cast means what it means to that database.
    """

    def __init__(self, source: TaxonomyEntry, engine: Any, entry: _Entry) -> None:
        self.source, self.engine, self.entry = source, engine, entry
        self.connected = False
        self.outcome: tuple[list[str], list[Any]] | Finding | BaseException | None = None

    def run(self) -> None:
        try:
            self.outcome = self._rows()
        except BaseException as problem:  # handed to the waiting thread, which raises it there
            self.outcome = problem
        finally:
            self.engine.dispose()

    def _rows(self) -> tuple[list[str], list[Any]] | Finding:
        from sqlalchemy.exc import SQLAlchemyError

        source = self.source
        try:
            connection = self.engine.connect()
        except SQLAlchemyError as problem:
            return self.entry.finding(
                "url_env",
                f"cannot connect to the database of source '{source.id}' (URL from {source.url_env}): {_driver_message(problem)}; "
                f"no KPI table is built until it answers (connect_timeout: {source.connect_timeout} s)",
            )
        self.connected = True
        with connection:
            cursor = connection.connection.cursor()
            try:
                cursor.execute(source.query or "")
                header = [str(column[0]) for column in cursor.description or ()]
                rows = cursor.fetchall()
            except Exception as problem:  # each driver has its own error classes (DB-API's Error)
                return self.entry.finding(
                    "query", f"the query of source '{source.id}' failed: {_driver_message(problem)} (query_timeout: {source.query_timeout} s)",
                )
            finally:
                cursor.close()
        return header, rows


def _fetch(source: TaxonomyEntry, url: str, entry: _Entry) -> tuple[list[str], list[Any]] | Finding:
    """The query's header and rows, within the source's time limits whatever the driver does.

    The work runs in a daemon thread that the build waits for until both limits (plus a grace)
    have passed: a server that accepts the connection and never answers, or a driver that
    ignores its options, then gives a located error instead of a build that never ends.
    """
    engine = _engine(source, url, entry)
    if isinstance(engine, Finding):
        return engine
    query = _Query(source, engine, entry)
    worker = threading.Thread(target=query.run, name=f"journeybook-sql-{source.id}", daemon=True)
    worker.start()
    worker.join(source.connect_timeout + source.query_timeout + DEADLINE_GRACE)
    if worker.is_alive():
        key, what, limit = (
            ("query", "query_timeout", source.query_timeout) if query.connected else ("url_env", "connect_timeout", source.connect_timeout)
        )
        step = "did not return its rows" if query.connected else "did not accept the connection"
        return entry.finding(
            key,
            f"the database of source '{source.id}' {step} in time ({what}: {limit} s, set on the source in {entry.file}); "
            "check that the server answers, or raise the limit",
        )
    if isinstance(query.outcome, BaseException):
        raise query.outcome
    assert query.outcome is not None
    return query.outcome


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
