"""Mängelmelder demo for Taunusstein: a realistic Hessian category set, ~40 reports in every district
and state, and a demo Open311 API key (printed in the README; demo only)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any, Protocol

from defects.schemas import CategoryCreate
from defects.services.apikeys import issue_key
from defects.services.categories import create_category
from defects.tables import Follower, Report, StatusChange
from defects.workflow import STATUSES, Status
from geo import clock
from geo import services as geo
from geo.tables import District, Municipality

DEMO_OPEN311_KEY = "demo-open311-taunusstein-2026"

SIZE = {
    "code": "size",
    "datatype": "singlevaluelist",
    "required": True,
    "label_de": "Wie groß ist der Schaden?",
    "label_en": "How large is the damage?",
    "values": [
        {"key": "klein", "name_de": "klein (Handfläche)", "name_en": "small (palm)"},
        {"key": "mittel", "name_de": "mittel (bis 50 cm)", "name_en": "medium (up to 50 cm)"},
        {"key": "gross", "name_de": "groß (über 50 cm)", "name_en": "large (over 50 cm)"},
    ],
}
MAST = {
    "code": "mast_number",
    "datatype": "string",
    "required": False,
    "label_de": "Nummer am Mast (falls lesbar)",
    "label_en": "Number on the pole (if readable)",
}
LIGHT_FAULT = {
    "code": "fault",
    "datatype": "singlevaluelist",
    "required": True,
    "label_de": "Was ist los?",
    "label_en": "What is wrong?",
    "values": [
        {"key": "aus", "name_de": "Leuchte ist aus", "name_en": "Light is off"},
        {"key": "flackert", "name_de": "Leuchte flackert", "name_en": "Light flickers"},
        {"key": "tag", "name_de": "Leuchte brennt tagsüber", "name_en": "Light is on by day"},
        {"key": "beschaedigt", "name_de": "Mast beschädigt", "name_en": "Pole damaged"},
    ],
}
WASTE = {
    "code": "waste",
    "datatype": "multivaluelist",
    "required": False,
    "label_de": "Was liegt dort?",
    "label_en": "What was dumped?",
    "values": [
        {"key": "sperrmuell", "name_de": "Sperrmüll", "name_en": "Bulky waste"},
        {"key": "reifen", "name_de": "Reifen", "name_en": "Tyres"},
        {"key": "gruenschnitt", "name_de": "Grünschnitt", "name_en": "Garden waste"},
        {"key": "sonderabfall", "name_de": "Farben, Öl, Chemikalien", "name_en": "Paint, oil, chemicals"},
    ],
}
SINCE = {
    "code": "since",
    "datatype": "datetime",
    "required": False,
    "label_de": "Seit wann ungefähr?",
    "label_en": "Since when, roughly?",
}

# code, German, English, icon, department, questions, duplicate radius (m)
CATEGORIES: list[tuple[str, str, str, str, str, list[dict[str, Any]], int]] = [
    ("beleuchtung", "Straßenbeleuchtung", "Street lighting", "bulb", "Bauhof", [LIGHT_FAULT, MAST], 30),
    (
        "strassen",
        "Straßen, Geh- und Radwege",
        "Roads, footpaths and cycle paths",
        "road",
        "Tiefbau und Verkehr",
        [SIZE],
        50,
    ),
    ("verkehrszeichen", "Verkehrszeichen und Beschilderung", "Traffic signs", "sign", "Tiefbau und Verkehr", [], 30),
    ("ampel", "Ampel", "Traffic lights", "traffic-light", "Tiefbau und Verkehr", [], 30),
    ("muell", "Wilde Müllablagerung", "Illegal dumping", "trash", "Ordnungsamt", [WASTE, SINCE], 75),
    ("abfallbehaelter", "Abfallbehälter und Glascontainer", "Litter bins and bottle banks", "bin", "Bauhof", [], 30),
    ("spielplatz", "Spielplätze", "Playgrounds", "playground", "Umwelt und Grünflächen", [], 50),
    ("gruen", "Parkanlagen und Grünflächen", "Parks and green spaces", "tree", "Umwelt und Grünflächen", [], 75),
    (
        "gewaesser",
        "Gewässer, Durchlässe, Einläufe",
        "Streams, culverts, drains",
        "water",
        "Tiefbau und Verkehr",
        [],
        50,
    ),
    ("toiletten", "Öffentliche Toiletten", "Public toilets", "toilet", "Bauhof", [], 30),
    ("graffiti", "Graffiti und Vandalismus", "Graffiti and vandalism", "spray", "Ordnungsamt", [], 50),
    ("winterdienst", "Winterdienst", "Winter service", "snow", "Bauhof", [], 100),
    ("sonstiges", "Sonstiges", "Other", "warning", "Ordnungsamt", [], 50),
]

# Approximate centres of Taunusstein's districts (lat, lon); reports scatter a few hundred metres around them.
DISTRICT_CENTRES = {
    "Bleidenstadt": (50.1668, 8.1560),
    "Hahn": (50.1500, 8.1810),
    "Hambach": (50.1585, 8.1350),
    "Neuhof": (50.1880, 8.1850),
    "Niederlibbach": (50.1890, 8.1390),
    "Orlen": (50.1790, 8.2110),
    "Seitzenhahn": (50.1510, 8.1330),
    "Watzhahn": (50.1400, 8.1500),
    "Wehen": (50.1590, 8.1790),
    "Wingsbach": (50.1760, 8.1600),
}

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
    for code, de, en, icon, department, questions, radius in CATEGORIES:
        await create_category(
            municipality.id,
            CategoryCreate.model_validate(
                {
                    "code": code,
                    "name_de": de,
                    "name_en": en,
                    "icon": icon,
                    "questions": questions,
                    "department_id": context.departments.get(department),
                    "duplicate_radius_m": radius,
                }
            ),
        )
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
        await Follower(report=report.id, email=report.reporter_email, user=report.author).save()
        current, when = Status.RECEIVED, created
        for step, (status, note, responsible) in enumerate(path, start=1):
            when = created + timedelta(days=step * 2)
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
