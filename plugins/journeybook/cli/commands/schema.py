"""``journeybook schema``: writes the JSON Schemas editors use for completion."""

from __future__ import annotations

import argparse
from pathlib import Path

from journeybook.authoring.schema import write_schemas


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("schema", help="write JSON Schemas of the front matter and data files into site_config/")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    for path in write_schemas(root / "site_config"):
        print(f"wrote {path.relative_to(root)}")
    return 0
