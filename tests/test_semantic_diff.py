"""``journeybook diff``: a real git repository with two commits, compared as a reviewer reads it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, journeybook
from journeybook.render.markdown import code, escape_markdown

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
}

MORTGAGE_BEFORE = """\
---
title: Mortgage application
persona: first-time-buyer
owner: retail-lending
lifecycle: draft
last_reviewed: 2026-09-01
goals: {customer: Get a mortgage, business: Grow assets}
stages:
  - {id: compare, name: Compare offers, phase: before, emotion: 3}
  - {id: apply, name: Apply online, phase: during, emotion: 2, owner: digital-channels, moment_of_truth: true}
  - {id: sign, name: Sign the offer, phase: during, emotion: 4, moment_of_truth: true}
kpis:
  - {id: application-abandonment, name: Application abandonment, category: leading, unit: "%", direction: down, target: 20}
  - {id: time-to-offer, name: Time to offer, category: leading, unit: days, direction: down, target: 5, owner: retail-lending}
verification:
  - {method: mystery_shopping, stages: [compare]}
  - {method: transactional_survey, stages: [apply]}
---
Body.
"""

MORTGAGE_AFTER = """\
---
title: Mortgage application
persona: first-time-buyer
owner: mortgage-team
lifecycle: active
last_reviewed: 2026-09-01
goals: {customer: Get a mortgage, business: Grow assets}
stages:
  - {id: apply, name: Apply online, phase: during, emotion: 2, owner: branch-network, moment_of_truth: true}
  - {id: compare, name: "Compare *rates* [now](http://evil.example) <b>|</b>", phase: before, emotion: 3}
  - {id: visit, name: Visit a branch, phase: during, emotion: 4, moment_of_truth: true}
kpis:
  - {id: application-abandonment, name: Application abandonment, category: leading, unit: "%", direction: down, target: 15}
  - {id: time-to-offer, name: Time to offer, category: leading, unit: hours, direction: up, target: 5, owner: digital-channels}
  - {id: nps, name: Net promoter score, category: outcome, unit: pts, direction: up, target: 40}
verification:
  - {method: transactional_survey, stages: [apply, visit]}
  - {method: complaints}
---
Body, rewritten: prose changes are not the diff's business.
"""

OUTAGE = """\
---
title: Home internet outage
persona: first-time-buyer
last_reviewed: 2026-09-01
goals: {customer: Internet back, business: Keep the customer}
stages:
  - {id: notice, name: Notice the outage, phase: after, emotion: 1}
---
"""

BROKEN = "---\ntitle: Renewal\nstages: [\n---\n"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, env={**GIT_ENV, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def write(root: Path, files: dict[str, str | None], folder: str = "journeys") -> None:
    for name, text in files.items():
        path = root / "content" / folder / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "--short", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose project sits in a subfolder, as in a monorepo."""
    root = tmp_path / "repo" / "site"
    (root / "templates").mkdir(parents=True)
    shutil.copytree(REPO / "templates" / "blocks", root / "templates" / "blocks")
    (root / "mkdocs.yml").write_text("site_name: Diff\ndocs_dir: content\n", encoding="utf-8")
    git(tmp_path / "repo", "init", "-q", "-b", "main")
    return root


