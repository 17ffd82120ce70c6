"""Threaded comments (depth 3) with stance, up/down votes, sorting, 15-minute edits and placeholders."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from geo.tables import Municipality
from moderation import hook
from moderation.hook import Contribution, Outcome, Visibility
from proposals import links, rules
from proposals.errors import CommentNotFound, InvalidInput, NotAllowed
from proposals.schemas import Comment, CommentCreate, CommentThread, CommentUpdate
from proposals.services.context import actor_for, aware, now_utc, setting_of
from proposals.services.contributions import _explain, display_name, proposal_row
from proposals.services.notify import Notice, Post, tell
from proposals.tables import Comment as CommentRow
from proposals.tables import CommentVote, Proposal

SORTS = {"newest", "oldest", "most_supported", "most_discussed"}


async def recount(proposal_id: int) -> None:
    """The proposal's public comment count, from the rows themselves (robust against moderation changes)."""
    await Proposal.raw(
        "UPDATE proposal SET comment_count = (SELECT count(*) FROM comment WHERE proposal = {} "
        "AND visibility = 'public' AND deleted = {}) WHERE id = {}",
        proposal_id,
        False,
        proposal_id,
    )


def _sort_key(sort: str) -> Any:
    if sort == "most_supported":
        return lambda c: (-(c.up_count - c.down_count), -c.id)
    if sort == "most_discussed":
        return lambda c: (-c.reply_count, -c.id)
    if sort == "oldest":
        return lambda c: c.id
    return lambda c: -c.id


async def list_comments(
    municipality: Municipality,
    proposal_id: int,
    user_id: int | None,
    sort: str = "newest",
    now: datetime | None = None,
) -> CommentThread:
    """The whole thread in two queries (comments with author names, the asker's votes), built in memory."""
    actor = await actor_for(user_id, municipality.id)
    prop = await proposal_row(municipality, proposal_id, actor)
    setting = await setting_of(municipality, prop["consultation"], actor, now)
    rows = (
        await CommentRow.select(
            *CommentRow.all_columns(),
            CommentRow.author.first_name.as_alias("author_name"),
        )
        .where(CommentRow.proposal == proposal_id)
        .order_by(CommentRow.id)
    )
    mine: dict[int, int] = {}
    if user_id is not None:
        votes = await CommentVote.select(CommentVote.comment, CommentVote.value).where(
            (CommentVote.user == user_id) & (CommentVote.comment.proposal == proposal_id)
        )
        mine = {v["comment"]: v["value"] for v in votes}
    moment = now or now_utc()
    can_comment = setting.may_comment(actor)
    nodes: dict[int, Comment] = {}
    roots: list[Comment] = []
    for row in rows:
        own = user_id is not None and row["author"] == user_id
        public = row["visibility"] == Visibility.PUBLIC
        if not public and not own and not row["deleted"] and row["visibility"] == Visibility.PENDING:
            continue  # waiting for a moderator: only its author sees it
        shown = (public and not row["deleted"]) or (own and not row["deleted"] and row["visibility"] == "pending")
        placeholder: Literal["deleted", "removed"] | None = (
            None if shown else ("deleted" if row["deleted"] else "removed")
        )
        node = Comment(
            id=row["id"],
            parent_id=row["parent"],
            depth=row["depth"],
            author_name=display_name(row["author_name"]) if shown else None,
            stance=row["stance"],
            text=row["text"] if shown else None,
            placeholder=placeholder,
            reason_de=row["reason_de"] if placeholder == "removed" else None,
            reason_en=row["reason_en"] if placeholder == "removed" else None,
            up_count=row["up_count"],
            down_count=row["down_count"],
            reply_count=row["reply_count"],
            created_at=row["created_at"],
            edited_at=row["edited_at"],
            my_vote=mine.get(row["id"], 0),
            may_edit=shown
            and rules.may_edit_comment(actor, row["author"], aware(row["created_at"]), moment, row["deleted"]),
            may_delete=shown and rules.may_delete_comment(actor, row["author"], row["deleted"]),
            may_reply=shown and can_comment and rules.may_reply_at(row["depth"]),
        )
        nodes[node.id] = node
        parent = nodes.get(row["parent"]) if row["parent"] else None
        if parent is not None:
            parent.replies.append(node)  # replies stay in the order they were written
        elif row["parent"] is None:
            roots.append(node)
    roots.sort(key=_sort_key(sort))
    total = sum(1 for r in rows if r["visibility"] == Visibility.PUBLIC and not r["deleted"])
    return CommentThread(items=roots, total=total)


