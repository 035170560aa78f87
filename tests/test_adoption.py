"""A company adopts Journeybook: installs the wheel, starts a site, publishes content that is not perfect.

The wheel is built from this repository and installed into a fresh virtual environment outside
it. Its dependencies are the project's own, borrowed through a ``.pth`` file (nothing is
downloaded); the ``.pth`` names only the dependencies' folder, whose own ``.pth`` files (this
repository's editable install among them) Python does not read, so ``journeybook`` comes from
the wheel alone. No ``node_modules`` is anywhere near the new site: Mermaid and the Worker shim
must come from the wheel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import OPEN_SHADOW_ROOTS, browser, serve, watch
from bs4 import BeautifulSoup
from conftest import REPO, Result, journeybook, mkdocs_build, run
from journeybook.defaults import packaged_defaults

WHEEL_SOURCES = ("pyproject.toml", "setup.py", "README.md", "plugins", "templates", "site_config")
NPM_FILES = ("node_modules/mermaid/dist/mermaid.min.js", "node_modules/iframe-worker/shim/index.js")

DRAWN = "() => { const d = [...document.querySelectorAll('div.mermaid')]; return d.length > 0 && d.every(e => e.shadowRoot && e.shadowRoot.querySelector('svg')); }"

LATE_PLAYBOOK = """---
title: Open a savings account
description: From the first visit to the first deposit.
persona: first-customer
owner: customer-experience
lifecycle: active
last_reviewed: 2025-05-01
goals:
  customer: Have the account open and the first deposit in it.
  business: More deposits from new customers.
stages:
  - id: open
    name: Open the account
    phase: during
    emotion: 3
kpis:
  - id: time-to-open
    name: Days to open an account
    category: leading
    unit: days
    direction: down
    target: 2
---

The data feed for this KPI is not built yet.
"""


@dataclass(frozen=True)
class Installed:
    """A virtual environment holding the wheel, and how to run its commands."""

    venv: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def journeybook(self, *args: str, cwd: Path) -> Result:
        return run([str(self.venv / "bin" / "journeybook"), *args], cwd=cwd)

    def mkdocs(self, *args: str, cwd: Path) -> Result:
        return run([str(self.python), "-m", "mkdocs", *args], cwd=cwd)


def _wheel(tmp: Path) -> Path:
    """The wheel, built from a copy of the sources (the build leaves nothing in the repository)."""
    sources = tmp / "sources"
    sources.mkdir()
    for name in WHEEL_SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, sources / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(REPO / name, sources / name)
    for name in NPM_FILES:
        (sources / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, sources / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(tmp / "dist"), str(sources)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return next((tmp / "dist").glob("journeybook-*.whl"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("adoption")
    wheel = _wheel(tmp)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    target = Installed(venv)
    site_packages = Path(subprocess.run(
        [str(target.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True,
    ).stdout.strip())
    (site_packages / "project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(target.python), "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    where = run([str(target.python), "-c", "import journeybook.defaults as d; print(d.__file__, d.packaged_defaults().packaged)"], cwd=tmp)
    assert where.stdout.split() == [str(site_packages / "journeybook" / "defaults.py"), "True"], where.output
    return target


def new_site(installed: Installed, folder: Path) -> Path:
    started = installed.journeybook("init", str(folder), cwd=folder.parent)
    assert started.code == 0, started.output
    return folder


def test_init_writes_a_site_of_its_own_that_builds_at_once(installed: Installed, tmp_path: Path) -> None:
    site = new_site(installed, tmp_path / "acme-journeys")
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert written == [
        ".github/workflows/journeybook.yml", ".gitignore", ".gitlab-ci.yml", ".pre-commit-config.yaml",
        "content/index.md", "content/journeys/first-journey.md", "content/personas/first-customer.md",
        "data/owners.yml", "mkdocs.yml", "requirements.txt", "site_config/settings.yml",
    ]
    assert not (site / "templates").exists() and not (site / "node_modules").exists()
    assert "strict" not in (site / "mkdocs.yml").read_text(encoding="utf-8")
    checked = installed.journeybook("check", cwd=site)
    assert checked.code == 0 and "0 errors, 0 warnings" in checked.output, checked.output
    built = installed.journeybook("build", cwd=site)
    assert built.code == 0, built.output
    html = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "Acme journeys" in html
    assert (site / "site/assets/javascripts/mermaid.min.js").read_bytes() == (REPO / NPM_FILES[0]).read_bytes()


def test_init_refuses_a_folder_that_is_not_empty(installed: Installed, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("ours", encoding="utf-8")
    refused = installed.journeybook("init", str(tmp_path), cwd=tmp_path)
    assert refused.code == 2 and "is not an empty folder" in refused.output and "Traceback" not in refused.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.fixture(scope="module")
def late_site(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new site whose first real playbook has a KPI without data and a review a year overdue."""
    site = new_site(installed, tmp_path_factory.mktemp("late") / "savings")
    (site / "content/journeys/open-savings-account.md").write_text(LATE_PLAYBOOK, encoding="utf-8")
    return site


