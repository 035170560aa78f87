"""Shared by the diagram tests: journeys loaded the way a build loads them, and Mermaid's parser.

Journeys come through the real pipeline (front matter, validation, resolution) from a private
copy of the example project, so hostile labels are exactly what an author could publish.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, copy_project
from journeybook.model.project import load_project
from journeybook.model.resolved import Journey
from journeybook.read.layout import Layout
from journeybook.render.labels import Labels, load_labels

# Every character and word that means something in Mermaid's journey or flowchart syntax.
HOSTILE = [
    "colon: here", "semi; colon", "hash # and entity #58; and #quot;", "comma, separated, actors",
    "two\nlines\tand  tabs", "section Injected", "title Injected", "journey", "accTitle: injected",
    "Section capitalised", "%% comment", '%%{init: {"securityLevel": "loose"}}%%', "arrow --> Injected",
    "end", "click s0 call alert(1)", '"quotes" [brackets] (parens) {braces} |pipes|', "<b>bold</b> & <i>tags</i>",
    "back`ticks` and *stars* _under_", "ﬂ°°58¶ß Mermaid's own placeholder", "Ünïcödé — 😀 ½ €", "style x fill:#f00;",
    "classDef x fill:#f00;", "subgraph y", "100% sure", "a<br>b", "javascript:alert(1)",
]


def hostile_playbook() -> dict[str, Any]:
    """A playbook whose every diagram label is hostile; channels make hostile actors too."""
    stages = [
        {
            "id": f"s{index}", "name": f"Stage {index} {text}" if index % 2 else text, "phase": ("before", "during", "after", "before")[index % 4],
            "emotion": 1 + index % 5, "feeling": f"Feeling {text}", "moment_of_truth": index % 3 == 0,
            "touchpoints": [{"name": f"Touchpoint {text}", "channel": "web", "kind": "owned"}],
            "actions": [text, {"action": f"Scored {text}", "emotion": 5 - index % 5}],
        }
        for index, text in enumerate(HOSTILE)
    ]
    stages.append({"id": "bare", "name": "Bare stage", "phase": "after", "emotion": 3})
    return {
        "title": "Hostile: labels; #58; %%", "description": "Mermaid syntax in every label.", "persona": "first-time-buyer",
        "owner": "retail-lending", "lifecycle": "active", "last_reviewed": "2026-11-01",
        "goals": {"customer": "end", "business": "click"}, "stages": stages,
    }


def write_playbook(project: Path, name: str, playbook: dict[str, Any], channels: dict[str, str] | None = None) -> Path:
    """Add a playbook to a project copy; ``channels`` renames channels (their names are actors)."""
    if channels:
        path = project / "site_config/channels.yml"
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in entries:
            entry["name"] = channels.get(entry["id"], entry["name"])
        path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    path = project / "content/journeys" / f"{name}.md"
    path.write_text(f"---\n{yaml.safe_dump(playbook, allow_unicode=True, sort_keys=False)}---\n\nProse.\n", encoding="utf-8")
    return path


HOSTILE_CHANNELS = {"web": "Web, site: #1; %% end", "app": "section App"}


def load_journey(project: Path, path: Path) -> Journey:
    loaded = load_project(Layout.at(project), only=[path])
    errors = [str(f) for f in loaded.findings.sorted() if f.severity.value == "error"]
    assert not errors, errors
    return next(iter(loaded.journeys.values()))


@lru_cache(maxsize=1)
def example_journeys() -> dict[str, Journey]:
    return dict(sorted(load_project(Layout.at(REPO)).journeys.items()))


def labels(language: str = "en") -> Labels:
    return load_labels(Layout.at(REPO).label_dirs, language)


def hostile_journey(tmp_path: Path) -> Journey:
    project = copy_project(tmp_path / "project")
    return load_journey(project, write_playbook(project, "hostile", hostile_playbook(), HOSTILE_CHANNELS))


_NUMERIC = re.compile("ﬂ°°(\\d+)¶ß")
_NAMED = re.compile("ﬂ°(\\w+)¶ß")


def decode(text: str) -> str:
    """What a reader sees of a text Mermaid parsed: its entity codes turned back into characters."""
    text = _NUMERIC.sub(lambda m: chr(int(m.group(1))), text)
    return _NAMED.sub(lambda m: html.unescape(f"&{m.group(1)};"), text)


def one_line(text: str) -> str:
    return " ".join(text.split())


def mermaid_parse(texts: list[str]) -> list[dict[str, Any]]:
    """Each text as Mermaid's own parser understood it (``tests/mermaid_parse.mjs``)."""
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules/jsdom").is_dir():
        pytest.fail("Node and the npm packages (npm ci) are needed to run Mermaid's parser")
    done = subprocess.run([node, str(REPO / "tests/mermaid_parse.mjs")], input=json.dumps(texts), capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]