def test_the_diff_lists_what_readers_will_see_change(repo: Path) -> None:
    write(repo, {"mortgage-application.md": MORTGAGE_BEFORE, "outage.md": OUTAGE})
    base = commit(repo, "base")
    write(repo, {"mortgage-application.md": MORTGAGE_AFTER, "outage.md": None, "renewal.md": OUTAGE.replace("Home internet outage", "Contract renewal")})
    head = commit(repo, "head")

    result = journeybook("diff", "main~1", "main", cwd=repo)
    assert result.code == 0, result.output
    out = result.stdout
    assert f"Compared `main~1 ({base})` with `main ({head})`." in out
    assert "### New playbooks\n\n- **Contract renewal** (`content/journeys/renewal.md`), 1 stage\n" in out
    assert "### Removed playbooks\n\n- **Home internet outage** (`content/journeys/outage.md`)\n" in out
    section = out.split("### Mortgage application (`content/journeys/mortgage-application.md`)\n\n", 1)[1]
    lines = section.strip().splitlines()
    assert lines == [
        "- Lifecycle: draft -> active",
        "- Owner of the playbook: `retail-lending` -> `mortgage-team`",
        "- Stage added: **Visit a branch** (stage 3 of 3)",
        "- Stage removed: **Sign the offer**",
        r"- Stages reordered: Compare offers, Apply online -> Apply online, Compare \*rates\* \[now\](http://evil.example) \<b\>\|\</b\>",
        "- Apply online: stage owner `digital-channels` -> `branch-network`",
        r"- Stage renamed (`compare`): Compare offers -> **Compare \*rates\* \[now\](http://evil.example) \<b\>\|\</b\>**",
        "- Moment of truth gained: **Visit a branch**",
        "- Moment of truth lost: **Sign the offer**",
        "- KPI added: **Net promoter score** (target 40 pts, higher is better)",
        "- Application abandonment: target 20% -> 15%",
        "- Time to offer: unit days -> hours",
        "- Time to offer: direction lower is better -> higher is better",
        "- Time to offer: KPI owner `retail-lending` -> `digital-channels`",
        "- Verification added: `complaints`, covering all stages",
        "- Verification dropped: `mystery_shopping` (covered Compare offers)",
        r"- Verification `transactional_survey` now covers Apply online, Visit a branch (was Apply online)",
    ]


def test_stages_that_only_follow_the_playbook_owner_are_not_listed_again(repo: Path) -> None:
    write(repo, {"outage.md": OUTAGE.replace("persona:", "owner: network-ops\npersona:")})
    commit(repo, "base")
    write(repo, {"outage.md": OUTAGE.replace("persona:", "owner: field-service\npersona:")})
    result = journeybook("diff", "HEAD", cwd=repo)
    assert result.code == 0, result.output
    assert "- Owner of the playbook: `network-ops` -> `field-service`" in result.stdout
    assert "stage owner" not in result.stdout


def test_head_omitted_compares_with_the_working_tree_and_a_moved_file_is_no_loss(repo: Path) -> None:
    write(repo, {"outage.md": OUTAGE})
    commit(repo, "base")
    write(repo, {"outage.md": None, "connectivity/outage.md": OUTAGE.replace("emotion: 1", "emotion: 1, moment_of_truth: true")})
    result = journeybook("diff", "HEAD", cwd=repo)
    assert result.code == 0, result.output
    assert "with `working tree`." in result.stdout
    assert "Removed playbooks" not in result.stdout and "New playbooks" not in result.stdout
    assert "- Moved from `content/journeys/outage.md` to `content/journeys/connectivity/outage.md`" in result.stdout
    assert "- Moment of truth gained: **Notice the outage**" in result.stdout


def test_a_playbook_broken_at_the_base_is_named_not_a_crash(repo: Path) -> None:
    write(repo, {"renewal.md": BROKEN, "outage.md": OUTAGE})
    commit(repo, "base")
    write(repo, {"renewal.md": OUTAGE.replace("Home internet outage", "Contract renewal"), "outage.md": "no front matter\n"})
    result = journeybook("diff", "HEAD", cwd=repo)
    assert result.code == 0, result.output
    out = result.stdout
    assert "> [!WARNING]" in out
    assert "> - `content/journeys/renewal.md` at `HEAD (" in out and "`: line 3: YAML syntax error: the '\\[' list opened here is never closed" in out
    assert "> - `content/journeys/outage.md` at `working tree`: line 1: has no front matter" in out
    assert "Removed playbooks" not in out and "New playbooks" not in out
    assert "Traceback" not in result.output


