"""Threaded comments (depth 3) with stance, up/down votes, sorting, 15-minute edits and placeholders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from piccolo.query import OrderByRaw, WhereRaw
from piccolo.query.base import Query

from contributions.actor import Actor
from contributions.notifications import Notice, Post, tell
from geo import clock, paging
from geo.frozen import frozen
from geo.tables import Municipality
from moderation import hook
from moderation.hook import Contribution, Outcome, Visibility
from proposals import rules
from proposals.errors import CommentNotFound, InvalidInput, NotAllowed
from proposals.schemas import Comment, CommentCreate, CommentThread, CommentUpdate
from proposals.services.context import aware, consultation_at
from proposals.services.contributions import display_name, explain_refusal, proposal_row
from proposals.tables import Comment as CommentRow
from proposals.tables import CommentVote, Proposal


async def recount(proposal_id: int) -> None:
    """The proposal's public comment count and each comment's public replies (children and grandchildren),
    from the rows themselves: right after additions, deletions and moderation decisions alike."""
    await Proposal.raw(
        "UPDATE proposal SET comment_count = (SELECT count(*) FROM comment WHERE proposal = {} "
        "AND visibility = 'public' AND deleted = {}) WHERE id = {}",
        proposal_id,
        False,
        proposal_id,
    )
    await CommentRow.raw(
        "UPDATE comment SET reply_count = (SELECT count(*) FROM comment c WHERE c.visibility = 'public' "
        "AND c.deleted = {} AND (c.parent = comment.id OR c.parent IN (SELECT g.id FROM comment g "
        "WHERE g.parent = comment.id))) WHERE proposal = {}",
        False,
        proposal_id,
    )


# Top-level comments: (SQL expression of the sort key, ascending, the key of a fetched row); ties by id, same way.
_ID = f'"{CommentRow._meta.tablename}"."id"'  # qualified: the author's name comes from a join
ROOT_ORDER: dict[str, tuple[str, bool, Callable[[dict[str, Any]], int]]] = {
    "newest": (_ID, False, lambda r: int(r["id"])),
    "oldest": (_ID, True, lambda r: int(r["id"])),
    "most_supported": ("up_count - down_count", False, lambda r: int(r["up_count"] - r["down_count"])),
    "most_discussed": ("reply_count", False, lambda r: int(r["reply_count"])),
}
COLUMNS = (*CommentRow.all_columns(), CommentRow.author.first_name.as_alias("author_name"))


@dataclass
class _View:
    """What shapes every comment as one person sees it."""

    actor: Actor
    now: datetime
    can_comment: bool
    mine: dict[int, int]

    def node(self, row: dict[str, Any]) -> Comment:
        own = self.actor.user_id is not None and row["author"] == self.actor.user_id
        public = row["visibility"] == Visibility.PUBLIC
        shown = not row["deleted"] and (public or (own and row["visibility"] == Visibility.PENDING))
        placeholder: Literal["deleted", "removed"] | None = (
            None if shown else ("deleted" if row["deleted"] else "removed")
        )
        return Comment(
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
            my_vote=self.mine.get(row["id"], 0),
            may_edit=shown
            and rules.may_edit_comment(self.actor, row["author"], aware(row["created_at"]), self.now, row["deleted"]),
            may_delete=shown and rules.may_delete_comment(self.actor, row["author"], row["deleted"]),
            may_reply=shown and public and self.can_comment and rules.may_reply_at(row["depth"]),
            mine=own,
            pending=shown and not public,
        )


def _visible_to(user_id: int | None) -> Any:
    """Waiting for a moderator: only its author sees it."""
    if user_id is None:
        return CommentRow.visibility != Visibility.PENDING
    return (CommentRow.visibility != Visibility.PENDING) | (CommentRow.author == user_id)


async def _view(
    municipality: Municipality, proposal_id: int, actor: Actor, comment_ids: list[int], now: datetime | None
) -> _View:
    user_id = actor.user_id
    prop = await proposal_row(municipality, proposal_id, actor)
    consultation = await consultation_at(municipality, prop["consultation"], actor, now)
    mine: dict[int, int] = {}
    if user_id is not None and comment_ids:
        votes = await CommentVote.select(CommentVote.comment, CommentVote.value).where(
            (CommentVote.user == user_id) & CommentVote.comment.is_in(comment_ids)
        )
        mine = {v["comment"]: v["value"] for v in votes}
    return _View(actor, now or clock.now(), consultation.may_comment(actor), mine)


async def list_comments(
    municipality: Municipality,
    proposal_id: int,
    actor: Actor,
    sort: str = "newest",
    now: datetime | None = None,
    limit: int = paging.DEFAULT_LIMIT,
    cursor: str | None = None,
) -> CommentThread:
    """One page of top-level comments (sorted in SQL) with all their replies: a fixed number of queries
    (roots, two reply levels, the asker's votes, two counts), however long the thread."""
    limit = paging.bounded(limit)
    _, _, key_of = ROOT_ORDER.get(sort, ROOT_ORDER["newest"])
    found = await _roots(actor.user_id, proposal_id, sort, limit, cursor).run()
    roots, next_cursor = paging.cut(found, limit, lambda r: (key_of(r), r["id"]))
    levels = [roots]
    for _ in range(rules.MAX_COMMENT_DEPTH - 1):
        parents = tuple(r["id"] for r in levels[-1])
        levels.append(await _replies(actor.user_id, proposal_id, parents).run() if parents else [])
    rows = [row for level in levels for row in level]
    view = await _view(municipality, proposal_id, actor, [r["id"] for r in rows], now)
    nodes: dict[int, Comment] = {}
    items: list[Comment] = []
    for row in rows:
        node = nodes[row["id"]] = view.node(row)
        if row["parent"] is None:
            items.append(node)
        elif row["parent"] in nodes:
            nodes[row["parent"]].replies.append(node)  # replies stay in the order they were written
    total = await _public_count(proposal_id).run()
    return CommentThread(items=items, next_cursor=next_cursor, total=total)


# The thread's queries, frozen per distinct arguments (geo/frozen.py): for a long thread, building them (joins,
# raw sort keys) took more CPU than PostgreSQL took to answer them.
@frozen
def _roots(user_id: int | None, proposal_id: int, sort: str, limit: int, cursor: str | None) -> Query[Any, Any]:
    """One page of top-level comments in `sort` order; a bad cursor raises (and nothing is kept)."""
    visible = _visible_to(user_id) & (CommentRow.proposal == proposal_id)
    query = CommentRow.select(*COLUMNS).where(visible & CommentRow.parent.is_null())
    expression, ascending, _ = ROOT_ORDER.get(sort, ROOT_ORDER["newest"])
    if cursor:
        key, last_id = paging.decode_as(cursor, int)
        op = ">" if ascending else "<"
        # The expression is one of the constants above; the values are bound parameters.
        after = f"(({expression}) {op} {{}} OR (({expression}) = {{}} AND {_ID} {op} {{}}))"
        query = query.where(WhereRaw(after, key, key, last_id))
    return (
        query.order_by(OrderByRaw(expression), ascending=ascending)
        .order_by(CommentRow.id, ascending=ascending)
        .limit(limit + 1)
    )


@frozen
def _replies(user_id: int | None, proposal_id: int, parents: tuple[int, ...]) -> Query[Any, Any]:
    visible = _visible_to(user_id) & (CommentRow.proposal == proposal_id)
    return CommentRow.select(*COLUMNS).where(visible & CommentRow.parent.is_in(list(parents))).order_by(CommentRow.id)


@frozen
def _public_count(proposal_id: int) -> Query[Any, Any]:
    return CommentRow.count().where(
        (CommentRow.proposal == proposal_id)
        & (CommentRow.visibility == Visibility.PUBLIC)
        & (CommentRow.deleted == False)  # noqa: E712
    )


async def one_comment(
    municipality: Municipality, comment_id: int, actor: Actor, now: datetime | None = None
) -> Comment:
    """A single comment (without its replies) as the asker sees it, e.g. right after writing it."""
    row = await CommentRow.select(*COLUMNS).where(CommentRow.id == comment_id).first()
    if row is None:
        raise CommentNotFound()
    view = await _view(municipality, row["proposal"], actor, [comment_id], now)
    return view.node(row)


async def _comment(proposal_id: int, comment_id: int) -> dict[str, Any]:
    row = await CommentRow.select().where((CommentRow.id == comment_id) & (CommentRow.proposal == proposal_id)).first()
    if row is None:
        raise CommentNotFound()
    return row


async def _comment_anywhere(municipality: Municipality, comment_id: int, actor: Actor) -> dict[str, Any]:
    row = await CommentRow.select().where(CommentRow.id == comment_id).first()
    if row is None:
        raise CommentNotFound()
    await proposal_row(municipality, row["proposal"], actor)
    return row


async def add_comment(
    municipality: Municipality,
    proposal_id: int,
    actor: Actor,
    data: CommentCreate,
    post: Post,
    now: datetime | None = None,
) -> Comment:
    user_id = actor.id
    prop = await proposal_row(municipality, proposal_id, actor)
    consultation = await consultation_at(municipality, prop["consultation"], actor, now)
    if not consultation.may_comment(actor):
        explain_refusal(consultation, actor, "kommentieren", "comment")
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
                link=post.links.proposal(municipality.slug, proposal_id),
            )
        )
        await CommentRow.update({CommentRow.visibility: visibility}).where(CommentRow.id == row.id)
        if visibility == Visibility.PUBLIC:
            await _published(row.id, proposal_id, municipality, prop, post)
    return await one_comment(municipality, row.id, actor, now)


