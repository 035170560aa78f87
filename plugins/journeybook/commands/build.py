"""``journeybook build``: a strict build that replaces the published site only when it succeeds.

MkDocs writes straight into ``site_dir``, so a failed or interrupted build leaves half a site.
We build into a private temporary folder beside it and swap it in under a lock: readers see
either the last good site or the new one, and two concurrent builds never mix their pages.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("build", help="build the site with --strict and publish it only if the build succeeds")
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="where the good site is published (default: site)")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--no-strict", dest="strict", action="store_false", help="publish even when there are warnings")
    parser.set_defaults(handler=run)


def _swap(new: Path, target: Path) -> None:
    """Replace ``target`` with ``new`` with two renames, so no reader sees a partial site."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def run(args: argparse.Namespace, root: Path) -> int:
    config = (root / args.config_file).resolve()
    if not config.is_file():
        raise UsageError(f"{args.config_file}: no such MkDocs configuration")
    target = (root / args.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(work)]
        if args.strict:
            command.append("--strict")
        if subprocess.run(command, cwd=root).returncode != 0:
            print(f"journeybook: build failed; {args.site_dir} was left as it was", file=sys.stderr)
            return 1
        with open(target.parent / f".{target.name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            _swap(work, target)
        print(f"journeybook: site published to {args.site_dir}", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
