"""A report's photos wait in the moderation queue: moderators see them there, blur a region, and release them."""

import io

import pytest
from PIL import Image

from contributions.tables import Photo
from geo.roles import Role
from moderation.tables import ModerationItem
from tests.defects.factories import file, pothole, town_with_categories
from tests.factories import logged_in, person

SLUG = "taunusstein"
MODERATION = f"/api/v1/municipalities/{SLUG}/moderation"


def striped() -> bytes:
    """Blue left half, red right half: a blur of the left half shows."""
    image = Image.new("RGB", (200, 100), (255, 0, 0))
    image.paste((0, 0, 255), (0, 0, 100, 100))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
async def town(taunusstein):
    return await town_with_categories(taunusstein)  # standard policy: photos always wait for a person


async def test_a_moderator_previews_blurs_and_releases_a_waiting_report_photo(client, town):
    await person("anna@example.org")
    await person("moderator@taunusstein.example", roles=(Role.MODERATOR,), municipality=town.municipality)
    await logged_in(client, "anna@example.org")
    report_id = (await file(client, SLUG, pothole(), [striped()])).json()["id"]
    item = await ModerationItem.select().where(ModerationItem.content_type == "photo").first()
    photo = await Photo.select().where(Photo.content_id == report_id).first()
    assert photo["visibility"] == "pending" and item["content_id"] == photo["id"]
    assert item["preview_url"] == f"/api/v1/municipalities/{SLUG}/photos/{photo['id']}"
    assert (await client.get(item["preview_url"])).status_code == 200  # the author sees their own photo
    await client.post("/api/v1/auth/logout")
    assert (await client.get(item["preview_url"])).status_code == 404

    await logged_in(client, "moderator@taunusstein.example")
    queued = (await client.get(f"{MODERATION}/queue")).json()
    assert any(i["id"] == item["id"] and i["has_photo"] for i in queued["items"])
    preview = await client.get(item["preview_url"])
    assert preview.status_code == 200, "moderators must see a waiting photo to decide on it"
    original = preview.content
    region = {"x": 0, "y": 0, "width": 0.5, "height": 1}
    redacted = await client.post(
        f"{MODERATION}/items/{item['id']}/decision", json={"action": "redact", "region": region}
    )
    assert redacted.status_code == 200, redacted.text
    for content_type in ("photo", "defect_report"):
        waiting = await ModerationItem.select(ModerationItem.id).where(ModerationItem.content_type == content_type)
        approved = await client.post(f"{MODERATION}/items/{waiting[0]['id']}/decision", json={"action": "approve"})
        assert approved.status_code == 200, approved.text

    await client.post("/api/v1/auth/logout")
    detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).json()
    assert [p["id"] for p in detail["photos"]] == [photo["id"]]
    public = await client.get(detail["photos"][0]["url"])
    assert public.status_code == 200 and public.content != original  # the blurred copy, not the original
    blurred = Image.open(io.BytesIO(public.content)).convert("RGB")
    assert blurred.getpixel((98, 50)) != Image.open(io.BytesIO(original)).convert("RGB").getpixel((98, 50))
