"""`journeybook check`: the pull-request gate, as a CX owner and CI see it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import journeybook

MORTGAGE = Path("content/journeys/mortgage-application.md")


def _edit(project: Path, old: str, new: str, path: Path = MORTGAGE) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(project: Path, needle: str, path: Path = MORTGAGE) -> int:
    lines = (project / path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_shipped_content_is_clean(project: Path) -> None:
    result = journeybook("check", "--strict", cwd=project)
    assert result.code == 0, result.output
    assert "no problems" in result.stderr


def test_all_errors_are_reported_together_with_file_line_field_and_suggestion(project: Path) -> None:
    _edit(project, "kind: owned", "kind: onwed")
    _edit(project, "lifecycle: active", "lifecycle: actve")
    result = journeybook("check", cwd=project)
    assert result.code == 1
    kind_line = _line_of(project, "kind: onwed")
    assert re.search(
        rf"^error: content/journeys/mortgage-application\.md:{kind_line}:\d+: stages\[\d\]\.touchpoints\[\d\]\.kind: "
        r"'onwed' is not allowed \(allowed: owned, paid, earned; did you mean 'owned'\?\)$",
        result.stdout, re.M,
    ), result.stdout
    life_line = _line_of(project, "lifecycle: actve")
    assert f"content/journeys/mortgage-application.md:{life_line}:12: lifecycle: 'actve' is not allowed (allowed: draft, active, retired; did you mean 'active'?)" in result.stdout
    assert "2 errors, 0 warnings" in result.stdout
    assert "Traceback" not in result.output


def test_unknown_reference_names_the_closest_team(project: Path) -> None:
    text = (project / MORTGAGE).read_text(encoding="utf-8")
    owner = re.search(r"^owner: (\S+)", text, re.M).group(1)  # type: ignore[union-attr]
    _edit(project, f"\nowner: {owner}", f"\nowner: {owner[:-1]}")
    result = journeybook("check", str(MORTGAGE), cwd=project)
    assert result.code == 1
    assert f"owner: unknown team '{owner[:-1]}' (allowed: " in result.stdout
    assert f"did you mean '{owner}'?)" in result.stdout


def test_warnings_pass_unless_strict(project: Path) -> None:
    _edit(project, "last_reviewed: ", "last_reviewed: 2020-01-01\n# was: ")
    relaxed = journeybook("check", cwd=project)
    strict = journeybook("check", "--strict", cwd=project)
    assert relaxed.code == 0, relaxed.output
    assert "warning: content/journeys/mortgage-application.md:" in relaxed.stdout
    assert "review overdue: last reviewed 2020-01-01" in relaxed.stdout
    assert strict.code == 1


def test_github_format_annotates_the_right_file_and_line(project: Path) -> None:
    _edit(project, "kind: owned", "kind: onwed")
    result = journeybook("check", "--format", "github", cwd=project)
    line = _line_of(project, "kind: onwed")
    assert result.code == 1
    assert re.search(rf"^::error file=content/journeys/mortgage-application\.md,line={line},col=\d+,title=Journeybook schema::stages\[", result.stdout, re.M), result.stdout


def test_json_format_is_machine_readable(project: Path) -> None:
    _edit(project, "kind: owned", "kind: onwed")
    findings = json.loads(journeybook("check", "--format", "json", cwd=project).stdout)["findings"]
    assert [(f["severity"], f["rule"], f["field"].endswith(".kind")) for f in findings] == [("error", "schema", True)]


def test_usage_errors_exit_2(project: Path) -> None:
    assert journeybook("check", "content/journeys/nope.md", cwd=project).code == 2
    assert journeybook("check", "--format", "xml", cwd=project).code == 2
    outside = journeybook("check", cwd=project.parent)
    assert outside.code == 2 and "no mkdocs.yml found" in outside.stderr


def test_broken_yaml_is_an_error_not_missing_metadata(project: Path) -> None:
    _edit(project, "title: ", 'title: "unclosed\n# ')
    result = journeybook("check", cwd=project)
    assert result.code == 1
    assert "content/journeys/mortgage-application.md:" in result.stdout and "YAML syntax error" in result.stdout


def test_featured_journeys_must_exist(project: Path) -> None:
    settings = project / "site_config" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("featured_journeys: []", "featured_journeys: [mortgage-aplication]"), encoding="utf-8")
    result = journeybook("check", cwd=project)
    assert result.code == 1
    assert "site_config/settings.yml:" in result.stdout
    assert "featured_journeys[0]: unknown journey 'mortgage-aplication' (allowed: " in result.stdout
    assert "did you mean 'mortgage-application'?)" in result.stdout


def test_unreadable_files_are_located_errors_not_tracebacks(project: Path) -> None:
    """A playbook or measurement file that cannot be read (here: links to nothing) is an error."""
    (project / "content/journeys/gone.md").symlink_to(project / "nowhere.md")
    (project / "data/kpis/gone.csv").symlink_to(project / "nowhere.csv")
    result = journeybook("check", cwd=project)
    assert result.code == 1 and "Traceback" not in result.output and "internal error" not in result.output
    link = "the file cannot be read (No such file or directory); it is a link to a file that does not exist"
    assert f"content/journeys/gone.md:1:1: {link}" in result.output
    assert f"data/kpis/gone.csv: {link}" in result.output


def test_measurement_files_with_only_a_header_leave_every_kpi_without_data(project: Path) -> None:
    for path in (project / "data/kpis").glob("*.csv"):
        path.write_text("journey,kpi,date,value,segment\n", encoding="utf-8")
    result = journeybook("check", cwd=project)
    assert result.code == 0 and "Traceback" not in result.output and "internal error" not in result.output
    assert "kpis[0]: KPI 'application-abandonment' has no measurements" in result.output


def _check_into_closed_pipe(project: Path, *args: str) -> tuple[int, str]:
    """``journeybook check | head`` when ``head`` has already gone: stdout is a pipe nobody reads."""
    import os
    import subprocess
    import sys

    from conftest import TODAY

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "journeybook.cli.main", "check", *args], cwd=project, stdout=write_end,
            stderr=subprocess.PIPE, text=True, env={**os.environ, "JOURNEYBOOK_TODAY": TODAY}, timeout=300,
        )
    finally:
        os.close(write_end)
    return done.returncode, done.stderr


def test_a_reader_that_closes_the_pipe_ends_check_quietly_with_its_usual_exit_code(project: Path) -> None:
    code, stderr = _check_into_closed_pipe(project, "--format", "json")
    assert (code, stderr) == (0, "")
    _edit(project, "lifecycle: active", "lifecycle: actve")
    code, stderr = _check_into_closed_pipe(project)
    assert (code, stderr) == (1, "")


def test_a_language_written_as_a_word_is_told_the_label_sets_there_are(project: Path) -> None:
    (project / "site_config/labels").mkdir(parents=True, exist_ok=True)
    (project / "site_config/labels/pt-BR.yml").write_text("{}\n", encoding="utf-8")  # a set the site adds
    _edit(project, "lifecycle: active", "language: spanish\nlifecycle: active")
    result = journeybook("check", cwd=project)
    assert result.code == 1
    line = _line_of(project, "language: spanish")
    assert (f"error: content/journeys/mortgage-application.md:{line}:11: language: unknown language 'spanish': write the name of "
            "one of the site's label sets, the files in site_config/labels/ (allowed: en, es, pt-BR; did you mean 'es'?)") in result.stdout
    assert "valid id" not in result.output


def test_measurement_files_not_read_are_named_with_the_formats_that_are(project: Path, tmp_path: Path) -> None:
    (project / "data/kpis/old-export.xls").write_bytes(b"\xd0\xcf\x11\xe0 an Excel 97-2003 workbook")
    (project / "data/kpis/README.md").write_text("Notes beside the data are left alone.\n", encoding="utf-8")
    result = journeybook("check", cwd=project)
    assert result.code == 0, result.output  # a warning: the site still publishes, without that file's rows
    assert result.stdout.splitlines()[:-1] == [
        "warning: data/kpis/old-export.xls: this file was not read: measurements are read from CSV (.csv), Excel workbooks (.xlsx) "
        "and Parquet (.parquet) only; save it from Excel as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'"
    ]
    assert journeybook("check", "--strict", cwd=project).code == 1


def test_a_linked_folder_of_measurements_is_reported_like_a_linked_file(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "more.csv").write_text("journey,kpi,date,value\nmortgage-application,nps,2026-11-02,5\n", encoding="utf-8")
    (project / "data/kpis/linked").symlink_to(outside, target_is_directory=True)
    result = journeybook("check", cwd=project)
    assert result.code == 1
    assert result.stdout.splitlines()[:-1] == [
        f"error: data/kpis/linked: the folder is a link to {outside}, outside the project; it was not read; "
        "commit the file itself instead of a link"
    ]
