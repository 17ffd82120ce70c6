"""Which policy applies to a contribution, and the per-municipality settings, with their defaults.

Resolution, most specific first: (content type, consultation) > (any type, consultation) >
(content type, any consultation) > the municipality's `moderation_policy`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo.errors import MunicipalityNotFound
from geo.tables import Municipality
from moderation import screening
from moderation.tables import ModerationSettings, PolicyOverride

STANDARD, PRE, POST = "standard", "pre", "post"
DEFAULT_FLAG_THRESHOLD = 3
DEFAULT_NEW_ACCOUNT_ITEMS = 3
PRE_MODERATED_TYPES = frozenset({"photo"})  # under "standard": photos always wait for a person


@dataclass(frozen=True)
class Settings:
    flag_threshold: int = DEFAULT_FLAG_THRESHOLD
    new_account_items: int = DEFAULT_NEW_ACCOUNT_ITEMS
    extra_words: str = ""

    def words(self) -> tuple[str, ...]:
        return tuple(sorted(set(screening.default_words()) | set(screening.parse_words(self.extra_words))))


async def settings_for(municipality_id: int) -> Settings:
    row = await ModerationSettings.select().where(ModerationSettings.municipality == municipality_id).first()
    if row is None:
        return Settings()
    return Settings(row["flag_threshold"], row["new_account_items"], row["extra_words"])


async def save_settings(municipality_id: int, **values: Any) -> None:
    exists = await ModerationSettings.exists().where(ModerationSettings.municipality == municipality_id)
    if exists:
        await ModerationSettings.update(values).where(ModerationSettings.municipality == municipality_id)  # type: ignore[arg-type]
    else:
        await ModerationSettings(municipality=municipality_id, **values).save()


async def municipality_policy(municipality_id: int) -> str:
    row = await Municipality.select(Municipality.moderation_policy).where(Municipality.id == municipality_id).first()
    if row is None:
        raise MunicipalityNotFound(str(municipality_id))
    return str(row["moderation_policy"])


async def policy_for(municipality_id: int, content_type: str, context_id: int | None) -> str:
    overrides = {
        (r["content_type"], r["context_id"]): r["policy"]
        for r in await PolicyOverride.select(
            PolicyOverride.content_type, PolicyOverride.context_id, PolicyOverride.policy
        ).where(PolicyOverride.municipality == municipality_id)
    }
    context = context_id or 0
    for key in ((content_type, context), ("*", context), (content_type, 0), ("*", 0)):
        if key in overrides and (key[1] == 0 or context):
            return str(overrides[key])
    return await municipality_policy(municipality_id)
