"""A PostgreSQL cluster of a test's own, in a temporary folder, on a free loopback port.

Never the machine's shared server: the fault tests stop, restart and crash this one. `initdb` refuses to run
as root, so as root the cluster belongs to the `postgres` user (`runuser`), in a folder that user may read.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BINDIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bindir() -> Path | None:
    """Where initdb and pg_ctl live (Debian's newest major version first), or None."""
    for folder in BINDIRS:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def unavailable_reason() -> str | None:
    """Why no cluster can be started here (None when one can)."""
    if bindir() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, but there is no `postgres` user to own a throwaway cluster"
    return None


@dataclass
class Cluster:
    folder: Path
    port: int

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = [str(bindir() / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")

    def start(self) -> None:
        # fsync off: the tests crash processes, not the machine, and the page cache survives a process crash.
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=60 -c shared_buffers=32MB"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """`fast` (a restart: sessions are told and rolled back) or `immediate` (a crash: recovery from WAL)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def remove(self) -> None:
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # not running
        shutil.rmtree(self.folder, ignore_errors=True)


def new_cluster() -> Cluster:
    folder = Path(tempfile.mkdtemp(prefix="stadtstimme-faults-pg-"))
    if os.geteuid() == 0:
        postgres = pwd.getpwnam("postgres")
        os.chown(folder, postgres.pw_uid, postgres.pw_gid)
    cluster = Cluster(folder, free_port())
    started = time.monotonic()
    cluster.init()
    cluster.start()
    cluster.seconds_to_start = time.monotonic() - started  # type: ignore[attr-defined]
    return cluster
