"""Warn, mute for a period, block: per person and municipality, each with a reason and a mail.

Only people who belong to or took part in the municipality can be sanctioned there (`people.py`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from geo.clock import aware, now
from geo.errors import NotFound
from geo.ports import Mailer
from moderation import audit, notify, people
from moderation.errors import InvalidDecision
from moderation.schemas import SanctionCreate, SanctionOut
from moderation.tables import Sanction


def _out(row: dict[str, Any]) -> SanctionOut:
    until = aware(row["until"])
    lifted = aware(row["lifted_at"])
    active = row["kind"] != "warn" and lifted is None and (until is None or until > now())
    return SanctionOut(
        id=row["id"],
        user_id=row["user"],
        user_name=row["user_name"],
        kind=row["kind"],
        until=until,
        reason=row["reason"],
        created_at=aware(row["created_at"]),
        lifted_at=lifted,
        active=active,
    )


async def sanctions_of(municipality_id: int, user_id: int | None = None) -> list[SanctionOut]:
    query = Sanction.select(*Sanction.all_columns(), Sanction.user.first_name.as_alias("user_name")).where(
        Sanction.municipality == municipality_id
    )
    if user_id is not None:
        query = query.where(Sanction.user == user_id)
    return [_out(r) for r in await query.order_by(Sanction.id, ascending=False).limit(500)]


async def impose(
    municipality_id: int, moderator_id: int, data: SanctionCreate, *, mailer: Mailer | None
) -> SanctionOut:
    await people.ensure_known_in(municipality_id, data.user_id)  # 404 alike for strangers and unknown ids
    until: datetime | None = aware(data.until)
    if until is not None and until <= now():
        raise InvalidDecision("Das Ende muss in der Zukunft liegen.", "The end must lie in the future.", field="until")
    async with Sanction._meta.db.transaction():
        row = Sanction(
            municipality=municipality_id,
            user=data.user_id,
            kind=data.kind,
            until=until if data.kind != "warn" else None,
            reason=data.reason,
            created_by=moderator_id,
        )
        await row.save()
        await audit.record(
            municipality_id,
            f"sanction_{data.kind}",
            actor_id=moderator_id,
            subject_user_id=data.user_id,
            after={"kind": data.kind, "until": until, "reason": data.reason},
        )
        await notify.tell(
            mailer,
            data.user_id,
            municipality_id,
            "sanction",
            {"kind": data.kind, "until": until.strftime("%d.%m.%Y %H:%M UTC") if until else "", "reason": data.reason},
        )
    return (await sanctions_of(municipality_id, data.user_id))[0]


async def lift(municipality_id: int, moderator_id: int, sanction_id: int) -> SanctionOut:
    async with Sanction._meta.db.transaction():
        found = (
            await Sanction.select(Sanction.user, Sanction.kind)
            .where((Sanction.id == sanction_id) & (Sanction.municipality == municipality_id))
            .first()
        )
        if found is None:
            raise NotFound("Diese Maßnahme gibt es nicht.", "There is no such sanction.", field="sanction_id")
        await Sanction.update({Sanction.lifted_at: now()}).where(Sanction.id == sanction_id)
        await audit.record(
            municipality_id,
            "sanction_lifted",
            actor_id=moderator_id,
            subject_user_id=found["user"],
            before={"kind": found["kind"]},
            after={"lifted": True},
        )
    return next(s for s in await sanctions_of(municipality_id, found["user"]) if s.id == sanction_id)
