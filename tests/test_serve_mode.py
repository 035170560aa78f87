"""``mkdocs serve`` as an author uses it: errors on the page, the rest of the site working, live data.

A real server on a free port, over a private copy of the example project; every wait polls
with a generous limit and nothing asserts how long anything took.
"""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest
from conftest import TODAY, mkdocs_build
from journeybook.read.front_matter import read_markdown

PLAYBOOK = "content/journeys/mortgage-application.md"
PAGE = "journeys/mortgage-application/"
WAIT = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def text_of(page: str) -> str:
    """The words a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def wait_for(url: str, condition: Callable[[str], bool], server: subprocess.Popen[str], log: Path) -> str:
    """Poll ``url`` until its page satisfies ``condition``; fail with the server's log if it never does."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server stopped:\n{log.read_text(encoding='utf-8')}"
        status, body = fetch(url)
        if status == 200 and condition(text_of(body)):
            return text_of(body)
        time.sleep(0.5)
    pytest.fail(f"{url} never showed what was expected; server log:\n{log.read_text(encoding='utf-8')}")


@contextmanager
def mkdocs_serve(project: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen[str], Path]]:
    """``mkdocs serve`` with ``options`` on a free port; yields its URL, process and log file."""
    port = free_port()
    log = project / "serve.log"
    with log.open("w", encoding="utf-8") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=sink, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "JOURNEYBOOK_TODAY": TODAY},
        )
        try:
            yield f"http://127.0.0.1:{port}/", server, log
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.fixture
def served(project: Path) -> Iterator[tuple[str, subprocess.Popen[str], Path]]:
    """``mkdocs serve`` with the project's own settings, ``strict`` included."""
    with mkdocs_serve(project) as running:
        yield running


def _rename_team(owners: Path, team_id: str, new_name: str) -> None:
    lines = owners.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.search(rf"\bid:\s*{re.escape(team_id)}\s*$", line))
    at = next(i for i in range(start, len(lines)) if re.match(r"^\s*name:", lines[i]))
    lines[at] = re.sub(r"name:.*", f"name: {new_name}", lines[at])
    owners.write_text("".join(lines), encoding="utf-8")


