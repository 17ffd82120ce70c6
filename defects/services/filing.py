"""Filing a report (online, by Open311, or by staff on someone's behalf) and confirming it by e-mail.

A report "counts" once it is confirmed (at once for logged-in residents and staff): only then is it
submitted to moderation, given its first history entry, and routed to the category's department.
Nothing of a report that fails validation is stored: every check runs before the first write, and
photo files written before a failure are deleted again (contributions.photos).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from piccolo.apps.user.tables import BaseUser

from contributions import following
from contributions import photos as contribution_photos
from contributions.actor import Actor
from contributions.following import DEFECT_REPORT, Target
from contributions.links import Links
from defects import mapcache
from defects.errors import CategoryNotFound, EmailRequired, InvalidConfirmation, UnknownCategory
from defects.jsonvalue import json_value
from defects.questions import check_answers
from defects.schemas import ReportCreate
from defects.services.categories import get_category, get_category_by_id, questions_of
from defects.services.departments import addresses
from defects.services.routing import Responsible, responsible_for
from defects.tables import Report, StatusChange
from defects.workflow import INITIAL, Status
from geo import addresses as geocoding
from geo import clock
from geo import services as geo
from geo.errors import Invalid
from geo.ports import Mailer
from geo.tables import District, Municipality
from geo.territory import DistrictShape, Territory
from media.photos import PhotoStore
from moderation import hook

CONTENT_TYPE = "defect_report"


@dataclass(frozen=True)
class Filing:
    report_id: int
    needs_confirmation: bool
    responsible_elsewhere: str = ""  # an outside body's contact: the report was answered "nicht zuständig"


@dataclass(frozen=True)
class ApiSource:
    """The Open311 app that sends a report: its key, and whether it is a trusted partner.

    Open311 makes the reporter's e-mail optional and allows a place given by address alone; reports from an
    app may therefore come without e-mail (they count at once and moderation sees them like any report without
    an account) and without a point (staff place them). A trusted partner has confirmed its reporters itself:
    no confirmation link is mailed.
    """

    key_id: int
    trusted: bool = False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _account_email(user_id: int) -> str:
    row = await BaseUser.select(BaseUser.email).where(BaseUser.id == user_id).first()
    return str(row["email"]) if row else ""


async def file_report(
    municipality: Municipality,
    viewer: Actor,
    data: ReportCreate,
    photos: list[bytes],
    *,
    store: PhotoStore,
    mailer: Mailer,
    links: Links,
    channel: str = "online",
    on_behalf: bool = False,
    source: ApiSource | None = None,
) -> Filing:
    """Validate everything, then store the report in one transaction; see the module docstring."""
    author = None if on_behalf else viewer.user_id
    await hook.ensure_may_contribute(author, municipality.id)
    try:
        category = await get_category(municipality.id, data.category, include_retired=False)
    except CategoryNotFound:
        raise UnknownCategory() from None
    territory = await geo.territory_of(municipality)
    geocoder = await geocoding.geocoder_for(municipality, territory)
    data = await _geocoded(geocoder, data, by_address=source is not None)
    lon, lat, placed, district = place(territory, data, by_address=source is not None)
    address, address_origin = data.address.strip(), ""
    if not address and placed:
        found = await geocoder.reverse(lat, lon)
        if found is not None:
            address, address_origin = found.label[:300], found.source
    answers = check_answers(questions_of(category), data.answers)
    email = str(data.email).lower() if data.email else ""
    if not email and author is not None:
        email = await _account_email(author)
    if not email and author is None and not on_behalf and source is None:
        raise EmailRequired()
    needs_confirmation = author is None and not on_behalf and bool(email) and not (source and source.trusted)

    async with contribution_photos.intake(store, photos) as stored, Report._meta.db.transaction():
        report = Report(
            municipality=municipality.id,
            category=category["id"],
            district=district.id if district else None,
            lat=lat,
            lon=lon,
            placed=placed,
            address=address,
            address_origin=address_origin,
            description=data.description.strip(),
            answers=answers,
            status=INITIAL.value,
            author=author,
            reporter_email=email,
            reporter_name=data.name.strip(),
            reporter_phone=data.phone.strip(),
            locale=data.locale,
            channel=channel,
            filed_by=viewer.user_id if on_behalf else None,
            api_key=source.key_id if source else None,
        )
        await report.save()
        # Moderation sees the photos once the report counts (count_report), like the report itself.
        owner = photo_owner(municipality, report.id, author, links.report(municipality.slug, report.id))
        await contribution_photos.attach(owner, stored, submit=False)
        if needs_confirmation:
            token = secrets.token_urlsafe(32)
            await Report.update({Report.confirm_token_hash: _digest(token)}).where(Report.id == report.id)
            await mailer.send(
                to=email,
                template="defects/confirm",
                context={
                    "name": data.name,
                    "category": category["name_en" if data.locale == "en" else "name_de"],
                    "confirm_url": links.report_confirmation(municipality.slug, token),
                    "municipality": municipality.name,
                },
                locale=data.locale,
                municipality_id=municipality.id,
            )
        else:
            elsewhere = await count_report(report.id, municipality, mailer=mailer, links=links)
    return Filing(report.id, needs_confirmation, "" if needs_confirmation else elsewhere)


def photo_owner(municipality: Municipality, report_id: int, author: int | None, link: str) -> contribution_photos.Owner:
    return contribution_photos.Owner(
        municipality_id=municipality.id,
        slug=municipality.slug,
        content_type=CONTENT_TYPE,
        content_id=report_id,
        author_id=author,
        link=link,
    )


async def _geocoded(geocoder: geocoding.Geocoder, data: ReportCreate, *, by_address: bool) -> ReportCreate:
    """An Open311 request with an address alone gets the point the geocoder finds for it (when it finds one)."""
    if not by_address or (data.lat is not None and data.lon is not None) or data.district_id is not None:
        return data
    if not data.address.strip():
        return data
    found = await geocoder.search(data.address, 1)
    if not found:
        return data
    return data.model_copy(update={"lat": found[0].lat, "lon": found[0].lon})


def place(
    territory: Territory, data: ReportCreate, *, by_address: bool = False
) -> tuple[float, float, bool, DistrictShape | None]:
    """(lon, lat, placed, district) of a new report.

    With `by_address` (Open311 allows a place given by address alone), an address without a point or district
    is accepted: the district it names (a word of the address, e.g. "Bahnhofstraße 3, Hahn") or else the town
    gives a provisional point, and `placed` is False until staff set the real one. (An address the geocoder
    knows has already become a point: `_geocoded`.)
    """
    if by_address and (data.lat is None or data.lon is None) and data.district_id is None and data.address.strip():
        district = district_named_in(territory, data.address)
        area = district.geometry if district is not None and district.geometry is not None else territory.boundary
        point = area.representative_point()
        return point.x, point.y, False, district
    lon, lat = locate(territory, data)
    return lon, lat, True, territory.district_at(lon, lat)


def district_named_in(territory: Territory, address: str) -> DistrictShape | None:
    """The district whose name stands as a whole word in the address (the longest such name)."""
    words = address.casefold()
    found = [
        d for d in territory.districts if d.name and re.search(rf"(?<!\w){re.escape(d.name.casefold())}(?!\w)", words)
    ]
    return max(found, key=lambda d: len(d.name), default=None)


def locate(territory: Territory, data: ReportCreate) -> tuple[float, float]:
    """The report's point: given (map or coordinates), or inside the named district for a place description."""
    if data.lat is not None and data.lon is not None:
        territory.check_point(data.lon, data.lat)
        return data.lon, data.lat
    if data.district_id is None:
        raise Invalid(
            "Bitte wählen Sie den Ort auf der Karte, geben Sie Koordinaten an oder nennen Sie Stadtteil und Straße.",
            "Please pick the place on the map, give coordinates, or name the district and street.",
            field="location",
        )
    if not data.address.strip():
        raise Invalid(
            "Bitte beschreiben Sie den Ort (Straße, Hausnummer oder Platz).",
            "Please describe the place (street, house number or square).",
            field="address",
        )
    district = next((d for d in territory.districts if d.id == data.district_id), None)
    if district is None:
        raise Invalid("Diesen Stadtteil gibt es hier nicht.", "There is no such district here.", field="district_id")
    area = district.geometry if district.geometry is not None else territory.boundary
    point = area.representative_point()
    return point.x, point.y


