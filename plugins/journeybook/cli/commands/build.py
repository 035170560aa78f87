"""``journeybook build``: a strict build that replaces the published site only when it succeeds.

Strict means MkDocs' own warnings fail it; content warnings are logged at info level and
shown on the pages (``journeybook.mkdocs_plugin.plugin``), so they never do.

MkDocs writes straight into ``site_dir``, so a failed or interrupted build leaves half a site.
We build into a private temporary folder beside it and publish it in one atomic step under a
lock (``journeybook.cli.publish``): readers see either the last good site or the new one, two
concurrent builds never mix their pages, and a build killed at any moment leaves a whole site.
A killed build cannot clean up after itself, so each build first recognises what dead builds
left (their names carry the process id). The site folder may not be one the build reads.
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

from journeybook.cli.publish import publish, recover
from journeybook.cli.site_files import (
    MANIFEST,
    carry_over,
    made_by_a_build,
    write_manifest,
)
from journeybook.errors import BuildProblem, UsageError
from journeybook.read.layout import Layout, docs_dir_of, folder_setting


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "build", help="build the site with --strict and publish it only if the build succeeds",
        description="Build the site and publish it only if the build succeeds. Strict about MkDocs' own warnings (a broken "
        "link, a missing file) unless --no-strict; content warnings (an overdue review, a KPI without data) never stop it: "
        "the site shows them.",
    )
    parser.add_argument("--site-dir", type=Path, help="where the good site is published (default: site_dir of the MkDocs configuration, else site)")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--no-strict", dest="strict", action="store_false", help="publish even when MkDocs warns (a broken link, a missing file)")
    parser.add_argument("-q", "--quiet", action="store_true", help="show only MkDocs' warnings and errors")
    parser.set_defaults(handler=run)


def _sources(root: Path, config: Path) -> list[tuple[Path, str]]:
    """The folders a build reads, named as a message shows them."""
    try:
        named = docs_dir_of(config)
        docs_dir = (config.parent / named).resolve() if named is not None else None
    except BuildProblem:
        docs_dir = None  # MkDocs reports a broken configuration and publishes nothing
    layout = Layout.at(root)
    folders = [(root, "the project folder"), (config.parent, "the folder of the MkDocs configuration")]
    folders += [(path, f"{path.relative_to(root).as_posix()}/") for path in (layout.root / "data", layout.config_dir, layout.templates_dir)]
    if docs_dir is not None:
        folders.append((docs_dir, f"{layout.rel(docs_dir)}/ (docs_dir)"))
    return folders


def _refuse_sources(target: Path, root: Path, config: Path, given: Path) -> None:
    """A site folder that is, holds or lies inside a folder the build reads is refused (exit 2).

    Publishing replaces the site folder and removes what it held: ``--site-dir content`` would
    delete every playbook, ``--site-dir .`` the project. Only the project folder and the folder
    of mkdocs.yml may hold the site (``site/`` lies inside the project). Any other folder that
    holds files is refused unless a build made it (``plugins``, ``.git``, a home folder, a
    hand-made intranet with its own ``index.html``).
    """
    for index, (source, name) in enumerate(_sources(root, config)):
        if target == source:
            relation = "is"
        elif source.is_relative_to(target):
            relation = "holds"
        elif target.is_relative_to(source) and index >= 2:
            relation = "lies inside"
        else:
            continue
        raise UsageError(
            f"--site-dir {given}: the site folder {relation} {name}, which the build reads; publishing "
            "replaces the site folder and deletes what it held. Choose a folder outside the sources, such as site (the default)"
        )
    if os.path.lexists(target) and not target.is_dir():
        raise UsageError(f"--site-dir {given}: it is a file, not a folder; publishing would delete it. Choose another folder")
    if target.is_dir() and any(target.iterdir()) and not made_by_a_build(target):
        raise UsageError(
            f"--site-dir {given}: the folder holds files but no site built before (no {MANIFEST}, no MkDocs "
            "index.html and sitemap.xml); publishing would delete what it holds. Empty or remove it, or choose another folder"
        )


def _site_folder(root: Path, site_dir: Path) -> Path:
    """The published folder; a link Journeybook made (to a live folder) stays a link."""
    target = root / site_dir
    target = target.parent.resolve() / target.name
    if target.is_symlink() and os.readlink(target).startswith(f".{target.name}-live-"):
        return target
    return target.resolve()


def _mkdocs(command: list[str], root: Path, quiet: bool) -> int:
    """Run MkDocs; quiet drops its INFO lines here rather than passing ``-q`` on.

    MkDocs' ``-q`` raises the log level before ``--strict`` counts warnings, so a quiet strict
    build passes despite them (a known MkDocs bug): the build must always run at full level.
    """
    if not quiet:
        return subprocess.run(command, cwd=root).returncode
    with subprocess.Popen(command, cwd=root, stderr=subprocess.PIPE, text=True, errors="replace") as process:
        assert process.stderr is not None
        shown = True
        for line in process.stderr:
            if re.match(r"[A-Z]+ +- ", line):  # a record starts; the lines after it continue it
                shown = not line.startswith("INFO")
            if shown:
                sys.stderr.write(line)
    return process.returncode


def _named(files: list[str]) -> str:
    """``a.pdf``, ``a.pdf and b.txt`` or ``a.pdf, b.txt and 3 more files``, as a message names them."""
    if len(files) > 3:
        return f"{', '.join(files[:2])} and {len(files) - 2} more files"
    return " and ".join(filter(None, (", ".join(files[:-1]), files[-1])))


def _site_dir(args: argparse.Namespace, config: Path, root: Path) -> Path:
    """``--site-dir``, else the configuration's ``site_dir`` (so ``mkdocs build`` agrees), else ``site``.

    Returned as the user would write it from ``root``, for messages.
    """
    if args.site_dir is not None:
        return args.site_dir
    named = folder_setting(config, "site_dir", "site", "public")
    if named is None:
        print(f"journeybook: site_dir in {args.config_file} is set through a tag; publishing to site (choose with --site-dir)", file=sys.stderr)
        return Path("site")
    folder = config.parent / named
    return Path(os.path.relpath(folder, root)) if not Path(named).is_absolute() else Path(named)


def run(args: argparse.Namespace, root: Path) -> int:
    config = (root / args.config_file).resolve()
    if not config.is_file():
        raise UsageError(f"{args.config_file}: no such MkDocs configuration")
    args.site_dir = _site_dir(args, config, root)
    target = _site_folder(root, args.site_dir)
    _refuse_sources(target, root, config, args.site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.parent / f".{target.name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        recover(target)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-{os.getpid()}-", dir=target.parent))
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(work)]
        if args.strict:
            command.append("--strict")
        if _mkdocs(command, root, args.quiet) != 0:
            kept = "was left as it was" if os.path.lexists(target) else "was not published (there was none before)"
            print(f"journeybook: build failed; {args.site_dir} {kept}", file=sys.stderr)
            return 1
        write_manifest(work)
        with open(lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            kept, clashing = carry_over(target, work)
            if clashing:
                raise UsageError(
                    f"{args.site_dir}: {_named(clashing)} put there by hand, and the build now writes a file of that name; "
                    f"move it out of {args.site_dir}, then build again ({args.site_dir} was left as it was)"
                )
            publish(work, target)
        if kept:
            print(f"journeybook: kept {_named(kept)} in {args.site_dir}: not made by a build", file=sys.stderr)
        print(f"journeybook: site published to {args.site_dir}", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
