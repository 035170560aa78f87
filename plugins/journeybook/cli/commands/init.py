"""``journeybook init [DIR]``: start a new site in an empty folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from journeybook.authoring.new_site import init_site
from journeybook.model.project import reference_date


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "init", help="start a new site in an empty folder: configuration, a starter playbook, CI and pre-commit files",
        description="Write a new, minimal site that builds at once. The templates, labels and taxonomies stay in the "
        "installed package (they follow its upgrades); override one by placing a file of the same name in the "
        "site's templates/ or site_config/. Refuses a folder that is not empty.",
    )
    parser.add_argument("folder", metavar="DIR", nargs="?", type=Path, default=Path("."), help="where to start the site (default: the current folder)")
    parser.add_argument("--site-name", help="the site's name in its header and title (default: made from the folder's name)")
    parser.set_defaults(handler=run, needs_project=False)


def run(args: argparse.Namespace, cwd: Path) -> int:
    folder = (cwd / args.folder).resolve()
    site_name = args.site_name or folder.name.replace("-", " ").replace("_", " ").strip().capitalize() or "Customer journeys"
    init_site(folder, site_name, reference_date(None))
    shown = args.folder if str(args.folder) != "." else Path(folder.name)
    print(f"started a Journeybook site in {shown}: run 'journeybook check', then 'journeybook build' (or 'mkdocs serve' to preview)")
    return 0
