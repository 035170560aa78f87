"""A SQL data source end to end: a real PostgreSQL server, a real ``mkdocs build --strict``.

One KPI of the mortgage playbook (NPS after completion) is pointed at a ``warehouse`` source
whose URL comes from an environment variable; its rows live in a PostgreSQL table. The build
must show them in the playbook's KPI table, query the server exactly once, and fail with a
clear, located error (and no site) when the server is down, the query returns other columns
or the variable is not set.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from bs4 import BeautifulSoup
from conftest import Result, copy_project, journeybook, run
from journeybook.findings import Findings
from journeybook.measurements import sql
from journeybook.model.site_data import load_site_data
from journeybook.read.layout import Layout
from pg_support import Server, free_port, postgres_bin, postgres_server

VARIABLE = "JB_TEST_WAREHOUSE_URL"
QUERY = (
    "WITH hit AS (SELECT nextval('warehouse_queries')) "
    "SELECT journey, kpi, date, value, segment FROM kpi_measurements CROSS JOIN hit WHERE value::text NOT LIKE '%.999'"
)
SOURCE = f"""
- id: warehouse
  name: Customer data warehouse
  description: Monthly KPI values from the analytics team.
  kind: sql
  url_env: {VARIABLE}
  query: "{{query}}"
"""
WHERE = "site_config/data-sources.yml:{line}: [1].{key}"


def sql_project(root: Path, query: str = QUERY) -> Path:
    """The example project with its NPS KPI read from the warehouse instead of the CSV."""
    project = copy_project(root / "project")
    sources = project / "site_config/data-sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + SOURCE.format(query=query), encoding="utf-8")
    playbook = project / "content/journeys/mortgage-application.md"
    text = playbook.read_text(encoding="utf-8")
    assert "target: 40\n    source: files\n" in text
    playbook.write_text(text.replace("target: 40\n    source: files\n", "target: 40\n    source: warehouse\n"), encoding="utf-8")
    csv = project / "data/kpis/mortgage-application.csv"
    csv.write_text("".join(r for r in csv.read_text(encoding="utf-8").splitlines(keepends=True) if ",nps-after-completion," not in r), encoding="utf-8")
    return project


def source_line(project: Path, key: str) -> int:
    lines = (project / "site_config/data-sources.yml").read_text(encoding="utf-8").splitlines()
    return max(number for number, line in enumerate(lines, start=1) if line.strip().startswith(f"{key}:"))


def build(project: Path, url: str | None) -> Result:
    env = {VARIABLE: url} if url is not None else {}
    return run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env)


def failed_build(tmp_path: Path, url: str | None, key: str, query: str = QUERY) -> str:
    """Build with a broken source; the build must fail, publish nothing and locate the error.

    Returns the output with the location of ``key`` (url_env or query) replaced by ``@``.
    """
    project = sql_project(tmp_path, query)
    result = build(project, url)
    assert result.code == 1
    assert "Traceback" not in result.output
    assert not (project / "site").exists()
    return result.output.replace(WHERE.format(line=source_line(project, key), key=key), "@")


def test_a_missing_variable_is_an_error_naming_it(tmp_path: Path) -> None:
    assert (
        f"@: environment variable {VARIABLE} is not set; set it on the build machine to the SQLAlchemy URL of source "
        "'warehouse' (e.g. postgresql+psycopg://user:password@host:5432/database), never in the repository"
    ) in failed_build(tmp_path, None, "url_env")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    binaries = postgres_bin()
    if binaries is None:
        pytest.fail("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb); `make test` installs Debian's postgresql")
    with postgres_server(binaries) as running:
        running.execute(
            "CREATE TABLE kpi_measurements (journey text, kpi text, date date, value numeric, segment text)",
            "INSERT INTO kpi_measurements SELECT 'mortgage-application', 'nps-after-completion', d::date, 30 + extract(month from d), NULL "
            "FROM generate_series('2026-01-01'::date, '2026-11-01'::date, '1 month') AS d",
            "INSERT INTO kpi_measurements VALUES ('mortgage-application', 'nps-after-completion', '2026-11-01', 35.5, 'branch'),"
            " ('mortgage-application', 'nps-after-completion', '2026-10-01', 37, 'branch')",
        )
        yield running


@pytest.mark.postgres
def test_the_kpi_table_shows_rows_from_postgresql_queried_once(server: Server, tmp_path: Path) -> None:
    server.execute("DROP SEQUENCE IF EXISTS warehouse_queries", "CREATE SEQUENCE warehouse_queries")
    project = sql_project(tmp_path)
    result = build(project, server.url)
    assert result.code == 0, result.output
    page = BeautifulSoup((project / "site/journeys/mortgage-application/index.html").read_text(encoding="utf-8"), "html.parser")
    row = page.select_one("table.jb-kpis tr#kpi-nps-after-completion")
    assert row is not None
    cells = [" ".join(c.get_text(" ").split()) for c in row.find_all(["th", "td"])]
    assert cells[3] == "41 pts Nov 1, 2026"  # 30 + 11 (November)
    assert cells[4].startswith("↑ +1 pts") and "better" in cells[4]
    assert cells[5] == "On track"
    segment = row.find_next_sibling("tr")
    assert segment is not None and "jb-kpi-segment" in segment["class"]
    assert " ".join(segment.get_text(" ").split()) == "Segment: branch 35.5 pts Nov 1, 2026 ↓ -1.5 pts (worse) Off track"
    assert server.execute("SELECT last_value, is_called FROM warehouse_queries") == [(1, True)]


@pytest.mark.postgres
def test_a_server_that_is_down_stops_the_build_with_a_clear_error(tmp_path: Path, server: Server) -> None:
    output = failed_build(tmp_path, f"postgresql+psycopg://journeybook@127.0.0.1:{free_port()}/postgres", "url_env")
    assert f"@: cannot connect to the database of source 'warehouse' (URL from {VARIABLE}): " in output
    assert "no KPI table is built until it answers" in output


@pytest.mark.postgres
def test_a_query_returning_other_columns_is_an_error(tmp_path: Path, server: Server) -> None:
    query = "SELECT journey, kpi, date AS day, value AS amount FROM kpi_measurements"
    assert (
        "@: the query of source 'warehouse' returns the columns journey, kpi, day, amount; it must return journey, kpi, date, "
        "value and, optionally, segment (missing: date, value; not allowed: day, amount); rename them with AS in the query"
    ) in failed_build(tmp_path, server.url, "query", query)


@pytest.mark.postgres
def test_a_failing_query_is_an_error_with_the_database_message(tmp_path: Path, server: Server) -> None:
    query = "SELECT journey, kpi, date, value, segment FROM no_such_table"
    assert """@: the query of source 'warehouse' failed: relation "no_such_table" does not exist""" in failed_build(tmp_path, server.url, "query", query)


def limited(project: Path, connect: int = 1, query: int = 1) -> Path:
    """The warehouse source (the last entry of data-sources.yml) with short time limits."""
    sources = project / "site_config/data-sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + f"  connect_timeout: {connect}\n  query_timeout: {query}\n", encoding="utf-8")
    return project


@contextmanager
def silent_server() -> Iterator[int]:
    """A local server that accepts every connection and never says a word; yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        listener.close()
        for connection in accepted:
            connection.close()


