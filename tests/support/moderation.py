"""Moderation settings for tests of content that should be public at once."""

from geo.tables import Municipality


async def post_moderated(municipality: Municipality) -> None:
    """Everything is public at once and reviewed afterwards (screening hits still wait)."""
    await Municipality.update({Municipality.moderation_policy: "post"}).where(Municipality.id == municipality.id)
