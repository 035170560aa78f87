"""Measures Journeybook at N playbooks against the targets of issue 8, side by side in one run.

For each N it generates a project (``generate.py``) and its plain twin (``plain.py``) and times,
as separate processes on the same machine, the way a user runs them:
- ``mkdocs build --strict`` of the full site (our plugin, every generated page), and the same
  build in one process (``parallel: false``: without the second process that renders ahead);
- ``mkdocs build`` of the plain twin: the same pages with Material alone (the floor);
- ``journeybook check --strict`` alone (wall time including interpreter start: what CI pays);
- the peak memory of each: the larger of its peak RSS (``os.wait4``: the largest single process
  of its tree) and, for the full build on Linux, the peak sum of PSS over the process and its
  children, sampled every 20 ms in a run of its own (the build's forked worker shares most
  pages with its parent, and PSS counts each shared page once across them; reading PSS slows
  the process measured, so that run is not timed);
- each built site's size and its mean HTML bytes per playbook page;
- at the largest N, one playbook edited twice during ``mkdocs serve --dirty``: seconds from
  saving the file to the served page showing the change, for a prose edit and for a new title
  (which the catalog and other hub pages show).
It prints a table and the targets, and writes everything to ``benchmarks/output/results.json``.
Timings are best-of ``--repeat`` runs. Tests never assert on any of this.

Usage: ``python benchmarks/run.py [--sizes 10,100,1000] [--repeat 1] [--keep]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generate import ONE_PROCESS, TODAY, generate
from plain import make_plain

OUTPUT = Path(__file__).resolve().parent / "output" / "results.json"
ENV = {**os.environ, "JOURNEYBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs"]
JOURNEYBOOK = [sys.executable, "-m", "journeybook.cli.main"]
EDITED = "journey-0001"
SERVE_START_LIMIT = 900.0
EDIT_LIMIT = 120.0


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    tree_pss_mb: float
    """Peak PSS summed over the process and its children (Linux; 0 where /proc has no PSS)."""

    @property
    def memory_mb(self) -> float:
        return max(self.peak_rss_mb, self.tree_pss_mb)


@dataclass
class Site:
    bytes: int
    html_per_playbook: float


@dataclass
class SizeResult:
    playbooks: int
    full_build: Run
    one_process_build: Run
    plain_build: Run
    check: Run
    full_site: Site
    plain_site: Site
    serve_edit_seconds: float | None
    """A prose edit under ``serve --dirty``."""
    serve_title_edit_seconds: float | None
    """An edit that changes the hub pages (a new title) under ``serve --dirty``."""


@dataclass
class Target:
    name: str
    measured: float | None
    limit: float
    unit: str

    @property
    def met(self) -> bool | None:
        return None if self.measured is None else self.measured <= self.limit


class BenchmarkError(Exception):
    """A command that must succeed did not: its timing would mean nothing."""


def _proc_kb(pid: int, name: str, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_pss_kb(pid: int) -> int:
    """PSS of ``pid`` and its descendants, in KB (0 without Linux's /proc)."""
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        children = []
    return _proc_kb(pid, "smaps_rollup", "Pss:") + sum(_tree_pss_kb(child) for child in children)


def _timed(command: list[str], cwd: Path, sample: bool = False) -> Run:
    """Run ``command`` once; wall seconds from spawn to exit, its peak RSS and, if ``sample``, its tree's peak PSS."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    done, peak_pss = threading.Event(), [0]

    def sample_pss() -> None:
        while not done.wait(0.02):
            peak_pss[0] = max(peak_pss[0], _tree_pss_kb(process.pid))

    sampler = threading.Thread(target=sample_pss, daemon=True) if sample else None
    if sampler is not None:
        sampler.start()
    errors = process.stderr.read()  # drained while it runs, so a chatty build never blocks
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    if sampler is not None:
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BenchmarkError(f"{' '.join(command)} in {cwd} exited {process.returncode}:\n{errors.decode()[-3000:]}")
    kilobytes = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Run(round(seconds, 3), round(kilobytes / 1024, 1), round(peak_pss[0] / 1024, 1))


def _best(command: list[str], cwd: Path, repeat: int, sample: bool = False) -> Run:
    """The fastest of ``repeat`` runs, with the most memory any of them (and, if ``sample``, one more run) took."""
    runs = [_timed(command, cwd) for _ in range(repeat)] + ([_timed(command, cwd, sample=True)] if sample else [])
    return Run(min(r.seconds for r in runs[:repeat]), max(r.peak_rss_mb for r in runs), max(r.tree_pss_mb for r in runs))


def _site(site: Path) -> Site:
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    pages = list(site.glob("journeys/journey-*/index.html"))
    return Site(size, round(sum(p.stat().st_size for p in pages) / len(pages)))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, marker: str, limit: float) -> float:
    """Seconds until the page at ``url`` contains ``marker`` (polled every 50 ms)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        page = _fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    raise BenchmarkError(f"{url} did not show {marker!r} within {limit:.0f} s")


def serve_edits(project: Path) -> tuple[float, float]:
    """Seconds from saving an edited playbook to ``mkdocs serve --dirty`` serving the change.

    Two edits, one server: a sentence added to the prose (the usual edit: nothing the
    generated pages show changes) and a new title (the catalog and other hub pages change),
    timed until the catalog shows it.
    """
    port = _free_port()
    command = [*MKDOCS, "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    playbook = project / "content" / "journeys" / f"{EDITED}.md"
    try:
        _wait_for(f"{base}journeys/{EDITED}/", "<html", SERVE_START_LIMIT)
        time.sleep(1.0)  # let the watcher settle after the first build
        marker = f"benchmarkedit{time.time_ns()}"
        playbook.write_text(playbook.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        prose = round(_wait_for(f"{base}journeys/{EDITED}/", marker, EDIT_LIMIT), 3)
        time.sleep(1.0)
        marker = f"retitled{time.time_ns()}"
        playbook.write_text(re.sub(r"(?m)^title: .*$", f"title: {marker}", playbook.read_text(encoding="utf-8"), count=1), encoding="utf-8")
        title = round(_wait_for(f"{base}journeys/", marker, EDIT_LIMIT), 3)
        return prose, title
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def measure(count: int, workdir: Path, repeat: int, serve: bool) -> SizeResult:
    project = generate(workdir / f"full-{count}", count)
    plain = make_plain(project, workdir / f"plain-{count}")
    full_build = _best([*MKDOCS, "build", "--strict", "--quiet"], project, repeat, sample=True)
    one_process = [*MKDOCS, "build", "--strict", "--quiet", "--config-file", ONE_PROCESS, "--site-dir", "site-one-process"]
    one_process_build = _best(one_process, project, repeat)
    plain_build = _best([*MKDOCS, "build", "--quiet"], plain, repeat)
    check = _best([*JOURNEYBOOK, "check", "--strict"], project, repeat)
    prose, title = serve_edits(project) if serve else (None, None)
    return SizeResult(count, full_build, one_process_build, plain_build, check, _site(project / "site"), _site(plain / "site"), prose, title)


def targets(results: list[SizeResult]) -> list[Target]:
    """The targets of issue 8, on the largest N measured (growth: between the two largest).

    The issue states growth from N = 100 to 1,000 (at most 11x, i.e. 1.1x the growth in pages);
    a quick run with other sizes gets the same rule scaled to its own two largest sizes.
    """
    largest = results[-1]
    found = [
        Target(f"full / plain build at N={largest.playbooks}", round(largest.full_build.seconds / largest.plain_build.seconds, 2), 1.25, "x"),
        Target(f"check wall at N={largest.playbooks}", largest.check.seconds, 3.0, "s"),
        Target(
            f"peak memory at N={largest.playbooks}",
            max(largest.full_build.memory_mb, largest.plain_build.memory_mb, largest.check.memory_mb), 1024.0, "MB",
        ),
    ]
    if len(results) > 1:
        smaller = results[-2]
        pages = largest.playbooks / smaller.playbooks
        found += [
            Target(f"build growth N={smaller.playbooks}->{largest.playbooks}", round(largest.full_build.seconds / smaller.full_build.seconds, 2), round(1.1 * pages, 2), "x"),
            Target(
                f"HTML per playbook growth N={smaller.playbooks}->{largest.playbooks}",
                round(largest.full_site.html_per_playbook / smaller.full_site.html_per_playbook, 3), 1.10, "x",
            ),
        ]
    found.append(Target(f"serve --dirty prose edit visible at N={largest.playbooks}", largest.serve_edit_seconds, 3.0, "s"))
    found.append(Target(f"serve --dirty title edit visible in the catalog at N={largest.playbooks}", largest.serve_title_edit_seconds, 3.0, "s"))
    return found


def table(results: list[SizeResult]) -> str:
    header = (
        "| N | full build s | in one process s | plain build s | full/plain | check s | memory full / plain / check MB"
        " | site full / plain MB | HTML per playbook full / plain KB | serve edit s (prose / title) |"
    )
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for r in results:
        lines.append(
            f"| {r.playbooks} | {r.full_build.seconds:.2f} | {r.one_process_build.seconds:.2f} | {r.plain_build.seconds:.2f} | {r.full_build.seconds / r.plain_build.seconds:.2f}"
            f" | {r.check.seconds:.2f} | {r.full_build.memory_mb:.0f} / {r.plain_build.memory_mb:.0f} / {r.check.memory_mb:.0f}"
            f" | {r.full_site.bytes / 1e6:.1f} / {r.plain_site.bytes / 1e6:.1f}"
            f" | {r.full_site.html_per_playbook / 1e3:.1f} / {r.plain_site.html_per_playbook / 1e3:.1f}"
            f" | {'-' if r.serve_edit_seconds is None else f'{r.serve_edit_seconds:.2f} / {r.serve_title_edit_seconds:.2f}'} |"
        )
    return "\n".join(lines)


def target_lines(found: list[Target]) -> str:
    verdict = {True: "met", False: "MISSED", None: "not measured"}
    return "\n".join(
        f"- {t.name}: {'-' if t.measured is None else t.measured} {t.unit} (target <= {t.limit} {t.unit}): {verdict[t.met]}" for t in found
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="comma-separated playbook counts (default: 10,100,1000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command; the fastest counts (default: 1)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve --dirty edit measurement")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and print where they are")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    workdir = Path(tempfile.mkdtemp(prefix="journeybook-bench-"))
    results: list[SizeResult] = []
    try:
        for count in sizes:
            print(f"measuring N={count} ...", file=sys.stderr, flush=True)
            results.append(measure(count, workdir, args.repeat, serve=not args.no_serve and count == sizes[-1]))
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"projects kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    found = targets(results)
    print(table(results))
    print()
    print(target_lines(found))
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    document: dict[str, Any] = {
        "machine": machine,
        "today": TODAY,
        "results": [asdict(r) for r in results],
        "targets": [{**asdict(t), "met": t.met} for t in found],
    }
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {OUTPUT.relative_to(Path.cwd()) if OUTPUT.is_relative_to(Path.cwd()) else OUTPUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
