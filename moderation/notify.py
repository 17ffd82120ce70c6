"""The mail an author gets after a decision or a sanction: what happened and why."""

from __future__ import annotations

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
    row = await Municipality.select(Municipality.name).where(Municipality.id == municipality_id).first()
    await mailer.send(
        to=address,
        template=f"moderation/{template}",
        context={"name": name, "municipality": row["name"] if row else "", **context},
        municipality_id=municipality_id,
    )
