"""Use cases of the legal pages: read what is published, edit drafts, publish versions, fill templates, pass on
accessibility feedback, record acceptance of the terms, and decide whether a municipality is listed yet.

The web shell checks roles before calling the admin use cases; the audit log comes in as a port."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from geo import clock, markdown
from geo.ports import Mailer
from geo.tables import Membership, Municipality
from legal.errors import (
    EmptyPage,
    NoContactAddress,
    NothingToPublish,
    PageNotPublished,
    TermsNotAccepted,
    UnknownTermsMunicipality,
)
from legal.kinds import REQUIRED_TO_GO_LIVE, TITLES, Kind
from legal.schemas import (
    AccessibilityFeedback,
    LegalDetails,
    LegalDetailsUpdate,
    LegalOverview,
    LegalPage,
    LegalPageDraft,
)
from legal.tables import LegalDetails as DetailsRow
from legal.tables import LegalPage as PageRow
from legal.tables import ListingHold, TermsAcceptance

TEMPLATES = Path(__file__).parent / "templates" / "pages"


class AuditLog(Protocol):
    """Records an admin's change (the moderation audit log, handed in by the web shell)."""

    def __call__(
        self, municipality_id: int, action: str, *, actor_id: int | None = ..., after: dict[str, Any] | None = ...
    ) -> Awaitable[None]: ...


# --- reading ------------------------------------------------------------------------------------


async def _newest(municipality_id: int, kind: Kind, *, published: bool = False) -> PageRow | None:
    query = PageRow.objects().where((PageRow.municipality == municipality_id) & (PageRow.kind == kind.value))
    if published:
        query = query.where(PageRow.published_at.is_not_null())
    return await query.order_by(PageRow.version, ascending=False).first()


def _public(row: PageRow) -> LegalPage:
    kind = Kind(row.kind)
    return LegalPage(
        kind=kind,
        title=TITLES[kind][0],
        title_en=TITLES[kind][1],
        version=row.version,
        published_at=clock.aware(row.published_at),
        html=markdown.to_html(row.body),
    )


async def published(municipality_id: int, kind: Kind) -> LegalPage:
    """The newest published version; a draft is never public."""
    row = await _newest(municipality_id, kind, published=True)
    if row is None:
        raise PageNotPublished()
    return _public(row)


async def published_kinds(municipality_id: int) -> list[Kind]:
    rows = await PageRow.select(PageRow.kind).where(
        (PageRow.municipality == municipality_id) & PageRow.published_at.is_not_null()
    )
    found = {r["kind"] for r in rows}
    return [kind for kind in Kind if kind.value in found]


async def _draft_view(municipality_id: int, kind: Kind) -> LegalPageDraft:
    newest = await _newest(municipality_id, kind)
    public = await _newest(municipality_id, kind, published=True)
    return LegalPageDraft(
        kind=kind,
        title=TITLES[kind][0],
        title_en=TITLES[kind][1],
        published_version=public.version if public else None,
        published_at=clock.aware(public.published_at) if public else None,
        body=newest.body if newest else "",
        draft=bool(newest and newest.published_at is None),
        version=newest.version if newest else None,
        updated_at=clock.aware(newest.updated_at) if newest else None,
    )


async def details(municipality_id: int) -> LegalDetails:
    row = await DetailsRow.objects().where(DetailsRow.municipality == municipality_id).first()
    if row is None:
        return LegalDetails(representative="", vat_id="", supervisory_authority="", dpo_contact="")
    return LegalDetails(
        representative=row.representative,
        vat_id=row.vat_id,
        supervisory_authority=row.supervisory_authority,
        dpo_contact=row.dpo_contact,
    )


async def overview(municipality_id: int) -> LegalOverview:
    """Everything the admins' screen shows: each page's draft and published state, the details, the listing."""
    return LegalOverview(
        pages=[await _draft_view(municipality_id, kind) for kind in Kind],
        details=await details(municipality_id),
        listed=municipality_id not in await unlisted_ids(None),
    )


async def page_for_admin(municipality_id: int, kind: Kind) -> LegalPageDraft:
    return await _draft_view(municipality_id, kind)


# --- editing ------------------------------------------------------------------------------------


async def save_draft(municipality_id: int, kind: Kind, body: str, *, user_id: int, audit: AuditLog) -> LegalPageDraft:
    """Save the text as the draft: over the current draft, or as a new version after a published one."""
    if not body.strip():
        raise EmptyPage()
    async with PageRow._meta.db.transaction():
        newest = await _newest(municipality_id, kind)
        if newest is not None and newest.published_at is None:
            await PageRow.update(
                {PageRow.body: body, PageRow.updated_at: clock.now(), PageRow.updated_by: user_id}
            ).where(PageRow.id == newest.id)
            version = newest.version
        else:
            version = newest.version + 1 if newest else 1
            await PageRow(
                municipality=municipality_id, kind=kind.value, version=version, body=body, updated_by=user_id
            ).save()
        await audit(municipality_id, "legal-draft", actor_id=user_id, after={"page": kind.value, "version": version})
    return await _draft_view(municipality_id, kind)


