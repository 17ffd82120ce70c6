"""Mail sent to a person is personal data too: listed in their export, and deleted with their account."""

from __future__ import annotations

from typing import Any

from piccolo.apps.user.tables import BaseUser

from backend.mail.tables import OutgoingMail


async def _address(user_id: int) -> str | None:
    row = await BaseUser.select(BaseUser.email).where(BaseUser.id == user_id).first()
    return str(row["email"]).lower() if row and row["email"] else None


async def export_mails(user_id: int) -> list[dict[str, Any]]:
    address = await _address(user_id)
    if address is None:
        return []
    return list(
        await OutgoingMail.select(OutgoingMail.subject, OutgoingMail.created_at, OutgoingMail.sent_at).where(
            OutgoingMail.to_address == address
        )
    )


async def erase_mails(user_id: int) -> None:
    """Mails to the person, and delivered mails that mention their address (e.g. a department's copy of
    their report's contact), go; a mail still waiting for delivery to someone else is kept."""
    address = await _address(user_id)
    if address is None:
        return
    await OutgoingMail.delete().where(
        (OutgoingMail.to_address == address)
        | (OutgoingMail.sent_at.is_not_null() & OutgoingMail.body.ilike(f"%{address}%"))
    )
