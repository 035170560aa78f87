"""What a page shows while previewing (``mkdocs serve``) when its content has errors.

A strict build stops at the first broken playbook, which is right for publishing and wrong
for writing: an author previewing a change needs the rest of the site to keep working and the
mistake shown where they are looking. So in preview each error is placed on the page of the
file it is in; errors in shared files (``data/``, ``site_config/``) are placed on the home page
and on every page that has errors of its own, since they are often the cause.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from journeybook.findings import Finding, Severity
from journeybook.model.project import Project
from journeybook.read.front_matter import YamlProblem, body_of
from journeybook.render.templates import Renderer

TEMPLATE = "preview-errors.html"
HOME = "index.md"


def errors_by_page(project: Project) -> dict[str, list[Finding]]:
    """Each error under the ``src_uri`` of the page that shows it."""
    docs = project.layout.rel(project.layout.docs_dir) + "/"
    pages: dict[str, list[Finding]] = {}
    shared: list[Finding] = []
    for finding in project.findings.sorted():
        if finding.severity is not Severity.ERROR:
            continue
        if finding.file.startswith(docs):
            pages.setdefault(finding.file.removeprefix(docs), []).append(finding)
        else:
            shared.append(finding)
    if shared:
        for src_uri in (HOME, *pages):
            pages[src_uri] = shared + pages.get(src_uri, [])
    return pages


def preview_source(path: Path, project: Project) -> str | None:
    """The body of a page whose own file has errors, for the preview to show under its box.

    MkDocs would read the file itself: one that is not UTF-8 stops the whole preview, and front
    matter that is valid YAML but wrong (``tags: [{a: b}]``) goes into ``page.meta``, where the
    theme's tags plugin stops it too. Such a page gets its body only (undecodable bytes
    replaced, no front matter); its box says what is wrong. ``None`` leaves other pages to MkDocs.
    """
    rel = project.layout.rel(path)
    if not any(f.file == rel and f.severity is Severity.ERROR for f in project.findings.items):
        return None
    try:
        text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
        return body_of(text)
    except (OSError, YamlProblem):  # unreadable, or front matter never closed: no body is known
        return ""


def error_boxes(project: Project, renderer: Renderer) -> dict[str, Markup]:
    """The rendered box of errors for every page that has some, by ``src_uri``."""
    return {src_uri: renderer.render(TEMPLATE, findings=found) for src_uri, found in errors_by_page(project).items()}
