"""Reply templates: the public replies staff send most, per municipality; admins keep them, staff insert them."""

from __future__ import annotations

from typing import Any

from defects.schemas import ReplyTemplate as ReplyTemplateOut
from defects.schemas import ReplyTemplateIn
from defects.tables import ReplyTemplate
from geo import clock
from geo.clock import aware
from geo.errors import NotFound
from moderation import audit


class ReplyTemplateNotFound(NotFound):
    code = "reply-template-not-found"

    def __init__(self) -> None:
        super().__init__("Diese Vorlage gibt es hier nicht.", "There is no such template here.", field="id")


def _out(row: dict[str, Any]) -> ReplyTemplateOut:
    return ReplyTemplateOut(id=row["id"], name=row["name"], text=row["text"], updated_at=aware(row["updated_at"]))


async def list_templates(municipality_id: int) -> list[ReplyTemplateOut]:
    rows = (
        await ReplyTemplate.select()
        .where(ReplyTemplate.municipality == municipality_id)
        .order_by(ReplyTemplate.name)
        .order_by(ReplyTemplate.id)
    )
    return [_out(r) for r in rows]


async def _one(municipality_id: int, template_id: int) -> dict[str, Any]:
    row = (
        await ReplyTemplate.select()
        .where((ReplyTemplate.id == template_id) & (ReplyTemplate.municipality == municipality_id))
        .first()
    )
    if row is None:
        raise ReplyTemplateNotFound()
    return row


async def create(municipality_id: int, data: ReplyTemplateIn, *, actor_id: int) -> ReplyTemplateOut:
    async with ReplyTemplate._meta.db.transaction():
        row = ReplyTemplate(municipality=municipality_id, name=data.name, text=data.text)
        await row.save()
        await audit.record(
            municipality_id,
            "reply_template_created",
            actor_id=actor_id,
            after={"template_id": row.id, **data.model_dump()},
        )
    return _out(await _one(municipality_id, row.id))


async def update(municipality_id: int, template_id: int, data: ReplyTemplateIn, *, actor_id: int) -> ReplyTemplateOut:
    async with ReplyTemplate._meta.db.transaction():
        before = await _one(municipality_id, template_id)
        await ReplyTemplate.update(
            {ReplyTemplate.name: data.name, ReplyTemplate.text: data.text, ReplyTemplate.updated_at: clock.now()}
        ).where(ReplyTemplate.id == template_id)
        await audit.record(
            municipality_id,
            "reply_template_changed",
            actor_id=actor_id,
            before={"template_id": template_id, "name": before["name"], "text": before["text"]},
            after={"template_id": template_id, **data.model_dump()},
        )
    return _out(await _one(municipality_id, template_id))


async def remove(municipality_id: int, template_id: int, *, actor_id: int) -> None:
    async with ReplyTemplate._meta.db.transaction():
        before = await _one(municipality_id, template_id)
        await ReplyTemplate.delete().where(ReplyTemplate.id == template_id)
        await audit.record(
            municipality_id,
            "reply_template_deleted",
            actor_id=actor_id,
            before={"template_id": template_id, "name": before["name"], "text": before["text"]},
        )