def test_preview_shows_errors_on_the_page_and_reloads_on_data_and_config(project: Path, served: tuple[str, subprocess.Popen[str], Path]) -> None:
    base, server, log = served
    front = read_markdown(project / PLAYBOOK, project).front_matter
    assert front is not None
    owner = front.data["owner"]

    page = wait_for(base + PAGE, lambda text: "Mortgage" in text, server, log)
    assert "This page has errors" not in page

    # data/ is watched: a team renamed in owners.yml shows in the playbook header.
    _rename_team(project / "data" / "owners.yml", owner, "Team Renamed In Preview")
    wait_for(base + PAGE, lambda text: "Team Renamed In Preview" in text, server, log)

    # A broken playbook shows its error at the top of its page; the server keeps running.
    source = project / PLAYBOOK
    source.write_text(re.sub(r"(?m)^persona:.*$", "persona: nobody-here", source.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    page = wait_for(base + PAGE, lambda text: "This page has errors" in text, server, log)
    assert f"{PLAYBOOK}:" in page
    assert "persona : unknown persona 'nobody-here'" in page
    assert page.index("This page has errors") < page.index("unknown persona")

    # Other pages keep working, without the box.
    status, home = fetch(base)
    assert status == 200 and "Journeybook" in text_of(home)
    assert "This page has errors" not in text_of(home)

    # site_config/ is watched too: labels edited there show on the next rebuild, also those that
    # shared macros print (the lifecycle badge comes from _site.html, which Jinja2 keeps).
    labels = project / "site_config" / "labels" / "en.yml"
    text = labels.read_text(encoding="utf-8")
    text = text.replace("preview_errors_title: This page has errors", "preview_errors_title: Fix me first")
    labels.write_text(text.replace("lifecycle_active: Active", "lifecycle_active: Live in preview"), encoding="utf-8")
    wait_for(base + PAGE, lambda text: "Fix me first" in text, server, log)
    wait_for(base + "journeys/", lambda text: "Live in preview" in text, server, log)
    assert server.poll() is None


def test_a_strict_build_still_fails_on_the_error_the_preview_shows(project: Path) -> None:
    source = project / PLAYBOOK
    source.write_text(re.sub(r"(?m)^persona:.*$", "persona: nobody-here", source.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code != 0
    assert f"{PLAYBOOK}:" in result.output and "unknown persona 'nobody-here'" in result.output
    assert not (project / "site" / "journeys" / "mortgage-application" / "index.html").exists()


@pytest.fixture
def served_dirty(project: Path) -> Iterator[tuple[str, subprocess.Popen[str], Path]]:
    """``mkdocs serve --dirty``, logging every plugin event (``--verbose``)."""
    with mkdocs_serve(project, "--dirty", "--no-strict", "--verbose") as running:
        yield running


def _pages_converted_since(log: Path, mark: int) -> int:
    """Pages whose Markdown was converted after ``mark`` (MkDocs logs each plugin event it runs)."""
    return log.read_text(encoding="utf-8")[mark:].count("Running `page_content` event from plugin 'journeybook'")


def test_dirty_preview_rebuilds_the_edited_playbook_and_only_the_hub_pages_it_changes(project: Path, served_dirty: tuple[str, subprocess.Popen[str], Path]) -> None:
    base, server, log = served_dirty
    wait_for(base + "journeys/", lambda text: "Mortgage" in text, server, log)
    source = project / PLAYBOOK

    # Prose only: the playbook page changes, no generated page does, so none is built again.
    mark = len(log.read_text(encoding="utf-8"))
    source.write_text(source.read_text(encoding="utf-8") + "\nA sentence added while previewing.\n", encoding="utf-8")
    page = wait_for(base + PAGE, lambda text: "A sentence added while previewing." in text, server, log)
    assert _pages_converted_since(log, mark) == 1
    # The skipped hub pages keep their titles in the navigation of the page that was rebuilt.
    assert "Review queue" in page and "Tags" in page

    # A new title changes the catalog: it is built again and shows it.
    mark = len(log.read_text(encoding="utf-8"))
    source.write_text(re.sub(r"(?m)^title:.*$", "title: Mortgage retitled in preview", source.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    wait_for(base + "journeys/", lambda text: "Mortgage retitled in preview" in text, server, log)
    assert _pages_converted_since(log, mark) > 1


HUB_PAGES = ("journeys/", "kpis/", "verification/", "teams/retail-lending/", "journeys.json", "kpis.json")


def _article(page: str) -> str:
    """A page's own content: a --dirty preview leaves the titles of pages it skipped out of the nav."""
    return page[page.find("<article"):page.find("</article>")] if "<article" in page else page


def test_dirty_preview_hub_pages_equal_a_fresh_build_after_edits(project: Path, served_dirty: tuple[str, subprocess.Popen[str], Path]) -> None:
    """Hub-page pieces kept from the last rebuild (journeybook.render.fragments) never show old content."""
    base, server, log = served_dirty
    wait_for(base + "journeys/", lambda text: "Mortgage" in text, server, log)
    source = project / PLAYBOOK
    text = source.read_text(encoding="utf-8")
    # Two saves in a row, the second reusing what the first rendered; then every KPI target moved.
    for title in ("Mortgage retitled once", "Mortgage retitled twice"):
        text = re.sub(r"(?m)^title:.*$", f"title: {title}", text, count=1)
        source.write_text(text, encoding="utf-8")
        wait_for(base + "journeys/", lambda page: title in page, server, log)
    source.write_text(re.sub(r"(?m)^(\s+target:) .*$", r"\1 1000000", text), encoding="utf-8")
    wait_for(base + "kpis.json", lambda page: "1000000" in page, server, log)

    built = mkdocs_build(project, "--site-dir", "fresh")
    assert built.code == 0, built.output
    for uri in HUB_PAGES:
        fresh = project / "fresh" / uri / ("index.html" if uri.endswith("/") else "")
        assert _article(fetch(base + uri)[1]) == _article(fresh.read_text(encoding="utf-8")), uri
