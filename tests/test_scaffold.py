"""``journeybook new``: starting files that pass the check, explain themselves and overwrite nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, TODAY, journeybook, mkdocs_build
from journeybook.read.front_matter import read_markdown

OWNERS = """\
# Teams of the company. Keep this comment: it tells people who to ask.
teams:
    # The lending people.
    - id: retail-lending
      name: Retail lending
      lead: Ana Ruiz
      contact: lending@example.com
# New teams go below.
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A project with the shipped taxonomies, one team and one persona, and no playbook yet."""
    root = tmp_path / "small"
    shutil.copytree(REPO / "site_config", root / "site_config")
    (root / "mkdocs.yml").write_text("site_name: Small\ndocs_dir: content\n", encoding="utf-8")
    (root / "data").mkdir()
    (root / "data" / "owners.yml").write_text(OWNERS, encoding="utf-8")
    (root / "content" / "personas").mkdir(parents=True)
    (root / "content" / "personas" / "first-time-buyer.md").write_text("---\ntitle: First-time buyer\n---\nAna.\n", encoding="utf-8")
    return root


def new_playbook(root: Path, *extra: str):
    return journeybook("new", "playbook", "--owner", "retail-lending", "--persona", "first-time-buyer", *extra, cwd=root)


def test_new_playbook_passes_the_strict_check_and_explains_its_fields(small: Path) -> None:
    result = new_playbook(small, "--title", "Mortgage application")
    assert result.code == 0, result.output
    assert "wrote content/journeys/mortgage-application.md" in result.stdout
    text = (small / "content/journeys/mortgage-application.md").read_text(encoding="utf-8")
    for field in ("title", "persona", "owner", "lifecycle", "last_reviewed", "stages", "phase", "emotion", "kind", "moment_of_truth"):
        line = next(line for line in text.splitlines() if line.lstrip(" -").startswith(f"{field}:"))
        assert "  # " in line, f"{field} has no explanation: {line}"
    assert f"last_reviewed: {TODAY}" in text
    check = journeybook("check", "--strict", cwd=small)
    assert check.code == 0, check.output
    assert "checked 1 playbook: no problems" in check.stderr


def test_a_title_with_quotes_and_colons_is_written_as_typed(small: Path) -> None:
    title = 'Mortgage "fast track": #1 & <more>'
    assert new_playbook(small, "--title", title, "--id", "fast-track").code == 0
    source = read_markdown(small / "content/journeys/fast-track.md", small)
    assert source.front_matter is not None and source.front_matter.data["title"] == title


def test_an_existing_playbook_is_never_overwritten(small: Path) -> None:
    target = small / "content/journeys/mortgage-application.md"
    target.parent.mkdir(parents=True)
    target.write_text("my work\n", encoding="utf-8")
    result = new_playbook(small, "--title", "Mortgage application")
    assert result.code == 2
    assert "content/journeys/mortgage-application.md already exists" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "my work\n"


def test_an_unknown_owner_is_refused_with_the_closest_team(small: Path) -> None:
    result = journeybook("new", "playbook", "--title", "X", "--owner", "retail-lendin", "--persona", "first-time-buyer", cwd=small)
    assert result.code == 2
    assert "'retail-lendin' is not allowed (allowed: retail-lending; did you mean 'retail-lending'?)" in result.stderr
    assert not (small / "content/journeys").exists()


def test_an_invalid_id_is_refused_with_a_suggestion(small: Path) -> None:
    result = new_playbook(small, "--title", "X", "--id", "Mortgage App")
    assert result.code == 2
    assert "did you mean 'mortgage-app'?" in result.stderr


def test_without_a_terminal_missing_values_are_usage_errors_not_prompts(small: Path) -> None:
    result = journeybook("new", "playbook", "--owner", "retail-lending", cwd=small)
    assert result.code == 2
    assert "--title is required when not run in a terminal" in result.stderr


def test_in_a_terminal_it_asks_for_what_is_missing(small: Path) -> None:
    controller, terminal = os.openpty()
    try:
        # Answers: title, id (the suggestion), owner (a typo first, then the right id),
        # persona (the only one, offered as the default).
        os.write(controller, b"Home internet outage\n\nretail-lendng\nretail-lending\n\n")
        env = {**os.environ, "JOURNEYBOOK_TODAY": TODAY}
        done = subprocess.run(
            [sys.executable, "-m", "journeybook.cli.main", "new", "playbook"],
            cwd=small, stdin=terminal, capture_output=True, text=True, timeout=60, env=env,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Title of the journey:" in done.stdout
    assert "Owning team (retail-lending) [retail-lending]:" in done.stdout
    assert "did you mean 'retail-lending'?" in done.stderr
    assert "Persona (first-time-buyer) [first-time-buyer]:" in done.stdout
    written = read_markdown(small / "content/journeys/home-internet-outage.md", small).front_matter
    assert written is not None and written.data["owner"] == "retail-lending"


def test_a_new_team_is_appended_keeping_the_comments_and_can_own_a_playbook(small: Path) -> None:
    result = journeybook("new", "team", "--name", "Digital channels", "--lead", "Bo Lin", "--contact", "#digital: ask here", cwd=small)
    assert result.code == 0, result.output
    text = (small / "data/owners.yml").read_text(encoding="utf-8")
    assert text.startswith(OWNERS)
    assert "    - id: digital-channels\n      name: \"Digital channels\"\n" in text
    assert journeybook("new", "playbook", "--title", "Y", "--owner", "digital-channels", "--persona", "first-time-buyer", cwd=small).code == 0
    check = journeybook("check", "--strict", cwd=small)
    assert check.code == 0, check.output


def test_a_team_id_already_taken_is_refused(small: Path) -> None:
    result = journeybook("new", "team", "--id", "retail-lending", "--name", "Other", "--lead", "X", "--contact", "Y", cwd=small)
    assert result.code == 2
    assert "team 'retail-lending' already exists in data/owners.yml" in result.stderr
    assert (small / "data/owners.yml").read_text(encoding="utf-8") == OWNERS


def test_a_new_persona_can_be_used_by_a_new_playbook(small: Path) -> None:
    assert journeybook("new", "persona", "--title", "Ana, renter", cwd=small).code == 0
    assert (small / "content/personas/ana-renter.md").is_file()
    result = journeybook("new", "playbook", "--title", "Z", "--owner", "retail-lending", "--persona", "ana-renter", cwd=small)
    assert result.code == 0, result.output
    check = journeybook("check", "--strict", cwd=small)
    assert check.code == 0, check.output


def test_a_new_playbook_builds_into_the_example_site(project: Path) -> None:
    front = read_markdown(project / "content/journeys/mortgage-application.md", project).front_matter
    assert front is not None
    result = journeybook("new", "playbook", "--title", "Open a savings account", "--owner", front.data["owner"], "--persona", front.data["persona"], cwd=project)
    assert result.code == 0, result.output
    check = journeybook("check", "--strict", cwd=project)
    assert check.code == 0, check.output
    build = mkdocs_build(project)
    assert build.code == 0, build.output
    page = (project / "site/journeys/open-a-savings-account/index.html").read_text(encoding="utf-8")
    assert "<title>Open a savings account - " in page
    assert "Describe the journey here in plain words" in page


def test_init_on_a_file_says_it_is_a_file_and_changes_nothing(tmp_path: Path) -> None:
    existing = tmp_path / "mkdocs.yml"
    existing.write_text("site_name: Mine\n", encoding="utf-8")
    result = journeybook("init", str(existing), cwd=tmp_path)
    assert result.code == 2
    assert result.stderr == (f"journeybook: error: {existing} is a file, not a folder; give 'journeybook init' a new or empty "
                             "folder to start the site in (nothing was changed)\n")
    assert existing.read_text(encoding="utf-8") == "site_name: Mine\n" and sorted(tmp_path.iterdir()) == [existing]


def _hooks_run_for(hooks: list[dict], path: str) -> list[str]:
    """The hooks pre-commit runs for a commit that changes only ``path`` (its ``files``/``exclude`` rules)."""
    import re

    return [h["id"] for h in hooks if re.search(h["files"], path) and not re.search(h.get("exclude", "^$"), path)]


def test_init_hooks_check_initiatives_and_every_shared_input_and_agree_with_the_published_hooks(tmp_path: Path) -> None:
    import yaml

    assert journeybook("init", "site", cwd=tmp_path).code == 0
    site = tmp_path / "site"
    written = yaml.safe_load((site / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hooks in (written, published):
        assert _hooks_run_for(hooks, "content/initiatives/status-page.md") == ["journeybook-check"]
        assert _hooks_run_for(hooks, "content/journeys/first-journey.md") == ["journeybook-check"]
        assert _hooks_run_for(hooks, "content/initiatives/index.md") == []
        for shared in ("mkdocs.yml", "data/owners.yml", "data/kpis/m.csv", "site_config/labels/es.yml", "content/personas/p.md"):
            assert _hooks_run_for(hooks, shared) == ["journeybook-check-all"], shared
    assert [(h["files"], h.get("exclude")) for h in written] == [(h["files"], h.get("exclude")) for h in published]
    # what the hook then does with a broken initiative: it fails the commit, naming the line
    initiative = site / "content/initiatives/fix.md"
    initiative.parent.mkdir(parents=True)
    initiative.write_text("---\ntitle: Fix\nowner: customer-experience\nstatus: finished\njourneys:\n  - journey: first-journey\n---\n", encoding="utf-8")
    result = journeybook("check", "content/initiatives/fix.md", cwd=site)
    assert result.code == 1 and "content/initiatives/fix.md:4:9: status: 'finished' is not allowed" in result.stdout


def test_new_refuses_while_the_teams_file_does_not_parse_and_names_its_error(small: Path) -> None:
    (small / "data/owners.yml").write_text("teams: [\n", encoding="utf-8")
    for args in (["team", "--name", "Other", "--lead", "X", "--contact", "Y"], ["playbook", "--title", "Y", "--owner", "retail-lending", "--persona", "first-time-buyer"]):
        result = journeybook("new", *args, cwd=small)
        assert result.code == 2
        assert result.stderr == ("journeybook: error: data/owners.yml:1:8: YAML syntax error: the '[' list opened here is never closed with ']', "
                                 "or its items are not separated by ','; fix that file first: a new file must name the ids it defines (nothing was changed)\n")
    assert (small / "data/owners.yml").read_text(encoding="utf-8") == "teams: [\n"
    assert not (small / "content/journeys").exists()