async def confirm_report(slug: str, token: str, *, mailer: Mailer, links: Links) -> int:
    """Open the e-mailed link: the report now counts. A link works once."""
    municipality = await geo.get_municipality(slug)
    async with Report._meta.db.transaction():
        row = (
            await Report.select(Report.id)
            .where(
                (Report.confirm_token_hash == _digest(token))
                & (Report.municipality == municipality.id)
                & Report.confirmed_at.is_null()
            )
            .first()
        )
        if row is None:
            raise InvalidConfirmation()
        await count_report(row["id"], municipality, mailer=mailer, links=links)
    return int(row["id"])


def contribution_of(
    municipality_id: int, report_id: int, author: int | None, text: str, link: str
) -> hook.Contribution:
    """What moderation is told of a report (filing, and the demo dating its reports)."""
    return hook.Contribution(
        municipality_id=municipality_id,
        content_type=CONTENT_TYPE,
        content_id=report_id,
        author_id=author,
        text=text,
        link=link,
    )


async def count_report(report_id: int, municipality: Municipality, *, mailer: Mailer, links: Links) -> str:
    """Within the caller's transaction: moderation, first history entry, reporter follows, department mail.

    Returns the contact of the outside body that is responsible instead, when a routing rule says so, else ""."""
    report = await Report.select(*Report.all_columns()).where(Report.id == report_id).first()
    assert report is not None
    category = await get_category_by_id(report["category"])
    link = links.report(municipality.slug, report_id)
    visibility = await hook.submit(
        contribution_of(municipality.id, report_id, report["author"], report["description"], link)
    )
    now = clock.now()
    await Report.update(
        {Report.visibility: visibility.value, Report.confirmed_at: now, Report.confirm_token_hash: None}
    ).where(Report.id == report_id)
    await contribution_photos.submit_photos(photo_owner(municipality, report_id, report["author"], link))
    await StatusChange(report=report_id, from_status=None, to_status=INITIAL.value).save()
    mapcache.forget(municipality.id)
    if report["reporter_email"]:
        await follow(report_id, report["reporter_email"], report["author"])
    listed = await contribution_photos.listed(municipality.slug, CONTENT_TYPE, [report_id], everything=True)
    photos = [
        (links.photo(municipality.slug, p.id), links.photo(municipality.slug, p.id, thumb=True))
        for p in listed[report_id]
    ]
    return await _route(report, category, municipality, mailer=mailer, link=link, photos=photos)