def test_warnings_are_printed_and_pass_unless_strict(installed: Installed, late_site: Path) -> None:
    checked = installed.journeybook("check", cwd=late_site)
    assert checked.code == 0, checked.output
    assert "warning: content/journeys/open-savings-account.md:7:" in checked.output
    assert "review overdue: last reviewed 2025-05-01, due 2025-10-28" in checked.output
    assert "KPI 'time-to-open' has no measurements" in checked.output
    assert "0 errors, 2 warnings" in checked.output
    strict = installed.journeybook("check", "--strict", cwd=late_site)
    assert strict.code == 1 and "0 errors, 2 warnings" in strict.output


def test_the_site_setting_makes_check_strict(installed: Installed, late_site: Path, tmp_path: Path) -> None:
    site = shutil.copytree(late_site, tmp_path / "strict-site")
    settings = site / "site_config/settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("strict: false", "strict: true"), encoding="utf-8")
    assert installed.journeybook("check", cwd=site).code == 1
    assert installed.journeybook("build", cwd=site).code == 0  # builds publish the warnings, whatever the setting


@pytest.fixture(scope="module")
def published(installed: Installed, late_site: Path) -> Path:
    """``journeybook build`` of that site: it succeeds, the warnings notwithstanding."""
    built = installed.journeybook("build", cwd=late_site)
    assert built.code == 0, built.output
    return late_site / "site"


