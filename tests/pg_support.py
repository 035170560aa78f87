"""A real, throwaway PostgreSQL server from Debian's binaries, for the SQL data source tests.

The server runs from ``/usr/lib/postgresql/<version>/bin`` with its data in a fresh temporary
folder, on a free local port, trusting local connections. PostgreSQL refuses to run as root, so
under root (as in CI containers) it runs as the ``postgres`` user (or ``nobody``) via runuser.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

USER = "journeybook"


def postgres_bin() -> Path | None:
    """The newest installed server's bin folder, or ``None`` when PostgreSQL is not installed."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _runner() -> tuple[list[str], int | None, int | None]:
    """The command prefix that drops root, and the uid/gid the data folder must belong to."""
    if os.geteuid() != 0:
        return [], None, None
    for name in ("postgres", "nobody"):
        try:
            account = pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], account.pw_uid, account.pw_gid
    raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL")


@dataclass(frozen=True)
class Server:
    port: int

    @property
    def url(self) -> str:
        """The SQLAlchemy URL a data source uses to reach this server."""
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/postgres"

    def execute(self, *statements: str) -> list[tuple[object, ...]]:
        """Run SQL as the test's superuser; the rows of the last statement."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres", autocommit=True) as connection:
            rows: list[tuple[object, ...]] = []
            for statement in statements:
                cursor = connection.execute(statement)
                rows = cursor.fetchall() if cursor.description else []
            return rows


@contextmanager
def postgres_server(binaries: Path) -> Iterator[Server]:
    prefix, uid, gid = _runner()
    home = Path(tempfile.mkdtemp(prefix="jb-pg-"))
    data = home / "data"
    try:
        if uid is not None:
            os.chmod(home, 0o755)
            os.chown(home, uid, gid or -1)
        port = free_port()
        subprocess.run([*prefix, str(binaries / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync"],
                       check=True, capture_output=True)
        options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run([*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(home / "log"), "-w", "-t", "60", "start"],
                       check=True, capture_output=True)
        try:
            yield Server(port)
        finally:
            subprocess.run([*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
