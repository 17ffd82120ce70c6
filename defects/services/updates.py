"""Residents add an update to an open report (text), moderated like a comment as content type "defect_update".

Who may speak to a report: the person who filed it, the people who said "betrifft mich auch", and its
followers (FixMyStreet's updates). Only public updates are shown to others; the author sees their own while
it waits for moderation.
"""

from __future__ import annotations

from typing import Any

from contributions import following
from contributions.actor import Actor
from contributions.following import DEFECT_REPORT, Target
from contributions.notifications import Notice, Post, tell
from defects.errors import NotYourReport, ReportClosed, ReportNotFound
from defects.rules import may_see
from defects.schemas import ReportUpdateOut, UpdateCreate
from defects.services.status_change import load_report
from defects.tables import Affected, ReportUpdate
from defects.workflow import Group, group_of
from geo.tables import Municipality
from moderation import hook

CONTENT_TYPE = "defect_update"


async def may_speak(viewer: Actor, report: dict[str, Any]) -> bool:
    """The reporter, the people affected and the followers (an account only; anonymous reporters use a token)."""
    if viewer.user_id is None:
        return False
    if report["author"] == viewer.user_id:
        return True
    if await Affected.exists().where((Affected.report == report["id"]) & (Affected.user == viewer.user_id)):
        return True
    return await following.is_following(Target(DEFECT_REPORT, report["id"]), viewer.user_id)


async def visible_report(municipality: Municipality, report_id: int, viewer: Actor) -> dict[str, Any]:
    report = await load_report(municipality.id, report_id)
    if not may_see(viewer, report["visibility"], report["confirmed_at"] is not None, report["author"]):
        raise ReportNotFound()
    return report


async def add_update(
    municipality: Municipality, report_id: int, viewer: Actor, data: UpdateCreate, *, post: Post
) -> ReportUpdateOut:
    """Guards first (visible, open, the person speaks for it, may contribute), then one transaction."""
    report = await visible_report(municipality, report_id, viewer)
    if group_of(report["status"]) == Group.CLOSED:
        raise ReportClosed()
    if not await may_speak(viewer, report):
        raise NotYourReport()
    await hook.ensure_may_contribute(viewer.user_id, municipality.id)
    text = data.text.strip()
    link = post.links.report(municipality.slug, report_id)
    async with ReportUpdate._meta.db.transaction():
        row = ReportUpdate(report=report_id, municipality=municipality.id, author=viewer.user_id, text=text)
        await row.save()
        visibility = await hook.submit(
            hook.Contribution(
                municipality_id=municipality.id,
                content_type=CONTENT_TYPE,
                content_id=row.id,
                author_id=viewer.user_id,
                text=text,
                link=link,
            )
        )
        await ReportUpdate.update({ReportUpdate.visibility: visibility.value}).where(ReportUpdate.id == row.id)
        if visibility == hook.Visibility.PUBLIC:
            await _tell_followers(municipality, report, text, post=post, author=viewer.user_id)
    return ReportUpdateOut(
        id=row.id,
        text=text,
        visibility=visibility.value,
        mine=True,
        by_reporter=report["author"] == viewer.user_id,
        created_at=row.created_at,
    )


async def _tell_followers(
    municipality: Municipality, report: dict[str, Any], text: str, *, post: Post, author: int | None
) -> None:
    about = Target(DEFECT_REPORT, report["id"])
    followers = await following.followers_of(about)
    await tell(
        following.Followers(users=followers.users - {author}, emails=followers.emails),
        Notice(
            text_de=f"Neue Ergänzung zu Meldung #{report['id']}: {text[:200]}",
            text_en=f"New update on report #{report['id']}: {text[:200]}",
            link=post.links.report(municipality.slug, report["id"]),
        ),
        municipality=municipality,
        post=post,
        about=about,
    )


async def list_updates(municipality: Municipality, report_id: int, viewer: Actor) -> list[ReportUpdateOut]:
    """Public updates, and the viewer's own whatever their state, oldest first."""
    report = await visible_report(municipality, report_id, viewer)
    rows = (
        await ReportUpdate.select(*ReportUpdate.all_columns())
        .where(ReportUpdate.report == report_id)
        .order_by(ReportUpdate.created_at)
        .order_by(ReportUpdate.id)
    )
    return [
        ReportUpdateOut(
            id=r["id"],
            text=r["text"],
            visibility=r["visibility"],
            mine=viewer.user_id is not None and r["author"] == viewer.user_id,
            by_reporter=r["author"] is not None and r["author"] == report["author"],
            created_at=r["created_at"],
        )
        for r in rows
        if r["visibility"] == hook.Visibility.PUBLIC.value
        or (viewer.user_id is not None and r["author"] == viewer.user_id)
    ]


# --- moderation and personal data (wired in backend.wiring through defects.content_types) ------------------


async def apply_update_outcome(outcome: hook.Outcome) -> None:
    values: dict[Any, Any] = {ReportUpdate.visibility: outcome.visibility.value}
    if outcome.redacted_text is not None:
        values[ReportUpdate.text] = outcome.redacted_text
    await ReportUpdate.update(values).where(ReportUpdate.id == outcome.content_id)


async def export_updates(user_id: int) -> list[dict[str, Any]]:
    return list(
        await ReportUpdate.select(
            ReportUpdate.id, ReportUpdate.report, ReportUpdate.text, ReportUpdate.visibility, ReportUpdate.created_at
        ).where(ReportUpdate.author == user_id)
    )


async def erase_updates(user_id: int) -> None:
    """Like comments: a person's updates go with their account (the text may name them or their house)."""
    await ReportUpdate.delete().where(ReportUpdate.author == user_id)
