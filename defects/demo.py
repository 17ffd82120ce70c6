"""Mängelmelder demo for Taunusstein: a realistic Hessian category set, ~40 reports in every district
and state, one with a photo, and a demo Open311 API key (printed in the README; demo only).

Each report passes moderation's intake like a real one (so its reporter finds it under "Meine Meldungen" with
its moderation state, and moderators in the queue), dated to the day it was filed."""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta
from typing import Any, Protocol

from contributions import following
from contributions import photos as contribution_photos
from contributions.following import DEFECT_REPORT, Target
from defects.services.apikeys import issue_key
from defects.services.filing import CONTENT_TYPE, contribution_of, photo_owner
from defects.services.standard import seed_standard_categories
from defects.tables import Report, StatusChange
from defects.workflow import STATUSES, Status
from geo import clock
from geo import services as geo
from geo.demo_districts import DISTRICT_CENTRES
from geo.tables import District, Municipality
from media.photos import PhotoStore
from moderation import hook
from moderation.tables import ModerationItem

DEMO_OPEN311_KEY = "demo-open311-taunusstein-2026"

# The demo town's district centres (geo/demo_districts.py); reports scatter a few hundred metres around them.

STORIES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("strassen", "Tiefes Schlagloch in der Fahrbahn, Radfahrer müssen ausweichen.", "Aarstraße", {"size": "gross"}),
    ("strassen", "Gehwegplatten angehoben, Stolpergefahr vor dem Kindergarten.", "Schulstraße", {"size": "mittel"}),
    (
        "beleuchtung",
        "Die Straßenlaterne ist seit Tagen aus, der Weg ist abends dunkel.",
        "Am Hohlweg",
        {"fault": "aus"},
    ),
    ("beleuchtung", "Laterne flackert die ganze Nacht.", "Taunusstraße", {"fault": "flackert", "mast_number": "B 117"}),
    (
        "muell",
        "Sperrmüll und alte Reifen am Waldparkplatz abgeladen.",
        "Waldparkplatz",
        {"waste": ["sperrmuell", "reifen"]},
    ),
    ("muell", "Grünschnitt im Bachlauf entsorgt.", "Am Aarufer", {"waste": ["gruenschnitt"]}),
    ("verkehrszeichen", "Stoppschild ist umgefahren worden.", "Kreuzung Bahnhofstraße", {}),
    ("ampel", "Fußgängerampel zeigt kein Grün mehr.", "Aarstraße / Hahner Straße", {}),
    ("abfallbehaelter", "Glascontainer quillt über, Scherben auf dem Gehweg.", "Parkplatz Bürgerhaus", {}),
    ("spielplatz", "Kette an der Schaukel ist gerissen.", "Spielplatz Am Weiher", {}),
    ("gruen", "Ast hängt abgebrochen über dem Fußweg.", "Kurpark", {}),
    ("gewaesser", "Einlauf ist verstopft, bei Regen steht die Straße unter Wasser.", "Mühlweg", {}),
    ("graffiti", "Schmierereien an der Unterführung.", "Unterführung am Bahnhof", {}),
    ("toiletten", "Die öffentliche Toilette ist seit einer Woche abgeschlossen.", "Marktplatz", {}),
    ("winterdienst", "Der Radweg wurde nicht geräumt und ist vereist.", "Radweg an der B 275", {}),
    ("sonstiges", "Die Sitzbank an der Bushaltestelle ist kaputt.", "Bushaltestelle Rathaus", {}),
]

# (status path through the workflow, public notes)
PATHS: list[list[tuple[Status, str, str]]] = [
    [],
    [(Status.CHECKING, "Wir sehen uns das vor Ort an.", "")],
    [(Status.CHECKING, "Wir sehen uns das vor Ort an.", ""), (Status.IN_PROGRESS, "Der Auftrag ist erteilt.", "")],
    [(Status.IN_PROGRESS, "Der Bauhof ist informiert.", ""), (Status.FIXED, "Erledigt. Danke für den Hinweis!", "")],
    [(Status.CHECKING, "", ""), (Status.REJECTED, "Kein Schaden feststellbar; die Stelle ist in Ordnung.", "")],
    [(Status.NOT_RESPONSIBLE, "Das ist eine Landesstraße.", "Hessen Mobil, Straßen- und Verkehrsmanagement")],
]


class Links(Protocol):
    def report(self, slug: str, report_id: int) -> str: ...


class Context(Protocol):
    municipality: Municipality
    users: dict[str, int]
    departments: dict[str, int]

    @property
    def links(self) -> Links: ...

    @property
    def photos(self) -> PhotoStore | None: ...  # where the demo's photo goes (None: no photo)


# The report of Anna's that carries the demo's photo (the newest: its photo still waits for moderation).
PHOTO_REPORT_INDEX = 0


async def load(context: Context) -> None:
    municipality = context.municipality
    await seed_standard_categories(municipality.id, context.departments)
    await issue_key(municipality.id, "Demo-App (Open311)", DEMO_OPEN311_KEY)
    await _reports(context)


