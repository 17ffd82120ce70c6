"""Photos of any contribution, written once: intake, storage, moderation, access, URLs, lists and erasure.

A content package (proposals, defects, later surveys) saves a contribution and its photos in one request:

    async with photos.intake(store, uploads) as stored:     # decoded off the event loop; files go on failure
        async with Table._meta.db.transaction():
            ...save the contribution...
            await photos.attach(owner, stored)               # rows + moderation ("photo"), same transaction

Each photo passes moderation on its own as content type `photo` (one outcome listener: visibility and a
moderator's blur). Who may see a photo: everyone, when the photo and its contribution are public; its author;
moderators and admins of the municipality; and whoever works on the contribution (staff, for defect reports).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from contributions.actor import Actor
from contributions.errors import PhotoNotFound, TooManyPhotos
from contributions.registry import ContentType
from contributions.schemas import Photo as PhotoOut
from contributions.tables import Photo
from geo.errors import Invalid
from geo.roles import Role
from media.photos import PhotoStore, StoredPhoto, thumb_key_of
from moderation import hook
from moderation.hook import Visibility

MAX_PHOTOS = 3  # per contribution, for every kind of contribution
CONTENT_TYPE = "photo"  # the moderation content type of every photo


def photo_url(slug: str, photo_id: int, *, thumb: bool = False) -> str:
    """The one URL of a photo (and of its thumbnail), whatever it belongs to."""
    return f"/api/v1/municipalities/{slug}/photos/{photo_id}" + ("?size=thumb" if thumb else "")


@dataclass(frozen=True, slots=True)
class Owner:
    """The contribution photos belong to, as moderation needs to know it."""

    municipality_id: int
    slug: str
    content_type: str  # "proposal", "defect_report"
    content_id: int
    author_id: int | None
    context_id: int | None = None  # e.g. the consultation, for its moderation policy
    link: str | None = None  # where moderators find the contribution in the frontend


# --- intake ------------------------------------------------------------------------------------------------


async def ingest(store: PhotoStore | None, uploads: Sequence[bytes]) -> list[StoredPhoto]:
    """Check, clean and store the uploads in a worker thread (Pillow needs ~0.7 s for 12 megapixels, which
    would stall every request of this worker); the first bad one raises, naming `photos[i]`, and the files
    written before it are deleted again."""
    if len(uploads) > MAX_PHOTOS:
        raise TooManyPhotos(MAX_PHOTOS)
    if not uploads:
        return []
    assert store is not None, "photos need a store"
    stored: list[StoredPhoto] = []
    try:
        for index, data in enumerate(uploads):
            stored.append(await asyncio.to_thread(store.ingest, data, f"photos[{index}]"))
    except BaseException:
        await discard(store, [s.key for s in stored])
        raise
    return stored


@asynccontextmanager
async def intake(store: PhotoStore | None, uploads: Sequence[bytes]) -> AsyncIterator[list[StoredPhoto]]:
    """The uploads ingested for one contribution; if the block fails, their files are deleted again."""
    stored = await ingest(store, uploads)
    try:
        yield stored
    except BaseException:
        if store is not None:
            await discard(store, [s.key for s in stored])
        raise


async def attach(owner: Owner, stored: Sequence[StoredPhoto], *, submit: bool = True, after: int = 0) -> list[int]:
    """Inside the caller's transaction: one row per photo, in order (behind `after` photos it has already), each
    submitted to moderation, unless `submit` is False (a report that waits for its confirmation link submits
    later with `submit_photos`)."""
    ids = []
    for position, photo in enumerate(stored, start=after):
        row = Photo(
            municipality=owner.municipality_id,
            content_type=owner.content_type,
            content_id=owner.content_id,
            author=owner.author_id,
            key=photo.key,
            width=photo.width,
            height=photo.height,
            position=position,
            visibility=Visibility.PENDING.value,
        )
        await row.save()
        ids.append(int(row.id))
    if submit and ids:
        await submit_photos(owner)
    return ids


async def add(owner: Owner, store: PhotoStore | None, uploads: Sequence[bytes]) -> None:
    """Photos for a contribution that exists already (a resident's update, staff's "after" photos): at least
    one, and no more than MAX_PHOTOS together with those it has."""
    if not uploads:
        raise Invalid("Bitte wählen Sie ein Foto.", "Please choose a photo.", field="photos")
    has = await Photo.count().where(_of(owner.content_type, [owner.content_id]))
    if has + len(uploads) > MAX_PHOTOS:
        raise TooManyPhotos(MAX_PHOTOS)
    async with intake(store, uploads) as stored, Photo._meta.db.transaction():
        await attach(owner, stored, after=has)


async def submit_photos(owner: Owner) -> None:
    """Hand every photo of the contribution to moderation and store the visibility it answers."""
    rows = await Photo.select(Photo.id, Photo.key).where(_of(owner.content_type, [owner.content_id]))
    for row in rows:
        visibility = await hook.submit(
            hook.Contribution(
                municipality_id=owner.municipality_id,
                content_type=CONTENT_TYPE,
                content_id=row["id"],
                author_id=owner.author_id,
                context_id=owner.context_id,
                preview_url=photo_url(owner.slug, row["id"]),
                link=owner.link,
                photo_key=row["key"],
            )
        )
        await Photo.update({Photo.visibility: visibility.value}).where(Photo.id == row["id"])


async def apply_outcome(outcome: hook.Outcome) -> None:
    """A moderator's decision on a photo: its visibility, and the blurred file instead of the original."""
    values: dict[Any, Any] = {Photo.visibility: Visibility(outcome.visibility).value}
    if outcome.redacted_photo_key is not None:
        values[Photo.key] = outcome.redacted_photo_key
    await Photo.update(values).where(Photo.id == outcome.content_id)


