"""A resident files a report: validation, confirmation by mail, routing to the department, privacy."""

import pytest

from contributions.following import DEFECT_REPORT, Target, is_following
from contributions.tables import Photo
from defects.tables import Report
from tests.defects.factories import file, jpeg, pothole, staff_of, token_from, town_with_categories
from tests.factories import OUTSIDE, logged_in, person
from tests.support.mailbox import body_of, first_link
from tests.support.moderation import post_moderated

SLUG = "taunusstein"


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    return await town_with_categories(taunusstein)


async def test_an_anonymous_report_waits_for_the_mailed_link_then_counts_and_reaches_the_department(
    client, town, mailbox
):
    response = await file(client, SLUG, pothole(), [jpeg()])
    assert response.status_code == 201, response.text
    assert response.json()["needs_confirmation"] is True
    report_id = response.json()["id"]

    # Unconfirmed: not on the map, not visible, not routed.
    assert (await client.get(f"/api/v1/municipalities/{SLUG}/reports")).json()["total"] == 0
    assert (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).status_code == 404
    mail = await mailbox.wait_for("melder@example.org", "bestätigen")
    link = first_link(mail)
    assert link.startswith(f"http://stadtstimme.test/#/m/{SLUG}/reports/confirm/")
    assert mailbox.to("tiefbau@taunusstein.example") == []

    confirmed = await client.post(f"/api/v1/municipalities/{SLUG}/reports/confirm", json={"token": token_from(link)})
    assert confirmed.status_code == 200 and confirmed.json()["id"] == report_id
    again = await client.post(f"/api/v1/municipalities/{SLUG}/reports/confirm", json={"token": token_from(link)})
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "token"

    routed = await mailbox.wait_for("tiefbau@taunusstein.example", f"#{report_id}")
    text = body_of(routed)
    assert "Tiefes Schlagloch" in text and "melder@example.org" in text and "06128 12345" in text
    assert "Wie groß ist der Schaden?: groß" in text  # the choice's name, not its key
    assert f"/#/m/{SLUG}/reports/{report_id}" in text
    assert "https://www.openstreetmap.org/?mlat=" in text  # the place on a map, one click away
    assert "Eingang: online" in text

    detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).json()
    assert detail["status"] == "eingegangen" and detail["status_group"] == "open"
    assert detail["district"] is not None and len(detail["photos"]) == 1
    assert detail["history"][0]["status"] == "eingegangen"
    assert detail["contact"] is None and "melder@example.org" not in str(detail)
    photo_id = detail["photos"][0]["id"]
    assert f"http://stadtstimme.test/api/v1/municipalities/{SLUG}/photos/{photo_id}" in text  # staff open it
    assert "„“" not in text and '""' not in text
    photo = await client.get(detail["photos"][0]["url"])
    assert photo.status_code == 200 and photo.headers["content-type"].startswith("image/jpeg")


async def test_a_logged_in_resident_skips_the_confirmation(client, town, mailbox):
    anna = await person("anna@example.org")
    await logged_in(client, "anna@example.org")
    response = await file(client, SLUG, pothole(email=None))
    assert response.status_code == 201, response.text
    assert response.json()["needs_confirmation"] is False
    await mailbox.wait_for("tiefbau@taunusstein.example", "Neue Meldung")
    listed = (await client.get(f"/api/v1/municipalities/{SLUG}/reports")).json()
    assert listed["total"] == 1
    assert await is_following(Target(DEFECT_REPORT, response.json()["id"]), anna)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({**OUTSIDE}, "location"),
        ({"category": "gibt-es-nicht"}, "category"),
        ({"answers": {}}, "answers.size"),
        ({"answers": {"size": "riesig"}}, "answers.size"),
        ({"answers": {"size": "small", "depth_cm": "tief"}}, "answers.depth_cm"),
        ({"answers": {"size": "small", "colour": "rot"}}, "answers.colour"),
        ({"description": "x" * 4001}, "report.description"),
        ({"email": None}, "email"),
        ({"email": "keine-adresse"}, "report.email"),
    ],
)
async def test_an_invalid_report_is_refused_naming_the_field_and_nothing_is_stored(
    client, town, mailbox, settings, change, field
):
    before = set(settings.media_dir.glob("*")) if settings.media_dir.exists() else set()
    response = await file(client, SLUG, pothole(**change), [jpeg()])
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["errors"][0]["field"] == field
    assert problem["detail_de"] and problem["detail_en"]
    assert await Report.count() == 0 and await Photo.count() == 0
    after = set(settings.media_dir.glob("*")) if settings.media_dir.exists() else set()
    assert after == before, "photo files of a refused report were left behind"
    assert mailbox.messages == []


