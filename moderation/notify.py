"""The mail an author gets after a decision or a sanction: what happened and why.

Mails come from a no-reply sender, so every mail says not to reply and names the municipality's contact
address for questions (one consistent choice across moderation's mails). A bulk decision collects its mails
in a `Batch`: each author gets one summary of all their contributions decided, not one mail per item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from piccolo.apps.user.tables import BaseUser

from geo.ports import Mailer
from geo.tables import Municipality


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

    async def send(self, mailer: Mailer | None, municipality_id: int) -> None:
        """One mail per author: the single decision's mail, or a summary listing every contribution."""
        for author_id, mails in self.by_author.items():
            if len(mails) == 1:
                await tell(mailer, author_id, municipality_id, "decision", mails[0])
            else:
                await tell(mailer, author_id, municipality_id, "decisions", {"decisions": mails})
