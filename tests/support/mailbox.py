"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for tests to read."""

from __future__ import annotations

import asyncio
import email
import re
import socket
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mailbox:
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def _find(self, address: str, subject: str) -> EmailMessage | None:
        for message in self.to(address):
            if subject.lower() in str(message["Subject"]).lower():
                return message
        return None

    async def wait_for(self, address: str, subject: str = "", timeout: float = 15) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self._find(address, subject)
            if found is not None:
                return found
            await asyncio.sleep(0.05)
        raise AssertionError(
            f"No mail to {address} with {subject!r} within {timeout}s; got {[m['Subject'] for m in self.messages]}"
        )

    def wait_for_sync(self, address: str, subject: str = "", timeout: float = 15) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self._find(address, subject)
            if found is not None:
                return found
            time.sleep(0.05)
        raise AssertionError(
            f"No mail to {address} with {subject!r} within {timeout}s; got {[m['Subject'] for m in self.messages]}"
        )


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def first_link(message: EmailMessage) -> str:
    match = re.search(r"https?://\S+", body_of(message))
    assert match, "the mail carries no link"
    return match.group(0)


class SmtpServer:
    def __init__(self) -> None:
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        self.running = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self.running:
            self.controller.stop()

    def stop(self) -> None:
        """The mail server goes away: connections to its port are refused."""
        self.controller.stop()
        self.running = False

    def start_again(self) -> None:
        """Back on the same port, keeping the same mailbox."""
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        self.running = True
