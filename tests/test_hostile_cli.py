"""Hostile and careless input outside the playbooks: every case an exact message, never a crash.

Each of these once ended in "internal error" (with every other finding lost) or a traceback:
an environment variable that is not a date, dates at the end of the calendar, a path that is
not a playbook, a dangling link or a folder given to ``diff``, a broken ``mkdocs.yml``,
``new team`` on an empty flow list. The corpus (``tests/broken``) holds the cases that are
findings of one file; these need an argument, an environment or a second command.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import journeybook, mkdocs_build

NEWBORN = Path("content/journeys/add-newborn-to-plan.md")


def _edit(project: Path, path: Path, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_a_reference_date_that_is_not_a_date_names_the_variable(project: Path) -> None:
    result = journeybook("check", cwd=project, env={"JOURNEYBOOK_TODAY": "tomorrow"})
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "journeybook: error: environment variable JOURNEYBOOK_TODAY is 'tomorrow', which is not a date; "
        "write it YYYY-MM-DD (e.g. 2026-11-22), or unset it to judge dates as of today\n"
    )


def test_dates_at_the_end_of_the_calendar_are_valid_and_never_due(project: Path) -> None:
    _edit(project, NEWBORN, "last_reviewed: 2026-08-20", "last_reviewed: 9999-12-31")
    text = (project / NEWBORN).read_text(encoding="utf-8")
    (project / NEWBORN).write_text(text.replace("last_run: 2026-", "last_run: 9999-12-31\n    # was: 2026-"), encoding="utf-8")
    assert "last_run: 9999-12-31" in (project / NEWBORN).read_text(encoding="utf-8")
    result = journeybook("check", str(NEWBORN), cwd=project)
    assert result.code == 0, result.output  # a review dated in the future is a warning, and nothing overflows
    assert result.stdout == (
        f"warning: {NEWBORN}:9:16: last_reviewed: last reviewed on 9999-12-31, which is after today (2026-11-22); "
        "write the date the playbook was really reviewed\n0 errors, 1 warning\n"
    )
    late = journeybook("check", str(NEWBORN), cwd=project, env={"JOURNEYBOOK_TODAY": "9999-12-31"})
    assert late.code == 0, late.output
    warnings = late.stdout.splitlines()
    assert warnings[-1] == "0 errors, 6 warnings"
    assert all(w.startswith("warning: ") and "is from 2026-11-01, older than 62 days" in w for w in warnings[:-1]), late.stdout


def test_check_refuses_a_path_that_is_not_a_playbook(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# not a playbook\n", encoding="utf-8")
    result = journeybook("check", str(outside), cwd=project)
    assert result.code == 2
    assert result.stderr == (
        f"journeybook: error: {outside} is not a playbook or initiative; they are the .md files under content/journeys/ or content/initiatives/ (other than index.md)\n"
    )
    persona = journeybook("check", "content/personas/new-parent.md", cwd=project)
    assert persona.code == 2
    assert "content/personas/new-parent.md is not a playbook or initiative" in persona.stderr
    guides = journeybook("check", "content/guides", cwd=project)
    assert guides.code == 2
    assert guides.stderr.startswith("journeybook: error: content/guides holds no playbook or initiative;")


def test_check_given_the_content_folder_checks_its_playbooks_only(project: Path) -> None:
    result = journeybook("check", "content", cwd=project)
    assert result.code == 0, result.output
    assert result.stderr == "checked 5 playbooks, 6 initiatives: no problems\n"


def _committed(project: Path) -> Path:
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "base"]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)
    return project


def test_diff_names_a_dangling_link_as_unreadable(project: Path) -> None:
    _committed(project)
    (project / "content/journeys/dangling.md").symlink_to("missing.md")
    result = journeybook("diff", "HEAD", cwd=project)
    assert result.code == 0, result.output
    assert (
        "- `content/journeys/dangling.md` at `working tree`: line 1: the file cannot be read (No such file or directory); "
        "it is a link to a file that does not exist; remove the link or restore the file"
    ) in result.stdout


def test_diff_output_to_a_folder_is_a_usage_error(project: Path) -> None:
    _committed(project)
    result = journeybook("diff", "HEAD", "--output", "content", cwd=project)
    assert result.code == 2
    assert result.stderr == "journeybook: error: --output content: cannot write the diff there (Is a directory); give the path of a file\n"


def test_a_broken_mkdocs_yml_is_a_located_error(project: Path) -> None:
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").count("\n")
    config.write_text(config.read_text(encoding="utf-8") + "nav: [\n", encoding="utf-8")
    for command in ("check", "diff"):
        result = journeybook(command, *(["HEAD"] if command == "diff" else []), cwd=project)
        assert result.code == 1
        assert result.stderr == (
            f"journeybook: error: mkdocs.yml:{lines + 1}:6: YAML syntax error: "
            "the '[' list opened here is never closed with ']', or its items are not separated by ','\n"
        )


def test_a_mkdocs_yml_with_a_huge_number_or_a_bad_docs_dir_is_a_located_error(project: Path) -> None:
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original + "extra_number: " + "7" * 5000 + "\n", encoding="utf-8")
    result = journeybook("check", cwd=project)
    assert result.code == 1
    assert result.stderr.startswith("journeybook: error: mkdocs.yml: a value cannot be read (Exceeds the limit (4300 digits)")
    config.write_text(original.replace("docs_dir: content", "docs_dir: [content]"), encoding="utf-8")
    result = journeybook("check", cwd=project)
    assert result.code == 1
    assert result.stderr == "journeybook: error: mkdocs.yml: docs_dir: must be the name of a folder, such as 'content', not ['content']\n"


def test_new_team_on_an_empty_flow_list_writes_a_block_list(project: Path) -> None:
    (project / "data/owners.yml").write_text("# Teams\nteams: []  # none yet\n", encoding="utf-8")
    result = journeybook("new", "team", "--id", "billing", "--name", "Billing", "--lead", "Ana Ruiz", "--contact", "billing@example.com", cwd=project)
    assert result.code == 0, result.output
    assert (project / "data/owners.yml").read_text(encoding="utf-8") == (
        '# Teams\nteams:  # none yet\n  - id: billing\n    name: "Billing"\n    lead: "Ana Ruiz"\n    contact: "billing@example.com"\n'
    )


def test_new_team_on_a_flow_list_with_teams_says_to_add_it_by_hand(project: Path) -> None:
    owners = "teams: [{id: a, name: A, lead: L, contact: a@example.com}]\n"
    (project / "data/owners.yml").write_text(owners, encoding="utf-8")
    result = journeybook("new", "team", "--id", "billing", "--name", "Billing", "--lead", "Ana Ruiz", "--contact", "billing@example.com", cwd=project)
    assert result.code == 2
    assert result.stderr.startswith("journeybook: error: cannot add the team to data/owners.yml safely (line 2: ")
    assert "YAML syntax error" not in result.stderr.split("(", 1)[0]
    assert (project / "data/owners.yml").read_text(encoding="utf-8") == owners


def test_new_refuses_an_id_with_a_lookalike_letter_naming_it(project: Path) -> None:
    result = journeybook("new", "team", "--id", "t\u0435am", "--name", "x", "--lead", "y", "--contact", "z@example.com", cwd=project)
    assert result.code == 2
    assert result.stderr == (
        "journeybook: error: 't\u0435am' is not a valid team id: it contains U+0435 CYRILLIC SMALL LETTER IE "
        "(allowed: lowercase letters, digits, '-' and '_'; did you mean 'team'?)\n"
    )


def test_a_measurement_at_the_largest_value_builds_finite_numbers(project: Path) -> None:
    csv = project / "data/kpis/add-newborn-to-plan.csv"
    rows = "".join(f"add-newborn-to-plan,enrolment-within-30-days,2026-11-{day},{value},\n" for day, value in (("02", "1000000000000000"), ("03", "-1000000000000000")))
    csv.write_text(csv.read_text(encoding="utf-8") + rows, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    site = project / "site"
    for export in ("kpis.json", "journeys.json", "kpis.csv"):
        text = (site / export).read_text(encoding="utf-8")
        assert "Infinity" not in text and "NaN" not in text and ",inf" not in text, export
    page = (site / "journeys/add-newborn-to-plan/index.html").read_text(encoding="utf-8")
    charts = re.findall(r'points="([^"]*)"', page)
    assert charts and all(re.fullmatch(r"[-0-9., ]+", points) for points in charts), charts


def test_a_quiet_build_still_fails_on_a_mkdocs_warning(project: Path) -> None:
    guide = next((project / "content/guides").glob("*.md"))
    guide.write_text(guide.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n", encoding="utf-8")
    result = journeybook("build", "--quiet", cwd=project)
    assert result.code == 1, result.output
    assert "WARNING" in result.stderr and "no-such-page.md" in result.stderr
    assert not any(line.startswith("INFO") for line in result.stderr.splitlines()), result.stderr
    assert "journeybook: build failed; site was not published (there was none before)" in result.stderr
    assert not (project / "site").exists()


def test_no_ci_file_runs_a_quiet_strict_mkdocs_build() -> None:
    """``mkdocs build --strict -q`` passes despite warnings; CI must build through ``journeybook build``."""
    repo = Path(__file__).resolve().parent.parent
    files = [repo / "Makefile", repo / ".gitlab-ci.yml", *sorted((repo / ".github").rglob("*.yml"))]
    lines = [line for path in files for line in path.read_text(encoding="utf-8").splitlines() if "mkdocs build" in line or "mkdocs gh-deploy" in line]
    assert [line for line in lines if re.search(r"\s(-q|--quiet)\b", line)] == []
    assert any("journeybook build" in path.read_text(encoding="utf-8") for path in files)