async def report_mail_context(
    report: dict[str, Any],
    category: dict[str, Any],
    receiver: str,
    *,
    link: str,
    photos: list[tuple[str, str]] | None = None,
    with_reporter: bool = True,
) -> dict[str, Any]:
    """What a mail about a report tells whoever works on it: place, description, answers, photos, map link;
    the reporter's contact only for the municipality's own departments (`with_reporter`)."""
    district = None
    if report["district"] is not None:
        row = await District.select(District.name).where(District.id == report["district"]).first()
        district = row["name"] if row else None
    return {
        "id": report["id"],
        "category": category["name_de"],
        "department": receiver,
        "description": report["description"],
        "address": report["address"],
        "district": district or "",
        "lat": round(report["lat"], 6),
        "lon": round(report["lon"], 6),
        "answers": _answer_texts(json_value(report["answers"]) or {}, questions_of(category)),
        "questions": {q["code"]: q["label_de"] for q in questions_of(category)},
        "reporter_email": report["reporter_email"] if with_reporter else "",
        "reporter_name": report["reporter_name"] if with_reporter else "",
        "reporter_phone": report["reporter_phone"] if with_reporter else "",
        "channel": CHANNELS_DE.get(report["channel"], report["channel"]),
        "link": link,
        "map_link": map_link(report["lat"], report["lon"]),
        "photos": [{"url": url, "thumb_url": thumb} for url, thumb in photos or []],
    }


