"""What the moderation queue shows around an item of participation: the proposal a comment belongs to, and
the consultation's title (instead of its number) for every item and for the queue's filter."""

from __future__ import annotations

from proposals.tables import Comment, Consultation


async def comment_parents(comment_ids: list[int]) -> dict[int, str]:
    """Comment id -> the title of its proposal."""
    if not comment_ids:
        return {}
    rows = await Comment.select(Comment.id, Comment.proposal.title.as_alias("title")).where(
        Comment.id.is_in(comment_ids)
    )
    return {row["id"]: row["title"] for row in rows}


async def consultation_titles(municipality_id: int, consultation_ids: list[int]) -> dict[int, str]:
    """Consultation id -> its title, only the municipality's own."""
    if not consultation_ids:
        return {}
    rows = await Consultation.select(Consultation.id, Consultation.title).where(
        Consultation.id.is_in(consultation_ids) & (Consultation.municipality == municipality_id)
    )
    return {row["id"]: row["title"] for row in rows}