async def _published(
    comment_id: int, proposal_id: int, municipality: Municipality, prop: dict[str, Any], post: Post
) -> None:
    """A comment became public: count it, and tell the author of the comment it replies to."""
    await recount(proposal_id)
    row = await CommentRow.select().where(CommentRow.id == comment_id).first()
    assert row is not None
    parent_author = None
    if row["parent"] is not None:
        parent = await CommentRow.select(CommentRow.author).where(CommentRow.id == row["parent"]).first()
        parent_author = parent["author"] if parent else None
    link = post.links.proposal(municipality.slug, proposal_id)
    if parent_author is not None and parent_author != row["author"]:
        await tell(
            {parent_author},
            Notice(
                text_de=f"Jemand hat auf Ihren Kommentar zu „{prop['title']}“ geantwortet.",
                text_en=f"Someone replied to your comment on '{prop['title']}'.",
                link=link,
            ),
            municipality=municipality,
            post=post,
        )


async def edit_comment(
    municipality: Municipality, comment_id: int, actor: Actor, data: CommentUpdate, now: datetime | None = None
) -> Comment:
    row = await _comment_anywhere(municipality, comment_id, actor)
    user_id = actor.id
    moment = now or clock.now()
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
                text=data.text.strip(),  # the link moderation holds stays what it was
            )
        )
        await CommentRow.update({CommentRow.visibility: visibility}).where(CommentRow.id == comment_id)
        await recount(row["proposal"])
    return await one_comment(municipality, comment_id, actor, moment)


async def delete_comment(municipality: Municipality, comment_id: int, actor: Actor) -> None:
    """The author (or a moderator) deletes; the text is erased, a placeholder keeps the thread readable."""
    row = await _comment_anywhere(municipality, comment_id, actor)
    if not rules.may_delete_comment(actor, row["author"], row["deleted"]):
        raise NotAllowed(
            "Nur wer den Kommentar geschrieben hat, kann ihn löschen.", "Only the comment's author can delete it."
        )
    async with CommentRow._meta.db.transaction():
        await CommentRow.update({CommentRow.deleted: True, CommentRow.text: ""}).where(CommentRow.id == comment_id)
        await recount(row["proposal"])


async def vote_comment(municipality: Municipality, comment_id: int, actor: Actor, value: int) -> Comment:
    row = await _comment_anywhere(municipality, comment_id, actor)
    user_id = actor.id
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
    return await one_comment(municipality, comment_id, actor)


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
