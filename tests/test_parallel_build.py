"""``mkdocs build`` with the second process (``parallel``, on by default) makes the very same site.

A generated project of 24 playbooks is big enough for the plugin to start the second process.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build, run

PLAYBOOKS = 24
USED = re.compile(r"(\d+) of (\d+) playbook pages and generated files came from the second process")
HOOK = '''
from mkdocs.plugins import event_priority

@event_priority(100)  # before journeybook's
def on_page_markdown(markdown, page, **kwargs):
    return markdown + "\\n\\nA sentence another plugin added.\\n"
'''


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("parallel") / "project"
    made = run([sys.executable, str(REPO / "benchmarks" / "generate.py"), str(PLAYBOOKS), str(project)], cwd=REPO)
    assert made.code == 0, made.output
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "hooked.yml").write_text(config + "hooks:\n  - hook.py\n", encoding="utf-8")
    (project / "hook.py").write_text(HOOK, encoding="utf-8")
    return project


def _files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_the_second_process_renders_every_playbook_and_the_site_is_the_same(generated: Path) -> None:
    parallel = mkdocs_build(generated, "--verbose", "--site-dir", "site-parallel")
    assert parallel.code == 0, parallel.output
    used = USED.search(parallel.output)
    assert used is not None, parallel.output
    # Which process gets to each job first varies from run to run; the worker gets to some.
    assert 0 < int(used.group(1)) <= int(used.group(2)) and int(used.group(2)) > PLAYBOOKS
    sequential = mkdocs_build(generated, "--verbose", "--site-dir", "site-sequential", config="mkdocs-one-process.yml")  # written by generate.py
    assert sequential.code == 0, sequential.output
    assert "second process" not in sequential.output

    ours, theirs = _files(generated / "site-parallel"), _files(generated / "site-sequential")
    assert ours.keys() == theirs.keys()
    assert len([name for name in ours if name.startswith("journeys/journey-")]) == PLAYBOOKS
    assert [name for name in ours if ours[name] != theirs[name]] == []
    page = ours["journeys/journey-0001/index.html"].decode()
    assert 'class="jb-table jb-map"' in page and "JBHTML" not in page


def test_markdown_another_plugin_changed_is_rendered_by_the_plugin_itself(generated: Path) -> None:
    result = mkdocs_build(generated, "--verbose", "--site-dir", "site-hooked", config="hooked.yml")
    assert result.code == 0, result.output
    used = USED.search(result.output)
    assert used is not None, result.output
    assert int(used.group(1)) <= int(used.group(2)) - PLAYBOOKS  # never a playbook page
    page = (generated / "site-hooked" / "journeys" / "journey-0001" / "index.html").read_text(encoding="utf-8")
    assert "A sentence another plugin added." in page
    assert 'class="jb-table jb-map"' in page and "JBHTML" not in page