def test_a_playbook_moved_and_broken_at_head_is_unreadable_not_removed(repo: Path) -> None:
    write(repo, {"outage.md": OUTAGE, "renewal.md": MORTGAGE_BEFORE})
    commit(repo, "base")
    broken = OUTAGE.replace("stages:", "stages: [", 1)
    write(repo, {"outage.md": None, "connectivity/home-outage.md": broken, "renewal.md": None, "other.md": BROKEN})
    result = journeybook("diff", "HEAD", cwd=repo)
    assert result.code == 0, result.output
    out = result.stdout
    assert "> - `content/journeys/connectivity/home-outage.md` at `working tree`: line " in out
    assert "home-outage" not in out.split("> [!WARNING]")[0]
    removed = out.split("Removed playbooks", 1)[1]
    assert "Mortgage application" in removed, "a playbook removed while an unrelated file broke is still removed"
    assert "Home internet outage" not in removed


def test_no_change_says_so(repo: Path) -> None:
    write(repo, {"outage.md": OUTAGE})
    commit(repo, "base")
    write(repo, {"outage.md": OUTAGE + "\nMore prose.\n"})
    result = journeybook("diff", "HEAD", cwd=repo)
    assert result.code == 0
    assert "No playbook changed in a way readers would see." in result.stdout


def test_an_unknown_revision_is_a_usage_error(repo: Path) -> None:
    write(repo, {"outage.md": OUTAGE})
    commit(repo, "base")
    result = journeybook("diff", "no-such-branch", cwd=repo)
    assert result.code == 2
    assert "'no-such-branch' is not a commit of the git repository" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        ("[link](http://x) ![img](y)", r"\[link\](http://x) \!\[img\](y)"),
        ("<script>&amp; a|b ~~x~~ #1", "\\<script\\>\\&amp; a\\|b \\~\\~\u2060x\\~\\~ \\#\u20601"),
        ("see GH-7, gh-8, !12, &3, $4, ~bug, %v1", "see GH\u2060-7, gh\u2060-8, \\!\u206012, \\&\u20603, $\u20604, \\~\u2060bug, %\u2060v1"),
        ("20% of GH-team and ENGH-7 cost $", "20% of GH-team and ENGH-7 cost $"),
        ("ask @retail-team, not jane@example.com", "ask @\u2060retail-team, not jane@example.com"),
        ("two\nlines\r\n  here", "two lines here"),
        ("back\\slash", "back\\\\slash"),
        ("Application abandonment: target 20% -> 15%", "Application abandonment: target 20% -\\> 15%"),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_code_spans_cannot_be_closed_early() -> None:
    assert code("content/x.md") == "`content/x.md`"
    assert code("a`b") == "``a`b``"
    assert code("`edge``") == "``` `edge`` ```"


def test_a_link_out_of_the_project_is_compared_as_git_stores_it_never_read(repo: Path) -> None:
    write(repo, {"outage.md": OUTAGE})
    commit(repo, "base")
    (repo / "content/journeys/secret.md").symlink_to("/etc/passwd")
    result = journeybook("diff", "HEAD", cwd=repo)
    assert result.code == 0, result.output
    assert "root:" not in result.output
    assert "> - `content/journeys/secret.md` at `working tree`: line 1: has no front matter" in result.stdout


def test_diff_outside_a_git_repository_says_so(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: Diff\ndocs_dir: content\n", encoding="utf-8")
    result = journeybook("diff", "HEAD", cwd=site, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.code == 2
    assert result.stderr == (f"journeybook: error: {site} is not in a git repository; diff compares revisions from git history, "
                             "so run it in a clone of the site's repository\n")


def test_a_stage_rename_is_listed_once_not_again_as_a_verification_change(repo: Path) -> None:
    write(repo, {"mortgage.md": MORTGAGE_BEFORE})
    commit(repo, "base")
    write(repo, {"mortgage.md": MORTGAGE_BEFORE.replace("name: Compare offers", "name: Compare rates")})
    result = journeybook("diff", "HEAD", cwd=repo)
    assert result.code == 0, result.output
    assert "- Stage renamed (`compare`): Compare offers -> **Compare rates**" in result.stdout
    assert "Verification" not in result.stdout and result.stdout.count("Compare rates") == 1
