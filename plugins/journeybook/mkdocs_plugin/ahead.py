"""A second process doing Journeybook's share of ``mkdocs build`` ahead of MkDocs.

MkDocs converts pages one after another in one process, and Journeybook's own share of that
(the blocks and header of each playbook page, then the hub pages and exports, all rendered by
Jinja2) is about a third of a big build. On a machine with a second core a forked worker does
it instead, while MkDocs converts the pages in front. Forking hands the worker the loaded
project and the compiled templates without copying anything. The worker runs the jobs in the
order MkDocs will ask for their results, with the very functions the plugin would call, and
writes each result, with the HTML behind its placeholders, to a file of its own in a scratch
folder, so it never waits for the plugin to read.

Each job is claimed (a file created only if it is not there yet) by whichever process gets to
it first. ``take`` hands over a job's result, waiting only while the worker is in the middle of
it; it gives ``None`` when the plugin got there first (the worker is behind), the worker failed
on that job or is gone, and the plugin then does the job itself.
The plugin also does a playbook page itself when the Markdown MkDocs hands over is not the one
the worker started from (another plugin changed it). So the worker can make a build faster,
never different. Only ``mkdocs build`` on Linux uses it, and only while the process runs no
other thread: forking copies locks a thread may hold (``mkdocs serve`` runs several, and redoes
only what an edit touched anyway). Should the worker still get stuck, the plugin stops waiting
after ``STALL_SECONDS``, ends it and carries on alone.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from journeybook.render.placeholders import HtmlPlaceholders

MIN_PLAYBOOKS = 20
"""Below this, forking costs more than it saves."""
WORKER_NUMBERS = 1 << 40
"""The worker numbers its placeholders from here, clear of the plugin's own."""
POLL_SECONDS = 0.002
STALL_SECONDS = 60.0
"""The longest the plugin waits for one job; the largest hub page takes well under a second."""


@dataclass(frozen=True)
class Job:
    key: str
    make: Callable[[], Any]
    """Its result, which must pickle."""


def can_work_ahead(playbooks: int) -> bool:
    """Whether a second process would help and is safe to fork: Linux, one thread, two CPUs, enough pages."""
    if not sys.platform.startswith("linux") or playbooks < MIN_PLAYBOOKS or threading.active_count() > 1:
        return False
    return len(os.sched_getaffinity(0)) >= 2


def _file_name(index: int) -> str:
    return f"{index}.pickle"


def _claim(folder: Path, index: int) -> bool:
    """Claim job ``index`` for this process; False when the other one has."""
    try:
        os.close(os.open(folder / f"{index}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def _work(jobs: list[Job], placeholders: HtmlPlaceholders, folder: Path, parent: int) -> None:
    """The worker: run every job into ``folder``; a job that fails leaves an empty file."""
    placeholders.hand_over()  # inherited from the plugin: not the worker's to send
    placeholders.number_from(WORKER_NUMBERS)
    for index, job in enumerate(jobs):
        if os.getppid() != parent:  # the build is gone, and will not clean up after us
            shutil.rmtree(folder, ignore_errors=True)
            return
        if not _claim(folder, index):
            continue  # the plugin did it itself
        try:
            result = job.make()
            data = pickle.dumps((result, placeholders.hand_over()), pickle.HIGHEST_PROTOCOL)
        except Exception:  # the plugin does this job itself and reports whatever went wrong
            placeholders.hand_over()
            data = b""
        partial = folder / f"{index}.partial"
        partial.write_bytes(data)
        partial.rename(folder / _file_name(index))


def _quietly(jobs: list[Job], placeholders: HtmlPlaceholders, folder: Path, parent: int) -> None:
    """Whatever happens in the worker stays there: the plugin falls back job by job."""
    try:
        _work(jobs, placeholders, folder, parent)
    except BaseException:
        pass


class Ahead:
    """The worker of one build, and the results the plugin has not taken yet."""

    def __init__(self, jobs: list[Job], placeholders: HtmlPlaceholders) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix="journeybook-ahead-")
        self._folder = Path(self._scratch.name)
        self._index = {job.key: index for index, job in enumerate(jobs)}
        self._placeholders = placeholders
        context = multiprocessing.get_context("fork")
        self._process = context.Process(
            target=_quietly, args=(jobs, placeholders, self._folder, os.getpid()), daemon=True, name="journeybook-ahead"
        )

    @classmethod
    def start(cls, jobs: list[Job], placeholders: HtmlPlaceholders) -> Ahead | None:
        """A started worker on ``jobs``, or None when the system will not fork one (memory, process limits)."""
        ahead = cls(jobs, placeholders)
        gc.freeze()  # the worker's collector then leaves the inherited objects, and their memory, shared
        try:
            ahead._process.start()
        except OSError:
            ahead._scratch.cleanup()
            return None
        finally:
            gc.unfreeze()
        return ahead

    def take(self, key: str) -> Any | None:
        """The result of the job ``key``, its HTML handed to the plugin's placeholders; None if there is none."""
        index = self._index.pop(key, None)
        if index is None:
            return None
        path = self._folder / _file_name(index)
        if not path.exists() and _claim(self._folder, index):
            return None  # the worker has not got here yet
        deadline = time.monotonic() + STALL_SECONDS
        while not path.exists():
            if not self._process.is_alive() or time.monotonic() > deadline:
                if path.exists():
                    break
                self._process.terminate()  # stuck: the plugin does the rest itself
                return None
            time.sleep(POLL_SECONDS)
        data = path.read_bytes()
        path.unlink()
        if not data:
            return None
        result, waiting = pickle.loads(data)
        self._placeholders.adopt(waiting)
        return result

    def stop(self) -> None:
        """End the worker (finished or not) and remove its scratch folder."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._scratch.cleanup()
