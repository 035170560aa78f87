"""``journeybook init``: a new site that builds at once and holds only what is the site's own.

It writes the configuration, a home page, one starter playbook, persona and team, the settings,
the CI workflows and the pre-commit hooks. It copies none of the packaged templates, labels or
taxonomies: those stay in the installed package, so they follow its upgrades, and a site
overrides one by placing a file of the same name in its own ``templates/`` or ``site_config/``.
The home page links only to pages Journeybook generates, so deleting the starter playbook
never breaks a strict build.
"""

from __future__ import annotations

from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from journeybook.authoring.hooks import fill_hooks
from journeybook.authoring.scaffold import (
    OWNERS_HEADER,
    Vocabulary,
    persona_text,
    playbook_text,
    quoted,
    team_entry,
)
from journeybook.errors import UsageError
from journeybook.findings import Findings
from journeybook.model.site_data import load_site_data
from journeybook.read.layout import Layout

STARTER = Path(__file__).parent / "starter"
STARTER_FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "index.md": "content/index.md",
    "settings.yml": "site_config/settings.yml",
    "requirements.txt": "requirements.txt",
    "github-workflow.yml": ".github/workflows/journeybook.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "gitignore": ".gitignore",
}
"""Packaged starter file -> where it goes in the new site (a wheel keeps no dot files)."""

TEAM = "customer-experience"
PERSONA = "first-customer"
PLAYBOOK = "first-journey"


def _installed_version() -> str:
    try:
        return version("journeybook")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0.1.0"


def site_files(folder: Path, site_name: str, today: date) -> dict[str, str]:
    """Every file of a new site in ``folder``, by its path in the site."""
    files = {
        target: (STARTER / name).read_text(encoding="utf-8").replace("@SITE_NAME@", quoted(site_name)).replace("@VERSION@", _installed_version())
        for name, target in STARTER_FILES.items()
    }
    files[".pre-commit-config.yaml"] = fill_hooks(files[".pre-commit-config.yaml"], folder)
    shared = load_site_data(Layout.at(folder), Findings())  # the site has none yet: the packaged taxonomies
    vocabulary = Vocabulary(teams=(TEAM,), personas=(PERSONA,), phases=tuple(shared.phases), channels=tuple(shared.channels))
    files["data/owners.yml"] = OWNERS_HEADER + team_entry(team_id=TEAM, name="Customer Experience", lead="Name of the team's lead", contact="cx@example.com")
    files[f"content/personas/{PERSONA}.md"] = persona_text(title="A first customer")
    files[f"content/journeys/{PLAYBOOK}.md"] = playbook_text(title="A first journey", owner=TEAM, persona=PERSONA, vocabulary=vocabulary, today=today)
    return files


def init_site(folder: Path, site_name: str, today: date) -> list[Path]:
    """Write a new site into ``folder``, which must be missing or empty (nothing is overwritten)."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder; give 'journeybook init' a new or empty folder to start the site in (nothing was changed)")
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder} is not an empty folder; 'journeybook init' starts a site only in a new or empty one (nothing was changed)")
    written = []
    for relative, text in site_files(folder, site_name, today).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