async def _comment(proposal_id: int, comment_id: int) -> dict[str, Any]:
    row = await CommentRow.select().where((CommentRow.id == comment_id) & (CommentRow.proposal == proposal_id)).first()
    if row is None:
        raise CommentNotFound()
    return row


async def _comment_anywhere(municipality: Municipality, comment_id: int, user_id: int | None) -> dict[str, Any]:
    row = await CommentRow.select().where(CommentRow.id == comment_id).first()
    if row is None:
        raise CommentNotFound()
    await proposal_row(municipality, row["proposal"], await actor_for(user_id, municipality.id))
    return row


async def add_comment(
    municipality: Municipality,
    proposal_id: int,
    user_id: int,
    data: CommentCreate,
    post: Post,
    now: datetime | None = None,
) -> Comment:
    actor = await actor_for(user_id, municipality.id)
    prop = await proposal_row(municipality, proposal_id, actor)
    setting = await setting_of(municipality, prop["consultation"], actor, now)
    if not setting.may_comment(actor):
        _explain(setting, actor, "kommentieren", "comment")
    parent = None
    if data.parent_id is not None:
        parent = await _comment(proposal_id, data.parent_id)
        if parent["deleted"] or parent["visibility"] != Visibility.PUBLIC:
            raise CommentNotFound()
        if not rules.may_reply_at(parent["depth"]):
            raise InvalidInput(
                f"Antworten sind bis zur Tiefe {rules.MAX_COMMENT_DEPTH} möglich.",
                f"Replies are possible up to depth {rules.MAX_COMMENT_DEPTH}.",
                field="parent_id",
            )
    await hook.ensure_may_contribute(user_id, municipality.id)
    async with CommentRow._meta.db.transaction():
        row = CommentRow(
            proposal=proposal_id,
            parent=parent["id"] if parent else None,
            depth=parent["depth"] + 1 if parent else 1,
            author=user_id,
            stance=data.stance,
            text=data.text.strip(),
            visibility=Visibility.PENDING,
        )
        await row.save()
        visibility = await hook.submit(
            Contribution(
                municipality_id=municipality.id,
                content_type="comment",
                content_id=row.id,
                author_id=user_id,
                text=data.text.strip(),
                context_id=prop["consultation"],
                link=f"#/m/{municipality.slug}/proposals/{proposal_id}",
            )
        )
        await CommentRow.update({CommentRow.visibility: visibility}).where(CommentRow.id == row.id)
        if visibility == Visibility.PUBLIC:
            await _published(row.id, proposal_id, municipality, prop, post)
    thread = await list_comments(municipality, proposal_id, user_id, now=now)
    return _find(thread.items, row.id)


async def _published(
    comment_id: int, proposal_id: int, municipality: Municipality, prop: dict[str, Any], post: Post
) -> None:
    """A comment became public: count it, and tell the proposal's followers and the replied-to author."""
    await recount(proposal_id)
    row = await CommentRow.select().where(CommentRow.id == comment_id).first()
    assert row is not None
    ancestors: list[int] = []
    parent_id = row["parent"]
    parent_author = None
    while parent_id is not None:
        ancestors.append(parent_id)
        parent = await CommentRow.select(CommentRow.parent, CommentRow.author).where(CommentRow.id == parent_id).first()
        assert parent is not None
        if parent_author is None:
            parent_author = parent["author"]
        parent_id = parent["parent"]
    if ancestors:
        await CommentRow.update({CommentRow.reply_count: CommentRow.reply_count + 1}).where(
            CommentRow.id.is_in(ancestors)
        )
    link = links.proposal(post.base_url, municipality.slug, proposal_id)
    if parent_author is not None and parent_author != row["author"]:
        await tell(
            {parent_author},
            Notice(
                text_de=f"Jemand hat auf Ihren Kommentar zu „{prop['title']}“ geantwortet.",
                text_en=f"Someone replied to your comment on '{prop['title']}'.",
                link=link,
            ),
            municipality=municipality,
            mailer=post.mailer,
            base_url=post.base_url,
            secret=post.secret,
        )


