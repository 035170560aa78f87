"""``journeybook check``: the pull-request gate. Validates without building the site.

Errors fail it; warnings (the content's health: a review or verification overdue, a KPI without
recent data, an unverified moment of truth) are printed and pass, unless ``--strict`` or the
site's ``strict: true`` setting makes them fail too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeybook.cli.reporting import FORMATS
from journeybook.cli.site import site_layout
from journeybook.errors import UsageError
from journeybook.model.initiatives import INITIATIVES_DIR, initiative_files
from journeybook.model.project import load_project
from journeybook.read.layout import Layout
from journeybook.render.mermaid_limits import diagram_findings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("check", help="validate playbooks, initiatives, personas, teams, taxonomies and measurements")
    parser.add_argument("paths", nargs="*", type=Path, help="playbook or initiative files or folders to check (default: all)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1); 'strict: true' in site_config/settings.yml does the same")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    parser.set_defaults(handler=run)


def _playbooks(paths: list[Path], layout: Layout) -> list[Path] | None:
    """The playbooks and initiatives named by ``paths``: files among them, or those inside the folders given.

    Only the project's playbooks and initiatives can be checked as such; a persona, guide or
    file outside the project would get a wrong report (or none), so naming one is a usage error.
    """
    if not paths:
        return None
    pages = [p.resolve() for p in (*layout.playbook_files(), *initiative_files(layout))]
    known = set(pages)
    chosen: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        where = path.resolve()
        inside = [p for p in pages if p.is_relative_to(where)] if where.is_dir() else [where] if where in known else []
        if not inside:
            folders = f"{layout.rel(layout.journeys_dir)}/ or {layout.rel(layout.docs_dir / INITIATIVES_DIR)}/"
            what = "holds no playbook or initiative" if where.is_dir() else "is not a playbook or initiative"
            raise UsageError(f"{path} {what}; they are the .md files under {folders} (other than index.md)")
        chosen.extend(inside)
    return list(dict.fromkeys(chosen))


def _counted(count: int, noun: str) -> str:
    """``1 playbook`` but ``5 playbooks``: the summary line is read by people, not parsed."""
    return f"{count} {noun}{'s' * (count != 1)}"


def run(args: argparse.Namespace, root: Path) -> int:
    layout = site_layout(root)
    project = load_project(layout, only=_playbooks(args.paths, layout))
    project.findings.extend(diagram_findings(project.journeys.values(), layout))
    findings = project.findings.sorted()
    output = FORMATS[args.format](findings)
    if output:
        print(output)
    strict = args.strict or project.site.settings.strict
    failing = project.findings.errors or (strict and project.findings.warnings)
    if args.format == "text" and not failing and not findings:
        checked = _counted(len(project.journeys), "playbook")
        if project.initiatives.items:
            checked += ", " + _counted(len(project.initiatives.items), "initiative")
        print(f"checked {checked}: no problems", file=sys.stderr)
    if args.format == "text" and failing and not project.findings.errors:
        why = "--strict" if args.strict else "strict: true in site_config/settings.yml"
        print(f"journeybook: warnings fail this check ({why}); builds publish them", file=sys.stderr)
    return 1 if failing else 0
