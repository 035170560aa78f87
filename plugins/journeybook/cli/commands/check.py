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
from journeybook.model.project import load_project
from journeybook.read.layout import Layout


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("check", help="validate playbooks, personas, teams, taxonomies and measurements")
    parser.add_argument("paths", nargs="*", type=Path, help="playbook files or folders to check (default: all)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1); 'strict: true' in site_config/settings.yml does the same")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    parser.set_defaults(handler=run)


def _playbooks(paths: list[Path], layout: Layout) -> list[Path] | None:
    if not paths:
        return None
    chosen: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        chosen.extend(sorted(path.rglob("*.md")) if path.is_dir() else [path])
    return [p.resolve() for p in chosen]


def run(args: argparse.Namespace, root: Path) -> int:
    layout = site_layout(root)
    project = load_project(layout, only=_playbooks(args.paths, layout))
    findings = project.findings.sorted()
    output = FORMATS[args.format](findings)
    if output:
        print(output)
    strict = args.strict or project.site.settings.strict
    failing = project.findings.errors or (strict and project.findings.warnings)
    if args.format == "text" and not failing and not findings:
        print(f"checked {len(project.journeys)} playbooks: no problems", file=sys.stderr)
    if args.format == "text" and failing and not project.findings.errors:
        why = "--strict" if args.strict else "strict: true in site_config/settings.yml"
        print(f"journeybook: warnings fail this check ({why}); builds publish them", file=sys.stderr)
    return 1 if failing else 0