def _answer_texts(answers: dict[str, Any], questions: list[dict[str, Any]]) -> dict[str, Any]:
    """Answers as the department reads them: a choice's German name, not its key ("groß", not "large")."""
    names = {
        q["code"]: {o.get("key"): o.get("name_de") or o.get("key") for o in q.get("values") or []} for q in questions
    }
    shown: dict[str, Any] = {}
    for code, value in answers.items():
        options = names.get(code, {})
        if isinstance(value, list):
            shown[code] = [options.get(v, v) for v in value]
        elif isinstance(value, bool):
            shown[code] = "ja" if value else "nein"
        else:
            shown[code] = options.get(value, value) if isinstance(value, str) else value
    return shown


def map_link(lat: float, lon: float) -> str:
    """The report's place on OpenStreetMap, which opens in any browser or phone, with a marker at the point."""
    return f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}#map=18/{lat:.6f}/{lon:.6f}"


CHANNELS_DE = {
    "online": "online",
    "open311": "über die Open311-Schnittstelle",
    "phone": "telefonisch",
    "counter": "im Bürgerbüro",
    "letter": "per Brief",
    "mobile": "mobil",
}


async def follow(report_id: int, email: str, user_id: int | None = None) -> None:
    """Mail on every status change of the report (idempotent): the person with an account as they chose,
    else the address."""
    row = await Report.select(Report.municipality).where(Report.id == report_id).first()
    assert row is not None
    await following.follow(Target(DEFECT_REPORT, report_id), row["municipality"], user_id=user_id, email=email)


async def _route(
    report: dict[str, Any],
    category: dict[str, Any],
    municipality: Municipality,
    *,
    mailer: Mailer,
    link: str,
    photos: list[tuple[str, str]] | None = None,
) -> str:
    """Send the report to whoever is responsible (defects.services.routing); returns the outside body's contact
    when the municipality is not responsible (the report is then answered "nicht zuständig" at once)."""
    responsible = await responsible_for(municipality, category, report["lon"], report["lat"], report["district"])
    if responsible.external is not None:
        await _answer_elsewhere(report, category, municipality, responsible, mailer=mailer, link=link)
        return responsible.external_text()
    department = responsible.department
    if department is not None:
        await Report.update({Report.department: department["id"]}).where(Report.id == report["id"])
    recipients = addresses(department) if department else [municipality.contact_email]
    recipients = [r for r in recipients if r]
    if not recipients:
        return ""
    context = await report_mail_context(
        report, category, department["name"] if department else municipality.name, link=link, photos=photos
    )
    for to in recipients:
        await mailer.send(
            to=to, template="defects/routed", context=context, locale="de", municipality_id=municipality.id
        )
    return ""


async def _answer_elsewhere(
    report: dict[str, Any],
    category: dict[str, Any],
    municipality: Municipality,
    responsible: Responsible,
    *,
    mailer: Mailer,
    link: str,
) -> None:
    """ "Nicht zuständig, zuständig ist …": the answer is in the history at once, and mailed to the reporter."""
    contact = responsible.external_text()
    note_de = "Für diesen Ort und diese Art von Mangel ist eine andere Stelle zuständig. Bitte wenden Sie sich an sie."
    await Report.update(
        {
            Report.status: Status.NOT_RESPONSIBLE.value,
            Report.updated_at: clock.now(),
            Report.department: category["department"],  # who would reopen it (rules.handling_department)
        }
    ).where(Report.id == report["id"])
    await StatusChange(
        report=report["id"],
        from_status=INITIAL.value,
        to_status=Status.NOT_RESPONSIBLE.value,
        note=note_de,
        responsible=contact,
        actor_label=municipality.name,
    ).save()
    if report["reporter_email"]:
        external = responsible.external
        assert external is not None
        await mailer.send(
            to=report["reporter_email"],
            template="defects/elsewhere",
            context={
                "id": report["id"],
                "category_de": category["name_de"],
                "category_en": category["name_en"],
                "municipality": municipality.name,
                "name": external.name,
                "email": str(external.email or ""),
                "phone": external.phone,
                "web": external.web,
                "link": link,
            },
            locale=report["locale"],
            municipality_id=municipality.id,
        )
