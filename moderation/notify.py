"""The mail an author gets after a decision or a sanction: what happened and why.

Mails come from a no-reply sender, so every mail says not to reply and names the municipality's contact
address for questions (one consistent choice across moderation's mails). A bulk decision collects its mails
in a `Batch`: each author gets one summary of all their contributions decided, not one mail per item.
Decisions taken one after the other are collected too: with a quiet time (MODERATION_MAIL_QUIET_SECONDS) each
decision's mail is held (`hold`) and every further decision on the same author's contributions restarts the
wait; a scheduled job (`release_due`) then sends one mail per author for everything held.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from piccolo.apps.user.tables import BaseUser

from geo.clock import aware, now
from geo.ports import Mailer
from geo.tables import Municipality
from moderation.tables import HeldMail


async def email_of(user_id: int | None) -> tuple[str, str] | None:
    if user_id is None:
        return None
    row = await BaseUser.select(BaseUser.email, BaseUser.first_name).where(BaseUser.id == user_id).first()
    if row is None or not row["email"]:
        return None
    return row["email"], row["first_name"] or ""


async def tell(
    mailer: Mailer | None, user_id: int | None, municipality_id: int, template: str, context: dict[str, Any]
) -> None:
    """Queue the mail inside the caller's transaction (sent once it commits); no address, no mail."""
    found = await email_of(user_id)
    if mailer is None or found is None:
        return
    address, name = found
    row = (
        await Municipality.select(Municipality.name, Municipality.contact_email)
        .where(Municipality.id == municipality_id)
        .first()
    )
    await mailer.send(
        to=address,
        template=f"moderation/{template}",
        context={
            "name": name,
            "municipality": row["name"] if row else "",
            "contact": row["contact_email"] if row else "",
            **context,
        },
        municipality_id=municipality_id,
    )


@dataclass
class Batch:
    """Decision mails collected per author during one bulk decision."""

    by_author: dict[int, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, author_id: int | None, mail: dict[str, Any]) -> None:
        if author_id is not None:
            self.by_author.setdefault(author_id, []).append(mail)

    async def send(self, mailer: Mailer | None, municipality_id: int, quiet: timedelta = timedelta(0)) -> None:
        """One mail per author: the single decision's mail, or a summary listing every contribution."""
        for author_id, mails in self.by_author.items():
            if quiet > timedelta(0):
                await hold(author_id, municipality_id, mails, quiet)
            else:
                await tell_decisions(mailer, author_id, municipality_id, mails)


async def tell_decisions(
    mailer: Mailer | None, author_id: int, municipality_id: int, mails: list[dict[str, Any]]
) -> None:
    if len(mails) == 1:
        await tell(mailer, author_id, municipality_id, "decision", mails[0])
    elif mails:
        await tell(mailer, author_id, municipality_id, "decisions", {"decisions": mails})


async def hold(author_id: int | None, municipality_id: int, mails: list[dict[str, Any]], quiet: timedelta) -> None:
    """Keep decision mails back; the author's earlier held mails wait again, so a run of decisions is one mail."""
    if author_id is None or not mails:
        return
    send_after = now() + quiet
    await HeldMail.insert(
        *[
            HeldMail(municipality=municipality_id, author=author_id, mail=json.dumps(mail), send_after=send_after)
            for mail in mails
        ]
    )
    await HeldMail.update({HeldMail.send_after: send_after}).where(
        (HeldMail.author == author_id) & (HeldMail.municipality == municipality_id)
    )


async def release_due(mailer: Mailer | None) -> int:
    """Send what waited long enough: one mail per author and municipality, oldest decision first; returns mails."""
    moment = now()
    rows = await HeldMail.select().order_by(HeldMail.id)
    by_author: dict[tuple[int, int], list[dict[str, Any]]] = {}
    waiting: set[tuple[int, int]] = set()
    for row in rows:
        key = (row["author"], row["municipality"])
        by_author.setdefault(key, []).append(row)
        if aware(row["send_after"]) > moment:
            waiting.add(key)
    sent = 0
    for key, held in by_author.items():
        if key in waiting:
            continue
        author_id, municipality_id = key
        # The scheduler's lease lets one worker at a time run this; mail and deletion commit together.
        async with HeldMail._meta.db.transaction():
            await HeldMail.delete().where(HeldMail.id.is_in([row["id"] for row in held]))
            await tell_decisions(mailer, author_id, municipality_id, [json.loads(row["mail"]) for row in held])
        sent += 1
    return sent