def _find(items: list[Comment], comment_id: int) -> Comment:
    for item in items:
        if item.id == comment_id:
            return item
        try:
            return _find(item.replies, comment_id)
        except CommentNotFound:
            continue
    raise CommentNotFound()


async def edit_comment(
    municipality: Municipality, comment_id: int, user_id: int, data: CommentUpdate, now: datetime | None = None
) -> Comment:
    row = await _comment_anywhere(municipality, comment_id, user_id)
    actor = await actor_for(user_id, municipality.id)
    moment = now or now_utc()
    if not rules.may_edit_comment(actor, row["author"], aware(row["created_at"]), moment, row["deleted"]):
        raise NotAllowed(
            "Kommentare können nur in den ersten 15 Minuten geändert werden, und nur von ihren Verfassern.",
            "Comments can only be changed by their authors within the first 15 minutes.",
        )
    async with CommentRow._meta.db.transaction():
        await CommentRow.update(
            {CommentRow.text: data.text.strip(), CommentRow.stance: data.stance, CommentRow.edited_at: moment}
        ).where(CommentRow.id == comment_id)
        visibility = await hook.submit(
            Contribution(
                municipality_id=municipality.id,
                content_type="comment",
                content_id=comment_id,
                author_id=user_id,
                text=data.text.strip(),
                link=f"#/m/{municipality.slug}/proposals/{row['proposal']}",
            )
        )
        await CommentRow.update({CommentRow.visibility: visibility}).where(CommentRow.id == comment_id)
        await recount(row["proposal"])
    thread = await list_comments(municipality, row["proposal"], user_id, now=moment)
    return _find(thread.items, comment_id)


async def delete_comment(municipality: Municipality, comment_id: int, user_id: int) -> None:
    """The author (or a moderator) deletes; the text is erased, a placeholder keeps the thread readable."""
    row = await _comment_anywhere(municipality, comment_id, user_id)
    actor = await actor_for(user_id, municipality.id)
    if not rules.may_delete_comment(actor, row["author"], row["deleted"]):
        raise NotAllowed(
            "Nur wer den Kommentar geschrieben hat, kann ihn löschen.", "Only the comment's author can delete it."
        )
    async with CommentRow._meta.db.transaction():
        await CommentRow.update({CommentRow.deleted: True, CommentRow.text: ""}).where(CommentRow.id == comment_id)
        await recount(row["proposal"])


async def vote_comment(municipality: Municipality, comment_id: int, user_id: int, value: int) -> Comment:
    row = await _comment_anywhere(municipality, comment_id, user_id)
    actor = await actor_for(user_id, municipality.id)
    if not actor.logged_in or row["deleted"] or row["visibility"] != Visibility.PUBLIC:
        raise CommentNotFound()
    async with CommentRow._meta.db.transaction():
        await CommentVote.delete().where((CommentVote.comment == comment_id) & (CommentVote.user == user_id))
        if value:
            await CommentVote(comment=comment_id, user=user_id, value=value).save()
        await CommentRow.raw(
            "UPDATE comment SET up_count = (SELECT count(*) FROM comment_vote WHERE comment = {} AND value = 1), "
            "down_count = (SELECT count(*) FROM comment_vote WHERE comment = {} AND value = -1) WHERE id = {}",
            comment_id,
            comment_id,
            comment_id,
        )
    thread = await list_comments(municipality, row["proposal"], user_id)
    return _find(thread.items, comment_id)


async def apply_comment_outcome(outcome: Outcome) -> None:
    values: dict[Any, Any] = {
        CommentRow.visibility: outcome.visibility,
        CommentRow.reason_de: outcome.reason_de,
        CommentRow.reason_en: outcome.reason_en,
    }
    if outcome.redacted_text is not None:
        values[CommentRow.text] = outcome.redacted_text
    async with CommentRow._meta.db.transaction():
        await CommentRow.update(values).where(CommentRow.id == outcome.content_id)
        row = await CommentRow.select(CommentRow.proposal).where(CommentRow.id == outcome.content_id).first()
        if row is not None:
            await recount(row["proposal"])


hook.register("comment", apply_comment_outcome)
