"""Mängelmelder demo for Taunusstein: a realistic Hessian category set, ~40 reports in every district
and state, and a demo Open311 API key (printed in the README; demo only)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any, Protocol

from contributions import following
from contributions.following import DEFECT_REPORT, Target
from defects.services.apikeys import issue_key
from defects.services.standard import seed_standard_categories
from defects.tables import Report, StatusChange
from defects.workflow import STATUSES, Status
from geo import clock
from geo import services as geo
from geo.demo_districts import DISTRICT_CENTRES
from geo.tables import District, Municipality

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


class Context(Protocol):
    municipality: Municipality
    users: dict[str, int]
    departments: dict[str, int]


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
