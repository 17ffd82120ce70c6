"""Residents add an update to an open report (text, and up to three photos), moderated like a comment as
content type "defect_update"; its photos pass moderation one by one like any photo (contributions/photos.py,
the same upload and metadata stripping as the report's own), stored under the content type "defect_update".

Who may speak to a report: the person who filed it, the people who said "betrifft mich auch", and its
followers (FixMyStreet's updates). Only public updates are shown to others; the author sees their own while
it waits for moderation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from contributions import following
from contributions import photos as contribution_photos
from contributions.actor import Actor
from contributions.following import DEFECT_REPORT, Target
from contributions.notifications import Notice, Post, tell
from defects.errors import NotYourReport, ReportClosed, ReportNotFound, UpdateNotFound
from defects.rules import is_staff, may_see
from defects.schemas import ReportUpdateOut, UpdateCreate
from defects.services.status_change import load_report
from defects.tables import Affected, ReportUpdate
from defects.workflow import Group, group_of
from geo.tables import Municipality
from media.photos import PhotoStore
from moderation import hook

CONTENT_TYPE = "defect_update"
PHOTOS = CONTENT_TYPE  # the photos' owner type (their own moderation type is "photo")


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
    shown = [
        r
        for r in rows
        if r["visibility"] == hook.Visibility.PUBLIC.value
        or (viewer.user_id is not None and r["author"] == viewer.user_id)
    ]
    pictures = await contribution_photos.listed(
        municipality.slug, PHOTOS, [r["id"] for r in shown], everything=is_staff(viewer), own=viewer.user_id
    )
    return [_out(r, report, viewer, pictures[r["id"]]) for r in shown]


def _out(row: dict[str, Any], report: dict[str, Any], viewer: Actor, pictures: list[Any]) -> ReportUpdateOut:
    return ReportUpdateOut(
        id=row["id"],
        text=row["text"],
        visibility=row["visibility"],
        mine=viewer.user_id is not None and row["author"] == viewer.user_id,
        by_reporter=row["author"] is not None and row["author"] == report["author"],
        created_at=row["created_at"],
        photos=pictures,
    )


async def add_update_photos(
    municipality: Municipality,
    report_id: int,
    update_id: int,
    viewer: Actor,
    uploads: Sequence[bytes],
    *,
    store: PhotoStore | None,
    link: str,
) -> ReportUpdateOut:
    """Photos for one's own update of a report that is still open (up to three per update)."""
    report = await visible_report(municipality, report_id, viewer)
    row = (
        await ReportUpdate.select(*ReportUpdate.all_columns())
        .where((ReportUpdate.id == update_id) & (ReportUpdate.report == report_id))
        .first()
    )
    if row is None or viewer.user_id is None or row["author"] != viewer.user_id:
        raise UpdateNotFound()
    if group_of(report["status"]) == Group.CLOSED:
        raise ReportClosed()
    owner = contribution_photos.Owner(
        municipality_id=municipality.id,
        slug=municipality.slug,
        content_type=PHOTOS,
        content_id=update_id,
        author_id=viewer.user_id,
        link=link,
    )
    await contribution_photos.add(owner, store, uploads)
    pictures = await contribution_photos.listed(municipality.slug, PHOTOS, [update_id], own=viewer.user_id)
    return _out(row, report, viewer, pictures[update_id])


async def photo_access(municipality_id: int, update_id: int, actor: Actor) -> contribution_photos.OwnerAccess:
    """For contributions.photos: a photo of an update is seen where its report is, once the update is public
    (its author and moderators always; staff of the report, every one)."""
    from defects.services.reading import photo_access as report_access

    row = (
        await ReportUpdate.select(ReportUpdate.report, ReportUpdate.visibility)
        .where((ReportUpdate.id == update_id) & (ReportUpdate.municipality == municipality_id))
        .first()
    )
    if row is None:
        return contribution_photos.OwnerAccess(visible=False)
    access = await report_access(municipality_id, row["report"], actor)
    public = row["visibility"] == hook.Visibility.PUBLIC.value
    return contribution_photos.OwnerAccess(visible=access.visible and public, works_on=access.works_on)


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