async def _reports(context: Context) -> None:
    from defects.services.categories import get_category

    municipality = context.municipality
    territory = await geo.territory_of(municipality)
    districts = {
        d["name"]: d["id"]
        for d in await District.select(District.id, District.name).where(District.municipality == municipality.id)
    }
    rng = random.Random(311)  # noqa: S311 (demo scatter, not security)
    now = clock.now()
    anna = context.users.get("anna@example.org")
    bauhof_user = context.users.get("bauhof@taunusstein.example")
    names = sorted(DISTRICT_CENTRES)
    filed: list[tuple[datetime, int, Report]] = []
    for index in range(40):
        district_name = names[index % len(names)]
        code, text, street, answers = STORIES[index % len(STORIES)]
        path = PATHS[index % len(PATHS)]
        centre_lat, centre_lon = DISTRICT_CENTRES[district_name]
        for _ in range(20):  # scatter, but stay inside the municipality
            lat = centre_lat + rng.uniform(-0.004, 0.004)
            lon = centre_lon + rng.uniform(-0.006, 0.006)
            if territory.contains(lon, lat):
                break
        else:
            point = territory.boundary.representative_point()
            lat, lon = point.y, point.x
        category = await get_category(municipality.id, code)
        created = now - timedelta(days=2 + (index * 37) % 80, hours=rng.randint(0, 23))
        by_anna = index % 5 == 0 and anna is not None
        report = Report(
            municipality=municipality.id,
            category=category["id"],
            district=districts.get(district_name),
            lat=lat,
            lon=lon,
            address=f"{street}, {district_name}",
            description=text,
            answers=answers,
            status=Status.RECEIVED.value,
            visibility="public",
            confirmed_at=created,
            author=anna if by_anna else None,
            reporter_email="anna@example.org" if by_anna else f"melder{index}@example.org",
            channel="online" if index % 7 else "phone",
            filed_by=bauhof_user if index % 7 == 0 else None,
            affected_count=(index * 3) % 7,
            created_at=created,
            updated_at=created,
        )
        await report.save()
        filed.append((created, index, report))
        await StatusChange(report=report.id, to_status=Status.RECEIVED.value, created_at=created).save()
        await following.follow(
            Target(DEFECT_REPORT, report.id), municipality.id, user_id=report.author, email=report.reporter_email
        )
        current, when = Status.RECEIVED, created
        for step, (status, note, responsible) in enumerate(path, start=1):
            # Two days per step, but never later than now: a recent report has had less time.
            when = min(created + timedelta(days=step * 2), created + (now - created) * step / (len(path) + 1))
            label = "Bauhof" if category["department"] == context.departments.get("Bauhof") else "Stadtverwaltung"
            await StatusChange(
                report=report.id,
                from_status=current.value,
                to_status=status.value,
                note=note,
                responsible=responsible,
                actor_label=label,
                created_at=when,
            ).save()
            current = status
        await Report.update({Report.status: current.value, Report.updated_at: when}).where(Report.id == report.id)
        assert current in STATUSES
    # Moderation sees them in the order they were filed, as it would have: the same text from two districts weeks
    # apart is no repetition (screening looks back a week from each report's own day).
    for created, index, report in sorted(filed, key=lambda entry: entry[0]):
        await _moderate(context, report, created)
        if index == PHOTO_REPORT_INDEX and context.photos is not None:
            await _photo(context, report, created, rng)


async def _moderate(context: Context, report: Report, created: datetime) -> None:
    """Moderation's record of the report, as filing writes it (count_report), dated to its filing."""
    municipality = context.municipality
    link = context.links.report(municipality.slug, report.id)
    visibility = await hook.submit(contribution_of(municipality.id, report.id, report.author, report.description, link))
    await Report.update({Report.visibility: visibility.value}).where(Report.id == report.id)
    await ModerationItem.update({ModerationItem.created_at: created, ModerationItem.queued_at: created}).where(
        (ModerationItem.content_type == CONTENT_TYPE) & (ModerationItem.content_id == report.id)
    )


async def _photo(context: Context, report: Report, created: datetime, rng: random.Random) -> None:
    """A photo of the pothole (drawn here: asphalt, a lane marking, the hole), through the photo pipeline."""
    assert context.photos is not None
    municipality = context.municipality
    owner = photo_owner(municipality, report.id, report.author, context.links.report(municipality.slug, report.id))
    async with contribution_photos.intake(context.photos, [_pothole_jpeg(rng)]) as stored:
        photo_ids = await contribution_photos.attach(owner, stored)
    await ModerationItem.update({ModerationItem.created_at: created, ModerationItem.queued_at: created}).where(
        (ModerationItem.content_type == contribution_photos.CONTENT_TYPE) & ModerationItem.content_id.is_in(photo_ids)
    )


def _pothole_jpeg(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    width, height = 960, 720
    image = Image.new("RGB", (width, height), (96, 96, 98))
    draw = ImageDraw.Draw(image)
    for _ in range(6000):  # the grain of the asphalt
        x, y, shade = rng.randrange(width), rng.randrange(height), rng.randint(70, 130)
        draw.point((x, y), fill=(shade, shade, shade + 2))
    draw.polygon([(430, 0), (470, 0), (520, height), (470, height)], fill=(225, 225, 215))  # lane marking
    draw.ellipse((260, 330, 640, 560), fill=(52, 48, 44))  # the hole
    draw.ellipse((300, 360, 600, 530), fill=(34, 31, 29))
    draw.ellipse((340, 400, 470, 460), fill=(70, 80, 90))  # rain water in it
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()
