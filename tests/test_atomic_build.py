"""``journeybook build`` publishes a whole new site or nothing: killed, failed or concurrent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import TODAY, copy_project, journeybook

PLAYBOOK = "content/journeys/mortgage-application.md"


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith((".site-build-", ".site-old-", ".site-live-", ".site-link-")))


def modes(site: Path) -> set[tuple[str, str]]:
    """(kind, octal mode) of every folder and file of a site."""
    return {("dir" if p.is_dir() else "file", oct(p.stat().st_mode & 0o777)) for p in [site, *site.rglob("*")]}


def retitle(project: Path, title: str) -> None:
    path = project / PLAYBOOK
    text = path.read_text(encoding="utf-8")
    start = text.index("\ntitle:") + 1
    end = text.index("\n", start)
    path.write_text(text[:start] + f"title: {title}" + text[end:], encoding="utf-8")


def test_a_killed_build_leaves_the_last_good_site_and_its_leftovers_are_cleaned(project: Path) -> None:
    assert journeybook("build", cwd=project).code == 0
    before = snapshot(project / "site")
    retitle(project, "Retitled while building")
    env = {**os.environ, "JOURNEYBOOK_TODAY": TODAY}
    process = subprocess.Popen([sys.executable, "-m", "journeybook.cli.main", "build"], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(any(p.iterdir()) for p in project.glob(".site-build-*")):
        assert process.poll() is None, "the build ended before it could be interrupted"
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(project / "site") == before
    assert leftovers(project), "the killed build should have left its temporary folder behind"

    assert journeybook("build", cwd=project).code == 0
    assert leftovers(project) == []
    assert "Retitled while building" in (project / "site/journeys/mortgage-application/index.html").read_text(encoding="utf-8")
    mask = os.umask(0o022)
    os.umask(mask)
    assert modes(project / "site") == {("dir", oct(0o755 & ~mask)), ("file", oct(0o644 & ~mask))}


def test_a_failed_build_publishes_nothing(project: Path) -> None:
    assert journeybook("build", cwd=project).code == 0
    before = snapshot(project / "site")
    path = project / PLAYBOOK
    path.write_text(path.read_text(encoding="utf-8").replace("\nstages:", "\nstagez:", 1), encoding="utf-8")
    result = journeybook("build", cwd=project)
    assert result.code == 1
    assert "stagez" in result.output and "Traceback" not in result.output
    assert "site was left as it was" in result.output
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_failed_first_build_does_not_claim_a_site_was_kept(project: Path) -> None:
    path = project / PLAYBOOK
    path.write_text(path.read_text(encoding="utf-8").replace("\nstages:", "\nstagez:", 1), encoding="utf-8")
    result = journeybook("build", cwd=project)
    assert result.code == 1
    assert "journeybook: build failed; site was not published (there was none before)" in result.output
    assert not (project / "site").exists() and leftovers(project) == []


def test_two_builds_at_once_never_mix_pages(tmp_path: Path) -> None:
    shared = tmp_path / "published" / "site"
    projects = []
    for name in ("alpha", "beta"):
        root = copy_project(tmp_path / name)
        config = root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("site_name: Journeybook", f"site_name: Journeybook {name}", 1), encoding="utf-8")
        retitle(root, f"Mortgage {name}")
        projects.append(root)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda root: journeybook("build", "--site-dir", str(shared), cwd=root), projects))
    assert [r.code for r in results] == [0, 0], [r.output for r in results]
    pages = sorted(shared.rglob("*.html"))
    assert pages
    owners = {"alpha" if "Journeybook alpha" in p.read_text(encoding="utf-8") else "beta" for p in pages}
    mixed = [p for p in pages if ("Journeybook alpha" in (t := p.read_text(encoding="utf-8"))) == ("Journeybook beta" in t)]
    assert mixed == [] and len(owners) == 1
    winner = owners.pop()
    assert f"Mortgage {winner}" in (shared / "journeys/mortgage-application/index.html").read_text(encoding="utf-8")
    assert leftovers(shared.parent) == []
