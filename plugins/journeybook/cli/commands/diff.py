"""``journeybook diff BASE [HEAD]``: what a change does to the playbooks, for a pull-request comment.

HEAD omitted means the working tree, uncommitted edits included (as ``git diff BASE`` does), so
an author can see the effect of a change before committing it. In CI, pass both revisions.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from journeybook.authoring.diff import render_markdown, semantic_diff
from journeybook.authoring.initiative_diff import initiative_diff
from journeybook.cli.site import site_layout
from journeybook.errors import UsageError
from journeybook.model.initiatives import INITIATIVES_DIR
from journeybook.read.revisions import describe, read_sources

WORKING_TREE = "working tree"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "diff", help="what changed in the playbooks between two git revisions, as Markdown for a pull-request comment",
        description="Compare the playbooks of two git revisions: added/removed playbooks, stages, moments of truth, "
        "owners, KPI targets, directions and units, verification; initiatives added, removed, their status and results. Prints Markdown.",
    )
    parser.add_argument("base", metavar="BASE", help="the revision to compare from (a branch, tag or commit)")
    parser.add_argument("head", metavar="HEAD", nargs="?", default=None, help="the revision to compare to; default: the working tree")
    parser.add_argument("--output", type=Path, default=None, help="write the Markdown to this file instead of printing it")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    layout = site_layout(root)
    base_label = describe(root, args.base)
    head_label = describe(root, args.head) if args.head is not None else WORKING_TREE
    diff = semantic_diff(read_sources(layout, args.base), read_sources(layout, args.head), base_label, head_label)
    folder = layout.docs_dir / INITIATIVES_DIR
    initiatives = initiative_diff(read_sources(layout, args.base, folder), read_sources(layout, args.head, folder), base_label, head_label)
    diff = replace(diff, initiatives=initiatives)
    markdown = render_markdown(diff, layout.template_dirs)
    if args.output is not None:
        try:
            args.output.write_text(markdown, encoding="utf-8")
        except OSError as problem:
            raise UsageError(f"--output {args.output}: cannot write the diff there ({problem.strerror or problem}); give the path of a file") from None
    else:
        print(markdown, end="")
    return 0
