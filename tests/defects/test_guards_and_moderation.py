"""Who may call what (anonymous, resident, staff, other municipality), and moderation deciding visibility."""

import pytest

from contributions.tables import Photo
from defects.tables import Report
from geo.roles import Role
from geo.services import create_from_ags
from media.photos import PhotoStore
from moderation import hook
from tests.defects.factories import file, jpeg, pothole, stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person

SLUG = "taunusstein"
CATEGORY = {"code": "laerm", "name_de": "Lärm", "name_en": "Noise"}


@pytest.fixture
async def town(taunusstein):
    return await town_with_categories(taunusstein)


async def as_(client, email, roles, municipality):
    await client.post("/api/v1/auth/logout")
    await person(email, roles=roles, municipality=municipality)
    await logged_in(client, email)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (f"/api/v1/municipalities/{SLUG}/defect-categories", CATEGORY),
        (f"/api/v1/municipalities/{SLUG}/open311-keys", {"label": "App"}),
    ],
)
async def test_only_admins_of_the_municipality_manage_categories_and_api_keys(client, town, path, body):
    assert (await client.post(path, json=body)).status_code == 401
    await as_(client, "resident@example.org", (Role.RESIDENT,), town.municipality)
    assert (await client.post(path, json=body)).status_code == 403
    await as_(client, "staff@example.org", (Role.STAFF,), town.municipality)
    assert (await client.post(path, json=body)).status_code == 403
    idstein = await create_from_ags("06439008")
    await as_(client, "admin@idstein.example", (Role.ADMIN,), idstein)
    assert (await client.post(path, json=body)).status_code == 403
    await as_(client, "admin@taunusstein.example", (Role.ADMIN,), town.municipality)
    response = await client.post(path, json=body)
    assert response.status_code == 201, response.text


async def test_an_issued_api_key_is_shown_once_and_works(client, town):
    await as_(client, "admin@taunusstein.example", (Role.ADMIN,), town.municipality)
    key = (await client.post(f"/api/v1/municipalities/{SLUG}/open311-keys", json={"label": "App"})).json()["api_key"]
    posted = await client.post(
        "/open311/v2/requests.json",
        data={
            "api_key": key,
            "jurisdiction_id": SLUG,
            "service_code": "beleuchtung",
            "lat": INSIDE["lat"],
            "long": INSIDE["lon"],
            "email": "x@example.org",
        },
    )
    assert posted.status_code == 201, posted.text


async def test_a_hidden_report_and_its_photo_are_invisible_except_to_staff(client, town, settings):
    report_id = await stored_report(town, INSIDE["lat"], INSIDE["lon"], visibility="hidden")
    stored = PhotoStore(settings.media_dir).ingest(jpeg())
    photo = Photo(
        municipality=town.municipality.id,
        content_type="defect_report",
        content_id=report_id,
        key=stored.key,
        width=1,
        height=1,
        visibility="public",
    )
    await photo.save()
    detail = f"/api/v1/municipalities/{SLUG}/reports/{report_id}"
    photo_url = f"/api/v1/municipalities/{SLUG}/photos/{photo.id}"
    assert (await client.get(detail)).status_code == 404
    assert (await client.get(photo_url)).status_code == 404
    await as_(client, "resident@example.org", (Role.RESIDENT,), town.municipality)
    assert (await client.get(detail)).status_code == 404
    idstein = await create_from_ags("06439008")
    await as_(client, "staff@idstein.example", (Role.STAFF,), idstein)
    assert (await client.get(detail)).status_code == 404
    assert (await client.get(f"/api/v1/municipalities/{idstein.slug}/reports/{report_id}")).status_code == 404
    await as_(client, "staff@taunusstein.example", (Role.STAFF,), town.municipality)
    assert (await client.get(detail)).status_code == 200
    assert (await client.get(photo_url)).status_code == 200


async def test_moderation_decides_visibility_and_a_later_decision_reaches_the_report(
    client, town, mailbox, monkeypatch
):
    async def hold(contribution):
        return hook.Visibility.PENDING

    monkeypatch.setattr(hook, "submit", hold)
    await person("anna@example.org")
    await logged_in(client, "anna@example.org")
    report_id = (await file(client, SLUG, pothole(), [jpeg()])).json()["id"]
    assert (await client.get(f"/api/v1/municipalities/{SLUG}/reports")).json()["total"] == 0
    await mailbox.wait_for("tiefbau@taunusstein.example", f"#{report_id}")  # routed, though not yet public

    await hook.listener_for("defect_report")(hook.Outcome(content_id=report_id, visibility=hook.Visibility.PUBLIC))
    photo = await Photo.select(Photo.id).where(Photo.content_id == report_id).first()
    await hook.listener_for("photo")(hook.Outcome(content_id=photo["id"], visibility=hook.Visibility.PUBLIC))
    assert (await client.get(f"/api/v1/municipalities/{SLUG}/reports")).json()["total"] == 1

    redacted = hook.Outcome(content_id=report_id, visibility=hook.Visibility.PUBLIC, redacted_text="[entfernt]")
    await hook.listener_for("defect_report")(redacted)
    row = await Report.select(Report.description).where(Report.id == report_id).first()
    assert row["description"] == "[entfernt]"
