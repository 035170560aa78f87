"""The ``journeybook`` command: a thin shell over the core, for people and for CI.

Exit codes: 0 clean, 1 problems found, 2 usage errors. No traceback ever reaches the user;
``JOURNEYBOOK_DEBUG=1`` shows one for maintainers.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Sequence, TextIO

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


class _ReaderMayLeave:
    """stdout that goes quiet once its reader has gone (``journeybook check | head``).

    A closed pipe is no problem of the command's: it goes on to its usual exit code, and the
    rest of its output is dropped (also the part still buffered, which Python would otherwise
    fail to write, with a message, while exiting).
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._reader_left()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._reader_left()

    def _reader_left(self) -> None:
        self._gone = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
            pass

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    stdout = sys.stdout
    sys.stdout = _ReaderMayLeave(stdout)  # type: ignore[assignment]
    try:
        code = _main(argv)
        sys.stdout.flush()
        return code
    finally:
        sys.stdout = stdout


def _main(argv: Sequence[str] | None) -> int:
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
