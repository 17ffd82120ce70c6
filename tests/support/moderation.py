"""Moderation settings and decisions for tests of content packages (and the lead's cross-type tests)."""

from geo.tables import Municipality


async def post_moderated(municipality: Municipality) -> None:
    """Everything is public at once and reviewed afterwards (screening hits still wait)."""
    await Municipality.update({Municipality.moderation_policy: "post"}).where(Municipality.id == municipality.id)


async def decide(content_type: str, content_id: int, action: str = "approve", reason: str | None = None) -> str:
    """Decide on a piece of content as moderation would (no moderator, no mail); returns its visibility now.

    e.g. `await decide("comment", comment.id, "reject", "insult")`: the comment's own row is updated through
    the listener its package registered, exactly as after a moderator's click.
    """
    from moderation import services as moderation
    from moderation.schemas import DecisionCreate

    state = await moderation.state_of(content_type, content_id)
    assert state is not None, f"{content_type} {content_id} never went through moderation.submit()"
    row = await _municipality_of(state.item_id)
    decided = await moderation.decide(
        row, state.item_id, None, DecisionCreate(action=action, reason=reason), mailer=None
    )
    return decided.visibility


async def _municipality_of(item_id: int) -> int:
    from moderation.tables import ModerationItem

    row = await ModerationItem.select(ModerationItem.municipality).where(ModerationItem.id == item_id).first()
    assert row is not None
    return int(row["municipality"])
