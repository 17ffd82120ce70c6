"""The real app served by uvicorn on a free loopback port, in its own thread and event loop.

Browser tests drive it with chromium; API tests that must behave like an outside client (real HTTP, real
headers, nothing in-process) talk to it with httpx.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import uvicorn

from tests.support.mailbox import SmtpServer


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve(smtp: SmtpServer, **overrides: Any) -> LiveServer:
    """Start the real app with uvicorn in a background thread (its own event loop)."""
    from backend.app import create_app
    from tests.conftest import make_settings

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    settings = make_settings(smtp, base_url=url, **overrides)
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"live-server-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the live server did not start")
        time.sleep(0.02)
    return LiveServer(url=url, server=server, thread=thread)
