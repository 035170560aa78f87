"""Bad measurement data, as a CX owner meets it in ``journeybook check`` and in a strict build.

Every defect names the file, the row (its line in a CSV, its row in Excel, its position in a
Parquet file) and the column, with the exact message. pandas never gets to guess: "NA" is not
missing, one bad date does not turn the other dates of the file into text, and no ``NaN``
reaches a table.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import journeybook, mkdocs_build
from openpyxl import Workbook

HEADER = "journey,kpi,date,value,segment\n"
OK = "mortgage-application,time-to-offer,2020-01-01,20,\n"  # a valid row, years before the example data
DATE_RULE = "(allowed: an existing day written YYYY-MM-DD, e.g. 2026-01-31)"
NUMBER_RULE = "(allowed: digits with an optional leading '-' or '+' and a '.' for decimals, e.g. 1234.5; no thousands separators, units, '%' or words)"
COLUMNS_RULE = "(a measurement table has the columns journey, kpi, date, value and, optionally, segment)"
F = "data/kpis/extra.csv"


def check(project: Path, *args: str) -> tuple[int, list[str]]:
    result = journeybook("check", *args, cwd=project)
    return result.code, [line for line in result.stdout.splitlines() if line.startswith(("error:", "warning:"))]


CSV_CASES = {
    "US date": (HEADER + OK + "mortgage-application,time-to-offer,01/02/2020,20,\n",
                [f"error: {F}:3: date: '01/02/2020' is not an ISO date {DATE_RULE}"]),
    "impossible date": (HEADER + OK + "mortgage-application,time-to-offer,2020-02-30,20,\n",
                        [f"error: {F}:3: date: '2020-02-30' is not an ISO date {DATE_RULE}"]),
    "date with time": (HEADER + "mortgage-application,time-to-offer,2020-02-01T10:00,20,\n",
                       [f"error: {F}:2: date: '2020-02-01T10:00' is not an ISO date {DATE_RULE}"]),
    "thousands separator": (HEADER + 'mortgage-application,time-to-offer,2020-02-01,"1,234",\n',
                            [f"error: {F}:2: value: '1,234' is not a plain number {NUMBER_RULE}"]),
    "percent sign": (HEADER + "mortgage-application,time-to-offer,2020-02-01,4.5%,\n",
                     [f"error: {F}:2: value: '4.5%' is not a plain number {NUMBER_RULE}"]),
    "n/a": (HEADER + "mortgage-application,time-to-offer,2020-02-01,n/a,\n",
            [f"error: {F}:2: value: 'n/a' is not a plain number {NUMBER_RULE}"]),
    "NA is text, not missing": (HEADER + "mortgage-application,time-to-offer,2020-02-01,NA,\n",
                                [f"error: {F}:2: value: 'NA' is not a plain number {NUMBER_RULE}"]),
    "NaN": (HEADER + "mortgage-application,time-to-offer,2020-02-01,NaN,\n",
            [f"error: {F}:2: value: 'NaN' is not a plain number {NUMBER_RULE}"]),
    "empty value": (HEADER + "mortgage-application,time-to-offer,2020-02-01,,\n",
                    [f"error: {F}:2: value: is empty; every row needs journey, kpi, date and value"]),
    "missing column": ("journey,kpi,date\nmortgage-application,time-to-offer,2020-02-01\n",
                       [f"error: {F}:1: value: missing column 'value' {COLUMNS_RULE}"]),
    "duplicated column": ("journey,kpi,date,value,value\nmortgage-application,time-to-offer,2020-02-01,1,2\n",
                          [f"error: {F}:1: value: column 'value' appears twice (columns 4 and 5); keep one"]),
    "misspelt column": ("journey,kpi,date,value,segmnet\nmortgage-application,time-to-offer,2020-02-01,1,\n",
                        [f"error: {F}:1: segmnet: unknown column 'segmnet' (allowed: journey, kpi, date, value, segment; did you mean 'segment'?)"]),
    "too many fields": (HEADER + OK + "mortgage-application,time-to-offer,2020-02-01,1,234,web\n",
                        [f"error: {F}:3: the row has 6 fields but the header has 5; quote values that contain commas"]),
    "duplicate row": (HEADER + OK + "mortgage-application,time-to-offer,2020-02-01,21,web\n" + OK.replace("20,", "22,"),
                      [f"error: {F}:4: date: duplicate measurement of journey 'mortgage-application', kpi 'time-to-offer' on 2020-01-01 "
                       f"(overall); also at {F}:2; keep one row per journey, kpi, date and segment"]),
    "line numbers count quoted newlines": (HEADER + 'mortgage-application,time-to-offer,2020-02-01,1,"two\nlines"\n' + OK.replace("20,", "x,"),
                                           [f"error: {F}:4: value: 'x' is not a plain number {NUMBER_RULE}"]),
    "empty file": ("", [f"error: {F}:1: the file is empty; it needs a header row {COLUMNS_RULE}"]),
}


@pytest.mark.parametrize("case", sorted(CSV_CASES))
def test_bad_csv_is_an_error_naming_file_row_and_column(project: Path, case: str) -> None:
    text, expected = CSV_CASES[case]
    (project / F).write_text(text, encoding="utf-8")
    code, lines = check(project)
    assert (code, lines) == (1, expected)


def test_one_bad_date_does_not_spoil_the_others(project: Path) -> None:
    rows = "".join(f"mortgage-application,time-to-offer,2020-{m:02d}-01,{m},\n" for m in range(1, 13))
    (project / F).write_text(HEADER + rows.replace("2020-05-01", "May 2020"), encoding="utf-8")
    code, lines = check(project)
    assert (code, lines) == (1, [f"error: {F}:6: date: 'May 2020' is not an ISO date {DATE_RULE}"])


def test_many_bad_rows_are_summed_up(project: Path) -> None:
    rows = "".join(f"mortgage-application,time-to-offer,2020-01-{d:02d},{d}%,\n" for d in range(1, 26))
    (project / F).write_text(HEADER + rows, encoding="utf-8")
    code, lines = check(project)
    assert code == 1 and len(lines) == 11
    assert lines[-1] == f"error: {F}:12: value: 15 more rows have the same problem"


def test_not_utf8_is_an_error(project: Path) -> None:
    (project / F).write_bytes((HEADER + "mortgage-application,time-to-offer,2020-01-01,20,Espa\xf1a\n").encode("latin-1"))
    assert check(project) == (1, [f"error: {F}: is not UTF-8 text (byte 0xf1 at offset 84); save it as 'CSV UTF-8'"])


def test_unknown_journey_and_kpi_rows_are_warnings(project: Path) -> None:
    (project / F).write_text(
        HEADER + "mortgage-aplication,time-to-offer,2020-01-01,1,\nmortgage-aplication,time-to-offer,2020-02-01,1,\n"
        "mortgage-application,time-to-ofer,2020-01-01,1,\n", encoding="utf-8",
    )
    code, lines = check(project)
    assert code == 0
    assert lines == [
        f"warning: {F}:2: journey: 2 rows for unknown journey 'mortgage-aplication' ignored (allowed: add-newborn-to-plan, business-onboarding, "
        "internet-outage-restoration, mortgage-application, renovacion-contrato-movil; did you mean 'mortgage-application'?)",
        f"warning: {F}:4: kpi: 1 row for unknown KPI 'time-to-ofer' of journey 'mortgage-application' ignored (allowed: application-abandonment, "
        "time-to-offer, nps-after-completion, cost-to-originate, first-payment-success; did you mean 'time-to-offer'?)",
    ]
    assert check(project, "--strict")[0] == 1


def test_checking_one_playbook_does_not_call_the_others_unknown(project: Path) -> None:
    code, lines = check(project, "content/journeys/mortgage-application.md")
    assert (code, lines) == (0, [])


def test_xlsx_rows_are_named_by_their_sheet_row(project: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["journey", "kpi", "date", "value", "segment"])
    sheet.append(["mortgage-application", "time-to-offer", datetime(2020, 1, 1), 20, None])
    sheet.append(["mortgage-application", "time-to-offer", date(2020, 2, 1), "20 days", None])
    sheet.append(["mortgage-application", "time-to-offer", datetime(2020, 3, 1, 9, 30), 19.5, None])
    book.save(project / "data/kpis/extra.xlsx")
    code, lines = check(project)
    assert (code, lines) == (1, [
        f"error: data/kpis/extra.xlsx:3: value: '20 days' is not a plain number {NUMBER_RULE}",
        f"error: data/kpis/extra.xlsx:4: date: '2020-03-01 09:30:00' is not an ISO date {DATE_RULE}",
    ])


def test_parquet_rows_are_named_by_their_position(project: Path) -> None:
    table = pa.table({
        "journey": ["mortgage-application"] * 3, "kpi": ["time-to-offer"] * 3,
        "date": [date(2020, 1, 1), date(2020, 2, 1), None], "value": [20.0, float("nan"), 19.0], "segment": [None, None, None],
    })
    pq.write_table(table, project / "data/kpis/extra.parquet")
    code, lines = check(project)
    assert (code, lines) == (1, [
        "error: data/kpis/extra.parquet: row 3: date: is empty; every row needs journey, kpi, date and value",
        "error: data/kpis/extra.parquet: row 2: value: 'nan' is not a plain number " + NUMBER_RULE,
    ])


def test_valid_parquet_and_xlsx_feed_the_kpi_table(project: Path) -> None:
    """Typed cells (dates, floats) are read exactly as a CSV writes them; a clean check proves it."""
    pq.write_table(pa.table({
        "journey": ["mortgage-application"], "kpi": ["time-to-offer"], "date": [datetime(2020, 1, 1)], "value": [0.1 + 0.2],
    }), project / "data/kpis/extra.parquet")
    assert check(project) == (0, [])


def test_missing_and_stale_measurements_are_warnings(project: Path) -> None:
    source = project / "data/kpis/mortgage-application.csv"
    rows = source.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [r for r in rows if ",time-to-offer," not in r and not (",nps-after-completion," in r and "2026-" in r)]
    source.write_text("".join(kept), encoding="utf-8")
    code, lines = check(project)
    assert code == 0
    assert lines == [
        "warning: content/journeys/mortgage-application.md:235:9: kpis[1]: KPI 'time-to-offer' has no measurements "
        "(no row in data/kpis/ with journey 'mortgage-application' and kpi 'time-to-offer')",
        "warning: content/journeys/mortgage-application.md:243:9: kpis[2]: the latest measurement of KPI 'nps-after-completion' is from "
        "2025-12-01, older than 62 days (stale_measurement_days in site_config/settings.yml); add newer rows to data/kpis/",
    ]


def test_a_strict_build_fails_on_bad_data_and_publishes_nothing(project: Path) -> None:
    (project / F).write_text(HEADER + "mortgage-application,time-to-offer,2020-02-01,4.5%,\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 1
    assert f"{F}:2: value: '4.5%' is not a plain number" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site" / "index.html").exists()
