"""What the web shell provides to domain code, as protocols: domain packages never import `backend`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class Mailer(Protocol):
    """Queues an e-mail; called inside a domain transaction, sent only once that commits."""

    async def send(
        self,
        *,
        to: str,
        template: str,
        context: Mapping[str, Any],
        locale: str = "de",
        municipality_id: int | None = None,
        forget: bool = False,
    ) -> None:
        """`template` names a jinja2 template pair `<template>.subject.txt` / `<template>.body.txt`;
        `municipality_id` the municipality the mail is sent for (its admins see it in their outbox);
        `forget`: once delivered, the outbox keeps neither address nor body (the mail ties a person to a secret)."""
        ...
