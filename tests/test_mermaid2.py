"""The generated diagrams also work under mkdocs-mermaid2-plugin (``tests/mermaid2/mkdocs.yml``).

The site builds with --strict, mermaid2 loads the site's own Mermaid bundle (no CDN), and in
Chromium every diagram of a playbook becomes an SVG with no error and no request elsewhere.
Two ways it went wrong before, each checked here: the site's bundle, no longer
``window.mermaid`` once mermaid2 loads a second one, started by itself on load and drew an
error diagram into each of Material's diagram hosts; and mermaid2's fence wrote the flowchart's
``<br>`` and ``<small>`` into the page as elements, so the owner ran into the stage name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser_support import OPEN_SHADOW_ROOTS, browser, serve, watch
from conftest import copy_project, mkdocs_build

CONFIG = Path(__file__).parent / "mermaid2" / "mkdocs.yml"
RENDERED = (
    "() => { const d = [...document.querySelectorAll('div.mermaid')];"
    " return d.length === document.querySelectorAll('.jb-diagram > *').length"
    " && d.every(e => e.shadowRoot && e.shadowRoot.querySelector('svg')); }"
)
INSPECT = """() => [...document.querySelectorAll('div.mermaid')].map(host => {
  const svg = host.shadowRoot.querySelector('svg');
  return {
    kind: svg.getAttribute('aria-roledescription'),
    error: svg.textContent.includes('Syntax error'),
    labels: [...svg.querySelectorAll('.node .nodeLabel')].map(n => n.innerHTML),
  };
})"""
# A Mermaid that renders by itself marks what it took (``data-processed``) and may leave error
# diagrams in the light DOM; Material's loader does neither.
STRAY = "() => [...document.querySelectorAll('[data-processed], svg[aria-roledescription=\"error\"]')].map(e => e.outerHTML.slice(0, 200))"


@pytest.mark.browser
def test_generated_diagrams_render_under_mermaid2(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy(CONFIG, project / "mkdocs-mermaid2.yml")
    (project / "content/assets/mermaid2").mkdir(parents=True)
    shutil.copy(project / "node_modules/mermaid/dist/mermaid.min.js", project / "content/assets/mermaid2/mermaid.min.js")
    result = mkdocs_build(project, config="mkdocs-mermaid2.yml")
    assert result.code == 0, result.output
    html = (project / "site/journeys/mortgage-application/index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html and "jsdelivr" not in html
    assert 'src="../../assets/mermaid2/mermaid.min.js"' in html  # mermaid2 did load its bundle
    with serve(project / "site") as base, browser() as context:
        page = context.new_page()  # type: ignore[attr-defined]
        page.add_init_script(OPEN_SHADOW_ROOTS)
        log = watch(page, base)
        page.goto(base + "journeys/mortgage-application/", wait_until="load")
        page.wait_for_function(RENDERED, timeout=20000)
        diagrams = page.evaluate(INSPECT)
        stray = page.evaluate(STRAY)
    # The stage flow, then each row of the journey diagram.
    assert [(d["kind"], d["error"]) for d in diagrams] == [("flowchart-v2", False)] + [("journey", False)] * (len(diagrams) - 1), diagrams
    assert len(diagrams) > 2
    assert stray == []
    # Every stage keeps its owner on a line of its own, and every moment of truth its bold line.
    flow_labels = diagrams[0]["labels"]
    assert flow_labels and all("<br><small>" in label for label in flow_labels), flow_labels
    assert sum("<b>★" in label for label in flow_labels) == html.count("&lt;b&gt;#9733;") > 0, flow_labels
    assert log.foreign_requests == [] and log.console_errors == []