async def publish(municipality_id: int, kind: Kind, *, user_id: int, audit: AuditLog) -> LegalPageDraft:
    """Publish the draft: from now on the public (and new registrations, for the terms) see this version."""
    async with PageRow._meta.db.transaction():
        newest = await _newest(municipality_id, kind)
        if newest is None or newest.published_at is not None:
            raise NothingToPublish()
        await PageRow.update({PageRow.published_at: clock.now(), PageRow.updated_by: user_id}).where(
            PageRow.id == newest.id
        )
        await audit(
            municipality_id, "legal-publish", actor_id=user_id, after={"page": kind.value, "version": newest.version}
        )
    return await _draft_view(municipality_id, kind)


async def update_details(
    municipality_id: int, data: LegalDetailsUpdate, *, user_id: int, audit: AuditLog
) -> LegalDetails:
    values: dict[Any, Any] = data.model_dump()
    async with DetailsRow._meta.db.transaction():
        row = await DetailsRow.objects().where(DetailsRow.municipality == municipality_id).first()
        if row is None:
            await DetailsRow(municipality=municipality_id, **values).save()
        else:
            await DetailsRow.update(values).where(DetailsRow.id == row.id)
        await audit(municipality_id, "legal-details", actor_id=user_id, after=values)
    return await details(municipality_id)


# --- templates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What the privacy template states about the platform, taken from the code and settings by the caller."""

    session_days: int
    idle_minutes: int
    unconfirmed_days: int
    verify_hours: int
    reset_hours: int
    tiles: str  # the host map tiles come from, or "" when the map has no tile background


@lru_cache(maxsize=1)
def _environment() -> Environment:
    # Markdown, not HTML: autoescaping would put entities into the text the admin edits.
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        autoescape=False,  # noqa: S701
        keep_trailing_newline=True,
    )


async def template(municipality: Municipality, kind: Kind, lang: str, facts: Facts) -> str:
    """A starting text for the page, filled with what the platform knows about the municipality."""
    known = await details(municipality.id)
    today = clock.now().date()
    context: Mapping[str, Any] = {
        "name": municipality.name,
        "slug": municipality.slug,
        "address": municipality.contact_address.strip(),
        "email": municipality.contact_email.strip(),
        "phone": municipality.contact_phone.strip(),
        **known.model_dump(),
        **facts.__dict__,
        "today": today.strftime("%d.%m.%Y") if lang == "de" else today.isoformat(),
    }
    return _environment().get_template(f"{kind.value}.{lang}.md").render(context).strip() + "\n"


# --- accessibility feedback -----------------------------------------------------------------------


async def send_feedback(municipality: Municipality, data: AccessibilityFeedback, *, mailer: Mailer) -> None:
    """Mail the barrier someone met to the municipality's contact address, through the outgoing mail queue."""
    if not municipality.contact_email.strip():
        raise NoContactAddress()
    async with PageRow._meta.db.transaction():
        await mailer.send(
            to=municipality.contact_email.strip(),
            template="legal/feedback",
            context={
                "municipality": municipality.name,
                "name": data.name,
                "email": str(data.email) if data.email else "",
                "page": data.page,
                "message": data.message,
            },
            locale="de",  # the office reads German; the person wrote in the language they chose
        )


# --- terms of use ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermsToAccept:
    municipality_id: int | None
    page_id: int | None
    version: int | None


async def terms_to_accept(accepted: bool, slug: str | None) -> TermsToAccept:
    """The terms a registration accepts: those of the municipality shown (or the first listed one), checked
    before anything is stored."""
    if not accepted:
        raise TermsNotAccepted()
    if slug:
        municipality = await Municipality.objects().where(Municipality.slug == slug).first()
        if municipality is None:
            raise UnknownTermsMunicipality(slug)
    else:
        hidden = await unlisted_ids(None)
        candidates = await Municipality.objects().order_by(Municipality.name)
        listed = [m for m in candidates if m.id not in hidden]
        if not listed:
            return TermsToAccept(None, None, None)
        municipality = listed[0]
    page = await _newest(municipality.id, Kind.NUTZUNGSBEDINGUNGEN, published=True)
    return TermsToAccept(municipality.id, page.id if page else None, page.version if page else None)


def recorder(terms: TermsToAccept) -> Callable[[int], Awaitable[None]]:
    """What registration calls inside its transaction once the account exists."""

    async def record(user_id: int) -> None:
        await TermsAcceptance(
            user=user_id, municipality=terms.municipality_id, page=terms.page_id, version=terms.version
        ).save()

    return record


# --- going live ---------------------------------------------------------------------------------


async def hold_listing(municipality_id: int) -> None:
    """A new municipality waits off the public list until its Impressum and Datenschutzerklärung are out."""
    if not await ListingHold.exists().where(ListingHold.municipality == municipality_id):
        await ListingHold(municipality=municipality_id).save()


async def unlisted_ids(user_id: int | None) -> set[int]:
    """Municipalities still on hold (a required page unpublished) that `user_id` holds no role in."""
    held = {r["municipality"] for r in await ListingHold.select(ListingHold.municipality)}
    if not held:
        return set()
    rows = await PageRow.select(PageRow.municipality, PageRow.kind).where(
        PageRow.municipality.is_in(list(held)) & PageRow.published_at.is_not_null()
    )
    ready = {m for m in held if all({"municipality": m, "kind": k.value} in rows for k in REQUIRED_TO_GO_LIVE)}
    waiting = held - ready
    if waiting and user_id is not None:
        mine = await Membership.select(Membership.municipality).where(
            (Membership.user == user_id) & Membership.municipality.is_in(list(waiting))
        )
        waiting -= {r["municipality"] for r in mine}
    return waiting
