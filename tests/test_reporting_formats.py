"""The formats of ``journeybook check``: GitHub annotations, GitLab Code Quality, JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO, journeybook
from journeybook.cli.reporting import FORMATS, as_github, as_gitlab, as_json, as_text
from journeybook.findings import Finding, Severity

TRICKY = Finding(
    file="content/journeys/a,b:c.md", line=14, column=9, field="stages[1].name",
    message="100% wrong\nsecond line\r\nthird", rule="schema",
)
WARNING = Finding("data/owners.yml", None, None, "", "review overdue", rule="review-overdue", severity=Severity.WARNING)


def test_github_annotation_points_at_file_line_and_column() -> None:
    line = as_github([TRICKY])
    assert line == (
        "::error file=content/journeys/a%2Cb%3Ac.md,line=14,col=9,title=Journeybook schema"
        "::stages[1].name: 100%25 wrong\\nsecond line\\r\\nthird"
    )


def test_github_annotation_without_position_or_field_is_a_file_level_warning() -> None:
    assert as_github([WARNING]) == "::warning file=data/owners.yml,title=Journeybook review-overdue::review overdue"


def test_gitlab_code_quality_report_shape() -> None:
    report = json.loads(as_gitlab([TRICKY, WARNING]))
    assert isinstance(report, list) and len(report) == 2
    first, second = report
    assert set(first) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert first["description"] == "stages[1].name: 100% wrong\\nsecond line\\r\\nthird"
    assert first["check_name"] == "journeybook/schema"
    assert first["severity"] == "major" and second["severity"] == "minor"
    assert first["location"] == {"path": "content/journeys/a,b:c.md", "lines": {"begin": 14}}
    assert second["location"] == {"path": "data/owners.yml", "lines": {"begin": 1}}
    assert len(first["fingerprint"]) == 64 and first["fingerprint"] != second["fingerprint"]
    assert json.loads(as_gitlab([TRICKY]))[0]["fingerprint"] == first["fingerprint"], "a fingerprint must be stable between runs"


def test_the_same_message_at_two_places_has_two_gitlab_fingerprints() -> None:
    twins = [Finding("data/kpis/a.csv", line, column, field, "'x' is not a plain number", rule="measurements")
             for line, column, field in ((3, None, "value"), (4, None, "value"), (4, 2, "value"), (4, 2, "date"))]
    twins.append(Finding("data/kpis/b.csv", 3, None, "value", "'x' is not a plain number", rule="measurements"))
    assert len({issue["fingerprint"] for issue in json.loads(as_gitlab(twins))}) == 5


def test_control_characters_in_quoted_values_are_escaped_in_every_format() -> None:
    """One place (the finding) escapes them, so no format can print a forged line or a terminal escape."""
    forged = Finding("data/kpis/a\nb.csv", 3, None, "value\x1b[2J", "'5\n::error file=x::injected\u2028\x1b[31m' is wrong", rule="measurements")
    shown = "'5\\n::error file=x::injected\\u2028\\x1b[31m' is wrong"
    assert str(forged) == f"data/kpis/a\\nb.csv:3: value\\x1b[2J: {shown}"
    for render in FORMATS.values():
        output = render([forged])
        assert not any(line.lstrip().startswith("::error file=x") for line in output.splitlines()), output
        assert not any(char in output for char in "\x1b\u2028\r"), output
    assert json.loads(as_json([forged]))["findings"][0]["message"] == shown
    assert as_text([forged]).splitlines()[0] == f"error: {forged}"


def test_json_report_keeps_every_field() -> None:
    record = json.loads(as_json([TRICKY]))["findings"][0]
    assert record == {
        "file": "content/journeys/a,b:c.md", "line": 14, "column": 9, "field": "stages[1].name",
        "message": "100% wrong\\nsecond line\\r\\nthird", "rule": "schema", "severity": "error",
        "text": "content/journeys/a,b:c.md:14:9: stages[1].name: 100% wrong\\nsecond line\\r\\nthird",
    }


def _broken_project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(REPO / "site_config", root / "site_config")
    (root / "mkdocs.yml").write_text("site_name: P\ndocs_dir: content\n", encoding="utf-8")
    (root / "data").mkdir()
    (root / "data" / "owners.yml").write_text("teams:\n  - {id: cx, name: CX, lead: Ana, contact: cx@example.com}\n", encoding="utf-8")
    (root / "content" / "personas").mkdir(parents=True)
    (root / "content" / "personas" / "buyer.md").write_text("---\ntitle: Buyer\n---\n", encoding="utf-8")
    (root / "content" / "journeys").mkdir()
    (root / "content" / "journeys" / "x.md").write_text(
        "---\ntitle: X\npersona: buyer\nowner: cx\nlast_reviewed: 2026-09-01\ngoals: {customer: a, business: b}\n"
        "stages:\n  - id: one\n    name: One\n    phase: before\n    emotion: 3\n"
        "    touchpoints:\n      - {name: Web, channel: web, kind: onwed}\n---\n",
        encoding="utf-8",
    )
    return root


def test_check_formats_from_the_command_line(tmp_path: Path) -> None:
    root = _broken_project(tmp_path)
    github = journeybook("check", "--format", "github", cwd=root)
    assert github.code == 1
    assert github.stdout.strip() == (
        "::error file=content/journeys/x.md,line=13,col=41,title=Journeybook schema::stages[0].touchpoints[0].kind: "
        "'onwed' is not allowed (allowed: owned, paid, earned; did you mean 'owned'?)"
    )
    gitlab = journeybook("check", "--format", "gitlab", cwd=root)
    assert gitlab.code == 1
    assert json.loads(gitlab.stdout)[0]["location"] == {"path": "content/journeys/x.md", "lines": {"begin": 13}}
    data = journeybook("check", "--format", "json", cwd=root)
    assert json.loads(data.stdout)["findings"][0]["field"] == "stages[0].touchpoints[0].kind"


def test_a_csv_cell_cannot_forge_a_workflow_command(project: Path) -> None:
    shutil.copy(REPO / "tests/broken/measurements-value-forged-log-line/data/kpis/extra.csv", project / "data/kpis/extra.csv")
    github = journeybook("check", "--format", "github", cwd=project)
    assert github.code == 1
    assert [line for line in github.output.splitlines() if "injected" in line] == [
        "::error file=data/kpis/extra.csv,line=3,title=Journeybook measurements::value: '5\\n::error file=x::injected' "
        "is not a plain number (allowed: digits with an optional leading '-' or '+' and a '.' for decimals, e.g. 1234.5; "
        "no thousands separators, units, '%25' or words)"
    ]
