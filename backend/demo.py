"""The Taunusstein demo: a municipality with its ten districts, departments and one account per role.

Every domain package may add its own demo content: a coroutine `load(context)` listed in DEMO_STEPS,
receiving the municipality and the demo accounts, so that `backend` stays the only place that knows them all.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from backend.accounts.services import create_account
from backend.links import SpaLinks
from backend.settings import get_settings
from defects import demo as defects_demo
from geo import clock, demo_districts
from geo import services as geo
from geo.addresses import demo as demo_addresses
from geo.clock import aware
from geo.roles import Role
from geo.tables import Department, Municipality
from media.photos import PhotoStore
from moderation import demo as moderation_demo
from proposals import demo as proposals_demo
from surveys import demo as surveys_demo

TAUNUSSTEIN_AGS = "06439015"
TAUNUSSTEIN_DISTRICTS = sorted(demo_districts.DISTRICT_CENTRES)
DEPARTMENTS = [
    ("Bauhof", "bauhof@taunusstein.example"),
    ("Tiefbau und Verkehr", "tiefbau@taunusstein.example"),
    ("Umwelt und Grünflächen", "umwelt@taunusstein.example"),
    ("Ordnungsamt", "ordnungsamt@taunusstein.example"),
    ("Bürgerbüro", "buergerbuero@taunusstein.example"),  # the default: what no category routes elsewhere
]

# Demo only: these accounts and passwords are printed in the README.
DEMO_ACCOUNTS = [
    ("admin@taunusstein.example", "demo-admin-2026", "Stadtverwaltung Taunusstein", [Role.ADMIN]),
    ("moderation@taunusstein.example", "demo-moderation-2026", "Moderation", [Role.MODERATOR]),
    ("bauhof@taunusstein.example", "demo-bauhof-2026", "Bauhof", [Role.STAFF]),
    ("rat@taunusstein.example", "demo-rat-2026", "Ratsmitglied", [Role.COUNCIL]),
    ("anna@example.org", "demo-anna-2026", "Anna aus Wehen", [Role.RESIDENT]),
    ("ben@example.org", "demo-ben-2026", "Ben aus Hahn", [Role.RESIDENT]),
]


@dataclass
class DemoContext:
    municipality: Municipality
    users: dict[str, int] = field(default_factory=dict)  # e-mail -> user id
    departments: dict[str, int] = field(default_factory=dict)  # name -> department id
    links: SpaLinks = field(default_factory=lambda: SpaLinks(get_settings().base_url))
    photos: PhotoStore | None = field(default_factory=lambda: PhotoStore(get_settings().media_dir))


DemoStep = Callable[[DemoContext], Awaitable[None]]
DEMO_STEPS: list[DemoStep] = [defects_demo.load, proposals_demo.load, surveys_demo.load]


async def load_demo(hashing: str = "argon2id") -> DemoContext | None:
    """Load the demo into an empty database; returns None (and changes nothing) if it has data."""
    if await Municipality.count() > 0:
        return None
    municipality = await geo.create_from_ags(TAUNUSSTEIN_AGS, district_names=TAUNUSSTEIN_DISTRICTS)
    # Approximate shapes (Voronoi cells of the districts' places, clipped to the boundary), marked as such.
    shapes = demo_districts.voronoi_districts(json.loads(municipality.boundary), demo_districts.DISTRICT_CENTRES)
    await geo.upload_districts(municipality, shapes, attribution=demo_districts.ATTRIBUTION)
    await Municipality.update(
        {
            Municipality.contact_email: "buergerbuero@taunusstein.example",
            Municipality.contact_phone: "06128 241-0",
            Municipality.contact_address: "Aarstraße 150, 65232 Taunusstein",
            Municipality.brand_color: "#00577b",
        }
    ).where(Municipality.id == municipality.id)
    context = DemoContext(municipality=await geo.get_municipality(municipality.slug))
    await demo_addresses.load(context.municipality)  # a small register of streets, approximate points
    for name, email in DEPARTMENTS:
        context.departments[name] = (await geo.create_department(municipality.id, name, email)).id
    await Department.update({Department.is_default: True}).where(Department.id == context.departments["Bürgerbüro"])
    for email, password, display_name, roles in DEMO_ACCOUNTS:
        user_id = await create_account(email, password, display_name, verified=True, hashing=hashing)
        context.users[email] = user_id
        for role in roles:
            department = context.departments["Bauhof"] if role == Role.STAFF else None
            await geo.grant_role(user_id, municipality.id, role, department)
    # The demo content stands for years of use: it is loaded as published (post-moderation, so the word list
    # and the personal-data checks still apply), then the municipality gets the standard policy.
    await Municipality.update({Municipality.moderation_policy: "post"}).where(Municipality.id == municipality.id)
    for step in DEMO_STEPS:
        await step(context)
    # After all content: a moderator has approved what waited only because of the policy (screening hits stay).
    await moderation_demo.load(context)
    await Municipality.update({Municipality.moderation_policy: "standard"}).where(Municipality.id == municipality.id)
    await _publish_finished_results(context)
    await _publish_legal_pages(context)
    return context


async def _publish_legal_pages(context: DemoContext) -> None:
    """Taunusstein goes live as a new town would: held off the public list until its admin has filled and
    published the legal pages from the templates (so the demo is listed, with every page readable)."""
    from backend.controllers.legal import facts
    from legal import services as legal
    from legal.kinds import Kind
    from legal.schemas import LegalDetailsUpdate
    from moderation import audit

    municipality, admin = context.municipality, context.users["admin@taunusstein.example"]
    await legal.hold_listing(municipality.id)
    await legal.update_details(
        municipality.id,
        LegalDetailsUpdate(
            representative="Bürgermeister Max Muster (Demo)",
            supervisory_authority="Der Landrat des Rheingau-Taunus-Kreises als Behörde der Landesverwaltung "
            "(Kommunalaufsicht), Heimbacher Straße 7, 65307 Bad Schwalbach",
            dpo_contact="Datenschutzbeauftragte der Stadt Taunusstein, Aarstraße 150, 65232 Taunusstein, "
            "datenschutz@taunusstein.example",
        ),
        user_id=admin,
        audit=audit.record,
    )
    for kind in Kind:
        body = await legal.template(municipality, kind, "de", facts(get_settings()))
        await legal.save_draft(municipality.id, kind, body, user_id=admin, audit=audit.record)
        await legal.publish(municipality.id, kind, user_id=admin, audit=audit.record)


async def _publish_finished_results(context: DemoContext) -> None:
    """A finished demo consultation has its results published, as the city would have done."""
    from backend.documents.access import release
    from proposals.tables import Phase

    admin = context.users["admin@taunusstein.example"]
    ends = await Phase.select(Phase.consultation, Phase.ends_at).where(
        Phase.consultation.municipality == context.municipality.id
    )
    last_end: dict[int, datetime] = {}
    for row in ends:
        end = aware(row["ends_at"])
        last_end[row["consultation"]] = max(end, last_end.get(row["consultation"], end))
    for consultation_id, end in last_end.items():
        if end < clock.now():
            await release(context.municipality.id, consultation_id, admin)
