"""``journeybook build``: a strict build that replaces the published site only when it succeeds.

Strict means MkDocs' own warnings fail it; content warnings are logged at info level and
shown on the pages (``journeybook.mkdocs_plugin.plugin``), so they never do.

MkDocs writes straight into ``site_dir``, so a failed or interrupted build leaves half a site.
We build into a private temporary folder beside it and swap it in under a lock: readers see
either the last good site or the new one, and two concurrent builds never mix their pages.
A build that was killed cannot clean up after itself, so each build first removes the
temporary folders of builds whose process is gone (their names carry the process id).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from journeybook.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "build", help="build the site with --strict and publish it only if the build succeeds",
        description="Build the site and publish it only if the build succeeds. Strict about MkDocs' own warnings (a broken "
        "link, a missing file) unless --no-strict; content warnings (an overdue review, a KPI without data) never stop it: "
        "the site shows them.",
    )
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="where the good site is published (default: site)")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--no-strict", dest="strict", action="store_false", help="publish even when MkDocs warns (a broken link, a missing file)")
    parser.set_defaults(handler=run)


def _alive(pid: int) -> bool:
    """Signal 0 checks that a process exists (one of another user exists too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _remove_stale(target: Path) -> None:
    """Remove ``.site-build-<pid>-*`` and ``.site-old-<pid>`` folders left by dead builds."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}-(?:build|old)-(\d+)(?:-|$)")
    for folder in target.parent.iterdir():
        found = pattern.match(folder.name)
        if found and folder.is_dir() and not _alive(int(found.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


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
    _remove_stale(target)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-{os.getpid()}-", dir=target.parent))
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