async def test_a_broken_fourth_or_fake_photo_refuses_the_whole_report(client, town, settings):
    before = set(settings.media_dir.glob("*")) if settings.media_dir.exists() else set()
    fake = await file(client, SLUG, pothole(), [jpeg(), b"%PDF-1.4 not an image"])
    assert fake.status_code == 422 and fake.json()["errors"][0]["field"] == "photos[1]"
    four = await file(client, SLUG, pothole(), [jpeg()] * 4)
    assert four.status_code == 422 and four.json()["errors"][0]["field"] == "photos"
    assert await Report.count() == 0 and await Photo.count() == 0
    after = set(settings.media_dir.glob("*")) if settings.media_dir.exists() else set()
    assert after == before


async def test_photos_lose_their_gps_and_camera_data(client, town, settings):
    from PIL import Image

    await person("anna@example.org")
    await logged_in(client, "anna@example.org")
    response = await file(client, SLUG, pothole(), [jpeg(exif_gps=True)])
    report_id = response.json()["id"]
    detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).json()
    content = (await client.get(detail["photos"][0]["url"])).content
    import io

    exif = Image.open(io.BytesIO(content)).getexif()
    assert 0x8825 not in exif and 0x0110 not in exif
    thumb = await client.get(detail["photos"][0]["thumb_url"])
    assert thumb.status_code == 200


async def test_staff_of_the_municipality_see_the_contact_but_the_public_never_does(client, town, mailbox):
    await person("anna@example.org")
    await logged_in(client, "anna@example.org")
    report_id = (await file(client, SLUG, pothole(name="Anna A.", phone="0170 1"))).json()["id"]
    public_detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).json()
    listed = (await client.get(f"/api/v1/municipalities/{SLUG}/reports")).text
    assert public_detail["contact"] is None
    for secret in ("melder@example.org", "anna@example.org", "0170 1", "Anna A."):
        assert secret not in str(public_detail) and secret not in listed

    await staff_of(town)
    await client.post("/api/v1/auth/logout")
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    staff_detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).json()
    assert staff_detail["contact"] == {
        "email": "melder@example.org",
        "name": "Anna A.",
        "phone": "0170 1",
        "channel": "online",
    }


async def test_without_a_map_a_district_and_street_place_the_report_in_that_district(client, town, mailbox):
    from geo.tables import District

    hahn = await District.select(District.id).where(District.name == "Hahn").first()
    report = pothole(lat=None, lon=None, district_id=hahn["id"], address="Schulstraße, vor der Grundschule")
    response = await file(client, SLUG, report)
    assert response.status_code == 201, response.text
    row = await Report.select(Report.district, Report.address).where(Report.id == response.json()["id"]).first()
    assert row["district"] == hahn["id"] and row["address"].startswith("Schulstraße")


@pytest.mark.parametrize(("change", "field"), [({}, "location"), ({"district_id": 1, "address": ""}, "address")])
async def test_without_a_point_the_district_and_a_place_description_are_needed(client, town, change, field):
    response = await file(client, SLUG, pothole(lat=None, lon=None, **change))
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == field


async def test_reports_never_confirmed_are_deleted_with_their_photos_after_a_week(client, town, settings):
    from datetime import UTC, datetime, timedelta

    from defects.services.cleanup import purge_unconfirmed
    from media.photos import PhotoStore

    unconfirmed = (await file(client, SLUG, pothole(), [jpeg()])).json()["id"]
    key = (await Photo.select(Photo.key).where(Photo.content_id == unconfirmed).first())["key"]
    store = PhotoStore(settings.media_dir)
    assert store.path(key).exists()
    assert await purge_unconfirmed(store) == 0  # not yet a week old
    assert await purge_unconfirmed(store, now=datetime.now(UTC) + timedelta(days=8)) == 1
    assert await Report.count() == 0 and await Photo.count() == 0 and not store.path(key).exists()


async def test_filing_is_rate_limited_per_client_like_registration(town, smtp):
    from tests.conftest import make_settings
    from tests.support.client import api_client

    async with api_client(make_settings(smtp, rate_limit_per_minute=2)) as limited:
        codes = [(await file(limited, SLUG, pothole())).status_code for _ in range(3)]
    assert codes == [201, 201, 429]