def test_a_site_with_warnings_publishes_them(installed: Installed, late_site: Path, published: Path) -> None:
    strict = installed.mkdocs("build", "--strict", "--site-dir", "strict-site", cwd=late_site)
    assert strict.code == 0, strict.output
    assert "WARNING" not in strict.output
    review = BeautifulSoup((published / "review/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Open a savings account" in [a.get_text() for a in review.select("article table a")]
    playbook = BeautifulSoup((published / "journeys/open-savings-account/index.html").read_text(encoding="utf-8"), "html.parser")
    row = next(tr for tr in playbook.select("table.jb-kpis tbody tr") if "Days to open an account" in tr.get_text())
    assert "No data" in row.get_text()


@pytest.mark.browser
def test_the_new_site_makes_no_request_to_another_host(published: Path) -> None:
    """Every page loads from the site alone, and Mermaid (from the wheel) draws the diagrams."""
    pages = ["", "journeys/", "journeys/open-savings-account/", "review/", "kpis/", "fields/", "start-here/"]
    with serve(published) as base, browser() as context:
        context.add_init_script(OPEN_SHADOW_ROOTS)  # type: ignore[attr-defined]
        for path in pages:
            page = context.new_page()  # type: ignore[attr-defined]
            log = watch(page, base)
            page.goto(base + path, wait_until="networkidle")
            assert log.foreign_requests == [], f"{path}: {log.foreign_requests}"
            assert log.console_errors == [], f"{path}: {log.console_errors}"
            if path == "journeys/open-savings-account/":
                page.wait_for_function(DRAWN, timeout=20000)
            page.close()


def test_a_site_overrides_one_template_and_one_label(installed: Installed, late_site: Path, tmp_path: Path) -> None:
    site = shutil.copytree(late_site, tmp_path / "overridden", ignore=shutil.ignore_patterns("site", "strict-site"))
    packaged = installed.venv.glob("lib/python*/site-packages/journeybook/_defaults/templates/blocks/header.html")
    header = next(packaged).read_text(encoding="utf-8")
    (site / "templates/blocks").mkdir(parents=True)
    (site / "templates/blocks/header.html").write_text(header + '\n<p class="acme-note">Reviewed by the ACME CX board</p>\n', encoding="utf-8")
    (site / "site_config/labels").mkdir(parents=True)
    (site / "site_config/labels/en.yml").write_text("kpi_status_no-data: Feed not built yet\n", encoding="utf-8")
    built = installed.journeybook("build", cwd=site)
    assert built.code == 0, built.output
    page = BeautifulSoup((site / "site/journeys/open-savings-account/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("p.acme-note").get_text() == "Reviewed by the ACME CX board"
    row = next(tr for tr in page.select("table.jb-kpis tbody tr") if "Days to open an account" in tr.get_text())
    assert "Feed not built yet" in row.get_text() and "No data" not in row.get_text()
    review = BeautifulSoup((site / "site/review/index.html").read_text(encoding="utf-8"), "html.parser")
    assert review.select_one("article h1").get_text(strip=True).startswith("Review queue")  # the other labels: still the package's


def test_check_reads_mkdocs_yml_as_mkdocs_does(project: Path) -> None:
    """``INHERIT`` and ``!ENV`` in mkdocs.yml mean for ``journeybook check`` what they mean for a build."""
    (project / "content").rename(project / "pages")
    base = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: content\n", "")
    (project / "base.yml").write_text(base, encoding="utf-8")
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\ndocs_dir: !ENV [JOURNEYBOOK_DOCS, content]\n", encoding="utf-8")
    checked = journeybook("check", cwd=project, env={"JOURNEYBOOK_DOCS": "pages"})
    assert checked.code == 0 and "checked 5 playbooks, 6 initiatives: no problems" in checked.output, checked.output
    broken = project / "pages/journeys/mortgage-application.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("kind: owned", "kind: onwed", 1), encoding="utf-8")
    checked = journeybook("check", cwd=project, env={"JOURNEYBOOK_DOCS": "pages"})
    assert checked.code == 1 and "error: pages/journeys/mortgage-application.md:" in checked.output
    missing = journeybook("check", cwd=project)  # JOURNEYBOOK_DOCS unset: content/, which is gone
    assert missing.code == 2 and "mkdocs.yml:" in missing.output and "Traceback" not in missing.output


def test_the_example_site_names_nothing_the_plugin_adds(built_site: Path) -> None:
    """The example reads the packaged defaults like any site: here they are the repository's own folders."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "custom_dir" not in config and "polyfills" not in config and "\nstrict:" not in config
    defaults = packaged_defaults()
    assert (defaults.templates_dir, defaults.config_dir, defaults.packaged) == (REPO / "templates", REPO / "site_config", False)
    home = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    scripts = [tag["src"] for tag in home.select("script[src]")]
    assert "assets/javascripts/iframe-worker.js" in scripts and "assets/javascripts/mermaid.min.js" in scripts
    assert home.select_one('link[href="assets/stylesheets/journeybook.css"]') is not None
    playbook = BeautifulSoup((built_site / "journeys/mortgage-application/index.html").read_text(encoding="utf-8"), "html.parser")
    assert playbook.select_one("meta[name='journeybook:description']") is not None  # the packaged theme override


def test_the_example_builds_strictly_once_its_example_playbooks_are_deleted(project: Path) -> None:
    """A company deleting the examples keeps a site that builds: its guides link only to generated pages."""
    for folder in ("content/journeys", "content/personas", "content/initiatives"):
        for page in (project / folder).glob("*.md"):
            page.unlink()
    (project / "content/journeys/own.md").write_text(LATE_PLAYBOOK.replace("first-customer", "own-customer").replace("customer-experience", "retail-lending"), encoding="utf-8")
    (project / "content/personas/own-customer.md").write_text("---\ntitle: Our customer\n---\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    assert "WARNING" not in result.output
    guide = BeautifulSoup((project / "site/guides/how-to-write-a-playbook/index.html").read_text(encoding="utf-8"), "html.parser")
    assert guide.select_one('a[href="../../fields/#stage"]') is not None
