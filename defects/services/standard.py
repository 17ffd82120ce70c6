"""The 13 standard categories of a Hessian Mängelmelder and their extra questions.

A new municipality starts from them (`seed_standard_categories`, called when a municipality is added), and so does
the demo: ONE list for both. The departments named here are the usual Hessian ones; where a town has no
department of that name, the category has none and its reports go to the town's default department.
"""

from __future__ import annotations

from typing import Any

from defects.admin_schemas import DepartmentCreate
from defects.schemas import CategoryCreate
from defects.services.categories import create_category
from defects.services.departments import create_department, default_department, placeholder_address
from defects.tables import Category
from geo.tables import Municipality

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

# code, German, English, icon, department (by name, where a town has it), questions, duplicate radius (m)
STANDARD_CATEGORIES: list[tuple[str, str, str, str, str, list[dict[str, Any]], int]] = [
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


async def seed_standard_categories(municipality_id: int, departments: dict[str, int] | None = None) -> int:
    """Add the standard categories a municipality does not have yet (by code); returns how many were added."""
    departments = departments or {}
    existing = {r["code"] for r in await Category.select(Category.code).where(Category.municipality == municipality_id)}
    added = 0
    for code, de, en, icon, department, questions, radius in STANDARD_CATEGORIES:
        if code in existing:
            continue
        await create_category(
            municipality_id,
            CategoryCreate.model_validate(
                {
                    "code": code,
                    "name_de": de,
                    "name_en": en,
                    "icon": icon,
                    "questions": questions,
                    "department_id": departments.get(department),
                    "duplicate_radius_m": radius,
                }
            ),
        )
        added += 1
    return added


DEFAULT_DEPARTMENT = "Allgemeine Verwaltung"


async def start_mangelmelder(municipality: Municipality) -> int:
    """A new municipality's Mängelmelder works from minute one: one default department (its general contact
    address, or a placeholder to fill in) and the standard categories, which all go to it. Returns its id."""
    default = await default_department(municipality.id)
    if default is not None:
        department_id = int(default["id"])
    else:
        department_id = await create_department(
            municipality.id,
            None,
            DepartmentCreate(
                name=DEFAULT_DEPARTMENT,
                emails=[municipality.contact_email or placeholder_address(municipality.slug)],
                phone=municipality.contact_phone,
                is_default=True,
            ),
        )
    await seed_standard_categories(municipality.id)
    return department_id
