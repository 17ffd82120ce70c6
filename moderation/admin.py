"""Admin settings of moderation: policies and overrides, the flag threshold, the trust rule, the word list."""

from __future__ import annotations

from geo.tables import Municipality
from moderation import audit, screening
from moderation.policy import municipality_policy, save_settings, settings_for
from moderation.schemas import Policies, PoliciesUpdate, PolicyOverrideIn, PolicyOverrideOut, WordList
from moderation.tables import PolicyOverride


async def policies(municipality_id: int) -> Policies:
    settings = await settings_for(municipality_id)
    rows = (
        await PolicyOverride.select()
        .where(PolicyOverride.municipality == municipality_id)
        .order_by(PolicyOverride.content_type)
    )
    return Policies(
        municipality_policy=await municipality_policy(municipality_id),  # type: ignore[arg-type]
        flag_threshold=settings.flag_threshold,
        new_account_items=settings.new_account_items,
        overrides=[
            PolicyOverrideOut(content_type=r["content_type"], context_id=r["context_id"], policy=r["policy"])
            for r in rows
        ],
    )


async def update_policies(municipality_id: int, actor_id: int, data: PoliciesUpdate) -> Policies:
    before = (await policies(municipality_id)).model_dump(exclude={"overrides"})
    async with PolicyOverride._meta.db.transaction():
        if data.municipality_policy is not None:
            await Municipality.update({Municipality.moderation_policy: data.municipality_policy}).where(
                Municipality.id == municipality_id
            )
        values = data.model_dump(include={"flag_threshold", "new_account_items"}, exclude_none=True)
        if values:
            await save_settings(municipality_id, **values)
        await audit.record(
            municipality_id,
            "policies_changed",
            actor_id=actor_id,
            before=before,
            after=data.model_dump(exclude_none=True),
        )
    return await policies(municipality_id)


async def set_override(municipality_id: int, actor_id: int, data: PolicyOverrideIn) -> Policies:
    scope = (
        (PolicyOverride.municipality == municipality_id)
        & (PolicyOverride.content_type == data.content_type)
        & (PolicyOverride.context_id == data.context_id)
    )
    async with PolicyOverride._meta.db.transaction():
        old = await PolicyOverride.select(PolicyOverride.policy).where(scope).first()
        await PolicyOverride.delete().where(scope)
        if data.policy != "inherit":
            await PolicyOverride(
                municipality=municipality_id,
                content_type=data.content_type,
                context_id=data.context_id,
                policy=data.policy,
            ).save()
        await audit.record(
            municipality_id,
            "policy_override",
            actor_id=actor_id,
            before={"policy": old["policy"] if old else "inherit"},
            after=data.model_dump(),
        )
    return await policies(municipality_id)


async def word_list(municipality_id: int) -> WordList:
    settings = await settings_for(municipality_id)
    return WordList(default_words=list(screening.default_words()), extra_words=settings.extra_words)


async def set_words(municipality_id: int, actor_id: int, extra_words: str) -> WordList:
    async with PolicyOverride._meta.db.transaction():
        before = (await settings_for(municipality_id)).extra_words
        await save_settings(municipality_id, extra_words=extra_words)
        await audit.record(
            municipality_id,
            "words_changed",
            actor_id=actor_id,
            before={"extra_words": before},
            after={"extra_words": extra_words},
        )
    return await word_list(municipality_id)
