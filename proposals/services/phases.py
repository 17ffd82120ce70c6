"""Tell the followers of a consultation when a new phase has begun (run daily with the digest)."""

from __future__ import annotations

from datetime import datetime

from contributions.following import CONSULTATION, Target, followers_of
from contributions.notifications import Notice, Post, tell
from geo import clock
from geo.tables import Municipality
from proposals.tables import Phase


async def announce_phases(post: Post, now: datetime | None = None) -> int:
    """Tell the followers of each published consultation that a new phase has begun (once per phase)."""
    moment = now or clock.now()
    started = await Phase.select(
        Phase.id,
        Phase.name_de,
        Phase.name_en,
        Phase.consultation,
        Phase.consultation.title.as_alias("title"),
        Phase.consultation.municipality.as_alias("municipality"),
    ).where(
        (Phase.announced == False)  # noqa: E712
        & (Phase.starts_at <= moment)
        & (Phase.ends_at > moment)
        & (Phase.consultation.status == "published")
    )
    told = 0
    for phase in started:
        municipality = await Municipality.objects().where(Municipality.id == phase["municipality"]).first()
        assert municipality is not None
        async with Phase._meta.db.transaction():
            claimed = (
                await Phase.update({Phase.announced: True})
                .where(
                    (Phase.id == phase["id"]) & (Phase.announced == False)  # noqa: E712
                )
                .returning(Phase.id)
            )
            if not claimed:
                continue
            about = Target(CONSULTATION, phase["consultation"])
            told += await tell(
                await followers_of(about),
                Notice(
                    text_de=f"„{phase['title']}“: Die Phase „{phase['name_de']}“ hat begonnen.",
                    text_en=f"'{phase['title']}': the phase '{phase['name_en'] or phase['name_de']}' has begun.",
                    link=post.links.consultation(municipality.slug, phase["consultation"]),
                ),
                municipality=municipality,
                post=post,
                about=about,
            )
    return told
