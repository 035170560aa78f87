"""The benchmark's synthetic project must be valid, or its timings would measure error paths."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO, journeybook, run


def test_generated_project_passes_the_strict_check(tmp_path: Path) -> None:
    project = tmp_path / "bench"
    made = run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "3", str(project)], cwd=REPO)
    assert made.code == 0, made.output
    assert sorted(p.name for p in (project / "content" / "journeys").glob("*.md")) == [
        "journey-0001.md", "journey-0002.md", "journey-0003.md",
    ]
    result = journeybook("check", "--strict", cwd=project)
    assert result.code == 0, result.output
    assert "checked 3 playbooks: no problems" in result.stderr
