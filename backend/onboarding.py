"""The back office's onboarding checklist: what a new municipality still lacks before it runs by itself.

Composed here from the packages' own services (content packages do not import each other): the profile
(geo.profile), the legal pages and the public listing rule (legal.services), departments and their placeholder
address (defects.services.departments), categories and where they route (defects.services.category_admin),
staff (backend.accounts.people) and district shapes (geo.services).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from backend.accounts.people import list_people
from defects.services.category_admin import admin_categories
from defects.services.departments import list_departments
from geo.profile import profile_of
from geo.roles import Role
from geo.services import districts_of
from geo.tables import Municipality
from legal import services as legal

ItemKey = Literal["profile", "legal", "departments", "categories", "staff", "districts"]

PROFILE_FIELDS = (
    ("contact_address", "Postanschrift", "Postal address"),
    ("contact_phone", "Telefonnummer", "Phone number"),
    ("contact_email", "E-Mail-Adresse", "E-mail address"),
)


class MissingOut(BaseModel):
    """One thing still missing, named for people (a field, a page, a category)."""

    code: str
    label_de: str
    label_en: str


class ChecklistItemOut(BaseModel):
    key: ItemKey
    section: str = Field(description="The back-office section where it is done (#/m/:slug/admin/<section>)")
    done: bool
    missing: list[MissingOut] = Field(description="What is still missing; empty when done (or nothing to name)")


class ChecklistOut(BaseModel):
    listed: bool = Field(description="Whether the municipality is on the public list already")
    done: bool = Field(description="Every item is done")
    items: list[ChecklistItemOut]


async def checklist(municipality: Municipality) -> ChecklistOut:
    profile = profile_of(municipality)
    missing_profile = [
        MissingOut(code=code, label_de=de, label_en=en)
        for code, de, en in PROFILE_FIELDS
        if not str(getattr(profile, code)).strip()
    ]

    overview = await legal.overview(municipality.id)
    missing_pages = [
        MissingOut(code=page.kind.value, label_de=page.title, label_en=page.title_en)
        for page in overview.pages
        if page.published_version is None
    ]

    departments = [d for d in await list_departments(municipality.id) if not d.retired]
    reachable = {d.id for d in departments if not d.needs_address and d.emails}
    default = next((d.id for d in departments if d.is_default), None)
    # A category without a department of its own goes to the default department; it is routed when the
    # department its reports reach is active and has a real address.
    unrouted = [
        MissingOut(code=c.code, label_de=c.name_de, label_en=c.name_en or c.name_de)
        for c in await admin_categories(municipality.id)
        if not c.retired and (c.department_id if c.department_id is not None else default) not in reachable
    ]

    staff = await list_people(municipality.id, role=Role.STAFF, limit=1)
    shaped = [d for d in await districts_of(municipality.id) if d["geometry"]]

    items = [
        ChecklistItemOut(key="profile", section="profile", done=not missing_profile, missing=missing_profile),
        ChecklistItemOut(key="legal", section="legal", done=not missing_pages, missing=missing_pages),
        ChecklistItemOut(key="departments", section="departments", done=bool(reachable), missing=[]),
        ChecklistItemOut(key="categories", section="categories", done=not unrouted, missing=unrouted),
        ChecklistItemOut(key="staff", section="people", done=bool(staff.items), missing=[]),
        ChecklistItemOut(key="districts", section="districts", done=bool(shaped), missing=[]),
    ]
    return ChecklistOut(listed=overview.listed, done=all(i.done for i in items), items=items)
