"""The ``journeybook`` command: a thin shell over the core, for people and for CI.

Exit codes: 0 clean, 1 problems found, 2 usage errors. No traceback ever reaches the user;
``JOURNEYBOOK_DEBUG=1`` shows one for maintainers.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from journeybook.cli.commands import COMMANDS
from journeybook.errors import BuildProblem, UsageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="journeybook", description="Start, check, build and compare customer-journey playbook sites.")
    parser.add_argument("--root", type=Path, default=None, help="project folder (the one holding mkdocs.yml); default: found from the current folder")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise UsageError(f"no mkdocs.yml found in {start} or any folder above it; run inside a Journeybook project or pass --root")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace, Path], int] = args.handler
    try:
        if not getattr(args, "needs_project", True):  # ``init`` makes the project
            return handler(args, Path.cwd())
        root = args.root.resolve() if args.root else find_root(Path.cwd())
        if not (root / "mkdocs.yml").is_file():
            raise UsageError(f"{root} has no mkdocs.yml")
        return handler(args, root)
    except UsageError as error:
        print(f"journeybook: error: {error}", file=sys.stderr)
        return 2
    except BuildProblem as problem:
        print(f"journeybook: error: {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("journeybook: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the last line of defence: a message, not a traceback
        if os.environ.get("JOURNEYBOOK_DEBUG"):
            raise
        print(f"journeybook: internal error: {type(error).__name__}: {error} (set JOURNEYBOOK_DEBUG=1 for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
