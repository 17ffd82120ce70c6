"""The Mailer the domain packages get: renders now, stores in the outbox, wakes the sender."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from backend.accounts.services import locale_for_email
from backend.mail.render import render
from backend.mail.tables import OutgoingMail


class Outbox:
    """Implements geo.ports.Mailer. Runs inside the caller's transaction, so mail and change commit together."""

    def __init__(self) -> None:
        self.wake = asyncio.Event()

    async def send(
        self,
        *,
        to: str,
        template: str,
        context: Mapping[str, Any],
        locale: str | None = None,
        municipality_id: int | None = None,
        forget: bool = False,
    ) -> None:
        if locale is None:
            locale = await locale_for_email(to)
        subject, body = render(template, {**context, "locale": locale}, locale)
        await OutgoingMail(
            to_address=to, subject=subject, body=body, municipality=municipality_id, forget=forget
        ).save()
        self.wake.set()
