"""Publishing a site survives a kill at every step, refuses the project's own folders.

A child process publishes a finished site and kills itself with SIGKILL at the n-th file-system
call that publishing makes (every rename, exchange, link, permission change, removal), for
every n until publishing completes: after each kill a whole site, the old one or the new one,
is in place, and the next publish recognises what the killed one left and removes it. The one
exception is the first publish over a real folder where the exchange is missing: a folder cannot
become a link in one step, so a kill there leaves the site aside, and the next build puts it back.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import journeybook
from journeybook.cli import publish as publish_module

CHILD = r"""
import importlib.util, os, signal, sys, tempfile
from pathlib import Path

spec = importlib.util.spec_from_file_location("publish", sys.argv[5])  # without the package: a fast start
publish = importlib.util.module_from_spec(spec)
spec.loader.exec_module(publish)
parent, label, kill_at, fallback = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
target = parent / "site"
publish.recover(target)
work = Path(tempfile.mkdtemp(prefix=f".site-build-{os.getpid()}-", dir=parent))
for name in ("index.html", "journeys/index.html"):
    (work / name).parent.mkdir(parents=True, exist_ok=True)
    (work / name).write_text(f"{label} {name}")
if fallback:
    publish._renameat2 = lambda: None
calls = 0
def counted(function):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)
    return call
for name in ("rename", "replace", "symlink", "unlink", "rmdir", "chmod"):
    setattr(os, name, counted(getattr(os, name)))