def test_a_server_that_accepts_and_never_answers_is_a_located_error(tmp_path: Path) -> None:
    project = limited(sql_project(tmp_path))
    with silent_server() as port:
        result = journeybook("check", cwd=project, env={VARIABLE: f"postgresql+psycopg://journeybook@127.0.0.1:{port}/postgres"})
    assert result.code == 1, result.output
    where = WHERE.format(line=source_line(project, "url_env"), key="url_env")
    assert (
        f"error: {where}: cannot connect to the database of source 'warehouse' (URL from {VARIABLE}): "
        "connection timeout expired; no KPI table is built until it answers (connect_timeout: 1 s)"
    ) in result.stdout.splitlines()


def test_the_deadline_holds_for_a_driver_that_ignores_the_time_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the driver's own options, the wait for the worker thread still ends the run."""
    project = limited(sql_project(tmp_path))
    monkeypatch.setattr(sql, "_time_limits", lambda source, url: {})
    monkeypatch.setattr(sql, "DEADLINE_GRACE", 0)
    layout = Layout.at(project)
    findings = Findings()
    site = load_site_data(layout, findings)
    with silent_server() as port:
        monkeypatch.setenv(VARIABLE, f"postgresql+psycopg://journeybook@127.0.0.1:{port}/postgres")
        assert sql.read_sql_source(site.sources["warehouse"], layout, findings) is None
    assert [str(f) for f in findings.items] == [
        f"site_config/data-sources.yml:{source_line(project, 'url_env')}: [1].url_env: the database of source 'warehouse' did not "
        "accept the connection in time (connect_timeout: 1 s, set on the source in site_config/data-sources.yml); "
        "check that the server answers, or raise the limit"
    ]


def test_a_port_that_is_not_a_number_is_a_located_error(tmp_path: Path) -> None:
    project = sql_project(tmp_path)
    result = journeybook("check", cwd=project, env={VARIABLE: "postgresql+psycopg://journeybook:secret@127.0.0.1:fivefour/postgres"})
    assert result.code == 1, result.output
    where = WHERE.format(line=source_line(project, "url_env"), key="url_env")
    assert (
        f"error: {where}: the value of {VARIABLE} is not a usable SQLAlchemy URL (is its port a number?) "
        "(e.g. postgresql+psycopg://user:password@host:5432/database)"
    ) in result.stdout.splitlines()
    assert "secret" not in result.output and "fivefour" not in result.output


@pytest.mark.postgres
def test_a_query_slower_than_its_limit_is_cancelled_with_a_located_error(tmp_path: Path, server: Server) -> None:
    project = limited(sql_project(tmp_path, "SELECT journey, kpi, date, value, segment FROM kpi_measurements, pg_sleep(30)"))
    result = journeybook("check", cwd=project, env={VARIABLE: server.url})
    assert result.code == 1, result.output
    where = WHERE.format(line=source_line(project, "query"), key="query")
    assert (
        f"error: {where}: the query of source 'warehouse' failed: canceling statement due to statement timeout (query_timeout: 1 s)"
    ) in result.stdout.splitlines()
    assert server.execute("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()") == [(0,)]