# --- reading -----------------------------------------------------------------------------------------------


def _of(content_type: str, content_ids: Sequence[int]) -> Any:
    return (Photo.content_type == content_type) & Photo.content_id.is_in(list(content_ids))


async def listed(
    slug: str, content_type: str, content_ids: Sequence[int], *, everything: bool = False, own: int | None = None
) -> dict[int, list[PhotoOut]]:
    """The photos of many contributions in one query, in order: public ones, those of the author `own`, or
    all of them (`everything`, for moderators and staff)."""
    found: dict[int, list[PhotoOut]] = {i: [] for i in content_ids}
    if not content_ids:
        return found
    rows = (
        await Photo.select(Photo.id, Photo.content_id, Photo.author, Photo.width, Photo.height, Photo.visibility)
        .where(_of(content_type, content_ids))
        .order_by(Photo.content_id)
        .order_by(Photo.position)
        .order_by(Photo.id)
    )
    for row in rows:
        shown = everything or row["visibility"] == Visibility.PUBLIC or (own is not None and row["author"] == own)
        if shown:
            found[row["content_id"]].append(
                PhotoOut(
                    id=row["id"],
                    url=photo_url(slug, row["id"]),
                    thumb_url=photo_url(slug, row["id"], thumb=True),
                    width=row["width"],
                    height=row["height"],
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class OwnerAccess:
    """What the asker may do with the contribution a photo belongs to."""

    visible: bool  # they may see the contribution itself
    works_on: bool = False  # they handle it (staff of a defect report): every photo of it, moderated or not


OwnerLookup = Callable[[int, int, Actor], Awaitable[OwnerAccess]]  # (municipality id, content id, actor)


def may_see(photo: Mapping[str, Any], access: OwnerAccess, actor: Actor) -> bool:
    if actor.user_id is not None and photo["author"] == actor.user_id:
        return True
    if actor.holds(Role.MODERATOR, Role.ADMIN) or access.works_on:
        return True  # moderators must see a waiting photo to decide on it
    return access.visible and photo["visibility"] == Visibility.PUBLIC


async def file_of(
    municipality_id: int, photo_id: int, actor: Actor, owners: Mapping[str, OwnerLookup], *, thumb: bool = False
) -> str:
    """The stored file of a photo (or of its thumbnail) the actor may see; else PhotoNotFound."""
    row = (
        await Photo.select(Photo.content_type, Photo.content_id, Photo.author, Photo.key, Photo.visibility)
        .where((Photo.id == photo_id) & (Photo.municipality == municipality_id))
        .first()
    )
    if row is None or row["content_type"] not in owners:
        raise PhotoNotFound()
    access = await owners[row["content_type"]](municipality_id, row["content_id"], actor)
    if not may_see(row, access, actor):
        raise PhotoNotFound()
    return thumb_key_of(row["key"]) if thumb else str(row["key"])


# --- deleting ----------------------------------------------------------------------------------------------


async def detach(content_type: str, content_ids: Sequence[int]) -> list[str]:
    """Inside the caller's transaction: delete the photo rows of these contributions; returns the file keys,
    to `discard` after the commit (a failed file delete then leaves a file, never a row without its file)."""
    if not content_ids:
        return []
    keys = [str(r["key"]) for r in await Photo.select(Photo.key).where(_of(content_type, content_ids))]
    await Photo.delete().where(_of(content_type, content_ids))
    return keys


async def discard(store: PhotoStore, keys: Sequence[str]) -> None:
    """Delete stored files (and their thumbnails), off the event loop."""

    def delete_all() -> None:
        for key in keys:
            store.delete(key)

    if keys:
        await asyncio.to_thread(delete_all)


# --- the person's data (DSGVO Art. 15/17/20) ---------------------------------------------------------------


async def export_for(user_id: int) -> list[dict[str, Any]]:
    """Every photo the person uploaded, with what it belongs to and where to fetch it."""
    rows = (
        await Photo.select(
            Photo.id,
            Photo.municipality.slug.as_alias("slug"),
            Photo.content_type,
            Photo.content_id,
            Photo.width,
            Photo.height,
            Photo.visibility,
            Photo.created_at,
        )
        .where(Photo.author == user_id)
        .order_by(Photo.id)
    )
    return [
        {
            "id": r["id"],
            "belongs_to": {"content_type": r["content_type"], "content_id": r["content_id"]},
            "url": photo_url(r["slug"], r["id"]),
            "width": r["width"],
            "height": r["height"],
            "visibility": r["visibility"],
            "created_at": r["created_at"],
        }
        for r in rows
    ]


async def forget(user_id: int) -> None:
    """On account deletion: the photos stay with their contributions (a public report still shows the
    pothole), but no longer name the person."""
    await Photo.update({Photo.author: None}).where(Photo.author == user_id)


PHOTOS = ContentType(name=CONTENT_TYPE, apply_outcome=apply_outcome, export=export_for, erase=forget)
