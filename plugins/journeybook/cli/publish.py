"""Publishing a finished site in one atomic step, so no kill at any moment loses the site.

A build writes into ``.<site>-build-<pid>-*`` beside the published folder. Publishing is then
one system call: on Linux ``renameat2(RENAME_EXCHANGE)`` swaps the two folders (the old site
lands in the build folder's name and is removed afterwards), and a first publish is one
``rename``. Where the exchange is unavailable (another kernel or libc, a file system without
it), ``<site>`` becomes a symbolic link to ``.<site>-live-<pid>-<ns>`` and each publish replaces
the link with one ``os.replace``. Either way the good site is removed only once its successor
is in place, and the next build recognises what a killed one left: build folders and live
folders no link points to are removed, but when the site itself is missing (a kill between
the two renames of an older Journeybook, or while a real folder first becomes a link), the
newest complete site left aside is put back instead of being deleted.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import time
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM}
"""What ``renameat2`` answers where the kernel or the file system has no exchange."""


def _renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    """libc's ``renameat2`` (glibc 2.28 and later), or None where libc has none."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False when this system cannot (nothing was changed)."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def ordinary_permissions(folder: Path) -> None:
    """Folders 0755 and files 0644 (less what the umask takes away), as a web server expects.

    The build folder comes from ``mkdtemp``, which makes it 0700: published as is, a web server
    running as another user could not read the site.
    """
    mask = _umask()
    os.chmod(folder, 0o755 & ~mask)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), 0o755 & ~mask)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644 & ~mask)


def _live_name(target: Path) -> Path:
    return target.with_name(f".{target.name}-live-{os.getpid()}-{time.time_ns()}")


def _switch_link(work: Path, target: Path) -> None:
    """The fallback: ``target`` is a link to a live folder, replaced by one ``os.replace``."""
    aside = _live_name(target)  # named first, so the new site is the newest live folder
    live = _live_name(target)
    os.rename(work, live)
    link = target.with_name(f".{target.name}-link-{os.getpid()}")
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(live.name, link)
    previous: Path | None = target.parent / os.readlink(target) if target.is_symlink() else None
    if previous is None and os.path.lexists(target):
        # A real folder becomes a link: the one publish with a moment without a site; the
        # folder set aside is a live folder, so a kill here is repaired by the next build.
        previous = aside
        os.rename(target, previous)
    os.replace(link, target)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def publish(work: Path, target: Path) -> None:
    """Put the finished site ``work`` in place of ``target`` in one atomic step."""
    ordinary_permissions(work)
    if target.is_symlink():
        _switch_link(work, target)
    elif not os.path.lexists(target):
        os.rename(work, target)
    elif exchange(work, target):
        shutil.rmtree(work, ignore_errors=True)  # the previous site, now under the build's name
    else:
        _switch_link(work, target)


def _alive(pid: int) -> bool:
    """Signal 0 checks that a process exists (one of another user exists too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _leftovers(target: Path) -> dict[str, list[tuple[int, Path]]]:
    """Folders and links of dead builds beside ``target``, by kind, oldest first."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}-(build|old|live|link)-(\d+)(?:-(\d+))?")
    found: dict[str, list[tuple[int, Path]]] = {"build": [], "old": [], "live": [], "link": []}
    for path in target.parent.iterdir():
        match = pattern.match(path.name)
        if match and not _alive(int(match.group(2))):
            found[match.group(1)].append((int(match.group(3) or 0), path))
    for paths in found.values():
        paths.sort()
    return found


def recover(target: Path) -> None:
    """Clean up after killed builds; when the site is missing, put back the last good one.

    Call it holding the publishing lock, so no other build is between two of its steps.
    """
    found = _leftovers(target)
    if not os.path.lexists(target):
        candidates = found["live"] or found["old"]
        if candidates:
            os.rename(candidates.pop()[1], target)
    published = (target.parent / os.readlink(target)).name if target.is_symlink() else None
    for kind, paths in found.items():
        for _, path in paths:
            if path.name == published:
                continue
            if kind == "link" or path.is_symlink():
                os.unlink(path)
            elif path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