publish.exchange = counted(publish.exchange)
publish.publish(work, target)
"""

FILES = {"index.html", "journeys/index.html"}
MODULE = Path(publish_module.__file__)


def publish(parent: Path, label: str, kill_at: int = 0, fallback: bool = False) -> int:
    done = subprocess.run([sys.executable, "-c", CHILD, str(parent), label, str(kill_at), "1" if fallback else "0", str(MODULE)], capture_output=True, text=True)
    assert done.returncode in (0, -9), done.stderr
    return done.returncode


def site(parent: Path) -> set[str]:
    """The label of every page of the published site: one label means one whole site."""
    root = parent / "site"
    assert root.is_dir(), f"no site in {sorted(p.name for p in parent.iterdir())}"
    pages = {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*") if p.is_file()}
    assert set(pages) == FILES
    return {text.split()[0] for text in pages.values()}


def leftovers(parent: Path) -> list[str]:
    live = os.readlink(parent / "site") if (parent / "site").is_symlink() else None
    return sorted(p.name for p in parent.iterdir() if p.name not in ("site", live))


@pytest.mark.parametrize("start", ["none", "folder", "link"])
@pytest.mark.parametrize("fallback", [False, True], ids=["exchange", "symlink-fallback"])
def test_a_kill_at_any_step_of_publishing_leaves_a_whole_site(tmp_path: Path, start: str, fallback: bool) -> None:
    kill_at, gaps = 1, 0
    while True:
        parent = tmp_path / f"kill-{kill_at}"
        parent.mkdir()
        for _ in range({"none": 0, "folder": 1, "link": 2}[start]):  # a second fallback publish makes the link
            assert publish(parent, "old", fallback=start == "link") == 0
        assert (parent / "site").is_symlink() == (start == "link")
        code = publish(parent, "new", kill_at, fallback)
        if start != "none" and not os.path.lexists(parent / "site"):
            # Only turning a real folder into a link, without the exchange, cannot be one step;
            # the next build puts the site back from the folders set aside.
            assert fallback and start == "folder", kill_at
            gaps += 1
            publish_module.recover(parent / "site")
        labels = site(parent) if start != "none" or (parent / "site").exists() else {"new"}
        assert labels in ({"old"}, {"new"}), (kill_at, labels)
        if code == 0:
            assert labels == {"new"} and leftovers(parent) == []
            break
        assert publish(parent, "next", fallback=fallback) == 0
        assert site(parent) == {"next"}, kill_at
        assert leftovers(parent) == [], kill_at
        kill_at += 1
    assert kill_at > 5, "publishing made fewer steps than expected: is the child killing itself?"
    assert gaps <= 1


def test_a_site_set_aside_by_an_older_build_is_put_back_not_deleted(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    aside = tmp_path / f".site-old-{dead.pid}"
    for name in FILES:
        (aside / name).parent.mkdir(parents=True, exist_ok=True)
        (aside / name).write_text(f"old {name}")
    publish_module.recover(tmp_path / "site")
    assert site(tmp_path) == {"old"} and leftovers(tmp_path) == []


def test_a_site_folder_that_is_or_holds_or_lies_in_a_source_is_refused(project: Path) -> None:
    (project / "not-a-site").mkdir()
    (project / "not-a-site/notes.txt").write_text("keep me", encoding="utf-8")
    (project / "intranet/app").mkdir(parents=True)
    (project / "intranet/index.html").write_text("<html>a hand-made intranet</html>", encoding="utf-8")
    (project / "intranet/app/precious.txt").write_text("keep me", encoding="utf-8")
    refused = {
        "content": "the site folder is content/ (docs_dir), which the build reads",
        "content/journeys": "the site folder lies inside content/ (docs_dir), which the build reads",
        "data": "the site folder is data/, which the build reads",
        "data/kpis": "the site folder lies inside data/, which the build reads",
        "site_config": "the site folder is site_config/, which the build reads",
        "templates/new": "the site folder lies inside templates/, which the build reads",
        ".": "the site folder is the project folder, which the build reads",
        "..": "the site folder holds the project folder, which the build reads",
        "mkdocs.yml": "it is a file, not a folder; publishing would delete it",
        "not-a-site": "the folder holds files but no site built before",
        "intranet": "the folder holds files but no site built before (no .journeybook-files.json, no MkDocs index.html and sitemap.xml)",
    }
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    for site_dir, message in refused.items():
        result = journeybook("build", "--site-dir", site_dir, cwd=project)
        assert result.code == 2, (site_dir, result.output)
        assert f"journeybook: error: --site-dir {site_dir}: {message}" in result.stderr, result.stderr
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


def test_files_put_in_the_site_by_hand_survive_the_next_build(project: Path) -> None:
    (project / "content/guides/retired.md").write_text("# A guide retired later\n", encoding="utf-8")
    assert journeybook("build", "-q", cwd=project).code == 0
    (project / "site/NOTES.txt").write_text("ours", encoding="utf-8")
    (project / "site/downloads").mkdir()
    (project / "site/downloads/report.pdf").write_bytes(b"%PDF-1.4")
    result = journeybook("build", "-q", cwd=project)
    assert result.code == 0, result.output
    assert "journeybook: kept NOTES.txt and downloads/report.pdf in site: not made by a build" in result.stderr
    assert (project / "site/NOTES.txt").read_text(encoding="utf-8") == "ours"
    assert (project / "site/downloads/report.pdf").read_bytes() == b"%PDF-1.4"
    (project / "content/guides/retired.md").unlink()  # a page a build made goes with its source
    assert journeybook("build", "-q", cwd=project).code == 0
    assert not (project / "site/guides/retired/index.html").exists()
    assert (project / "site/NOTES.txt").is_file()


def test_a_hand_made_file_where_the_build_now_writes_stops_the_publish(project: Path) -> None:
    assert journeybook("build", "-q", cwd=project).code == 0
    manifest = project / "site/.journeybook-files.json"
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    listed.remove("kpis.csv")  # as if a person had put it there and no build had written it
    manifest.write_text(json.dumps(listed), encoding="utf-8")
    (project / "site/kpis.csv").write_text("hand-made", encoding="utf-8")
    result = journeybook("build", "-q", cwd=project)
    assert result.code == 2, result.output
    assert "journeybook: error: site: kpis.csv put there by hand, and the build now writes a file of that name" in result.stderr
    assert (project / "site/kpis.csv").read_text(encoding="utf-8") == "hand-made"


def test_build_publishes_to_the_site_dir_mkdocs_yml_names(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_dir: .*$", "site_dir: public", config.read_text(encoding="utf-8")), encoding="utf-8")
    result = journeybook("build", "-q", cwd=project)
    assert result.code == 0, result.output
    assert "journeybook: site published to public" in result.stderr
    assert (project / "public/index.html").is_file() and not (project / "site").exists()
