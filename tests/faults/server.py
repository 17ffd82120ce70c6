"""The real app as production runs it: uvicorn with two worker processes, on a free loopback port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

from tests.faults.cluster import free_port

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 2


class Server:
    """`uvicorn backend.app:create_app --factory --workers 2`; its output goes to a log file for the failure text."""

    def __init__(self, env: Mapping[str, str], log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        command = [sys.executable, "-m", "uvicorn", "backend.app:create_app", "--factory"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--workers", str(WORKERS)]
        command += ["--no-access-log", "--log-level", "warning", "--timeout-graceful-shutdown", "5"]
        self._log = log.open("wb")
        self.process = subprocess.Popen(command, env=dict(env), cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)

    def workers(self) -> list[int]:
        """The worker processes' ids (children of uvicorn's supervisor)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            pids = [int(pid) for pid in children.read_text().split()]
        except FileNotFoundError:
            return []
        return [pid for pid in pids if _is_worker(pid)]

    def wait_ready(self, timeout: float = 180) -> None:
        """Both workers up and answering: two workers, then ten health checks in a row on fresh connections.
        (A worker takes 3-5 s to import the app on an idle 2-core machine; a busy one took 50 s.)"""
        deadline = time.monotonic() + timeout
        streak = 0
        while streak < 10:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {self.process.returncode}:\n{self.log()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app did not become ready within {timeout}s:\n{self.log()}")
            try:
                ok = (
                    len(self.workers()) == WORKERS and httpx.get(f"{self.url}/api/health", timeout=2).status_code == 200
                )
            except httpx.HTTPError:
                ok = False
            streak = streak + 1 if ok else 0
            if not ok:
                time.sleep(0.1)

    def kill_worker(self) -> int:
        pid = self.workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-6000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def _is_worker(pid: int) -> bool:
    """uvicorn's workers are multiprocessing children; its supervisor may also run a resource tracker."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return False
    return not any(b"resource_tracker" in part for part in command)
