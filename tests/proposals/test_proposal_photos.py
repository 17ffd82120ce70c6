"""A proposal and its photos in one request and one transaction: all of it is saved, or nothing is."""

import io
import os

from PIL import Image

from contributions.tables import Photo
from geo.roles import Role
from moderation.tables import ModerationItem
from proposals.tables import Proposal
from tests.factories import INSIDE, logged_in, person, proposal_form
from tests.proposals.factories import admin_of, consultation
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"


def png(width: int, height: int, colour: str = "green", gps: bool = False) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), colour)
    if gps:
        exif = Image.Exif()
        exif[0x8825] = {2: (50.0, 9.0, 36.0), 1: "N"}
        exif[0x0110] = "Secret Camera"
        image.save(buffer, format="JPEG", exif=exif)
    else:
        image.save(buffer, format="PNG")
    return buffer.getvalue()


def files_in(folder) -> set[str]:
    return set(os.listdir(folder)) if os.path.isdir(folder) else set()


async def setup(taunusstein, post=True):
    if post:
        await post_moderated(taunusstein)
    admin = await admin_of(taunusstein)
    cid = await consultation(taunusstein, admin)
    await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna")
    return cid


async def test_a_proposal_with_three_photos_is_one_request_and_the_photos_lose_their_metadata(client, taunusstein):
    cid = await setup(taunusstein)
    await logged_in(client, "anna@example.org")
    photos = [png(60, 40, gps=True), png(30, 50), png(80, 20)]
    body = {"title": "Trinkbrunnen", "body": "Mit Fotos", "location": INSIDE}
    response = await client.post(f"{M}/consultations/{cid}/proposals", files=proposal_form(body, photos))
    assert response.status_code == 201, response.text
    shown = response.json()["photos"]
    assert [(p["width"], p["height"]) for p in shown] == [(60, 40), (30, 50), (80, 20)]  # in the order sent
    served = await client.get(shown[0]["url"])
    assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"
    assert b"Secret Camera" not in served.content and not Image.open(io.BytesIO(served.content)).getexif()
    assert shown[0]["url"] == f"{M}/photos/{shown[0]['id']}" and shown[0]["thumb_url"].endswith("?size=thumb")
    assert (await client.get(shown[0]["thumb_url"])).status_code == 200
    again = (await client.get(f"{M}/proposals/{response.json()['id']}")).json()
    assert [p["id"] for p in again["photos"]] == [p["id"] for p in shown]
    items = await ModerationItem.select(ModerationItem.content_type, ModerationItem.preview_url)
    assert sorted(i["content_type"] for i in items) == ["photo", "photo", "photo", "proposal"]
    assert {i["preview_url"] for i in items if i["content_type"] == "photo"} == {p["url"] for p in shown}


async def test_a_bad_photo_leaves_no_proposal_no_moderation_item_and_no_file(client, taunusstein, settings):
    cid = await setup(taunusstein)
    await logged_in(client, "anna@example.org")
    before = files_in(settings.media_dir)
    body = {"title": "Halb gespeichert?", "location": INSIDE}
    bad = await client.post(
        f"{M}/consultations/{cid}/proposals", files=proposal_form(body, [png(60, 40), b"not a photo", png(10, 10)])
    )
    assert bad.status_code == 422, bad.text
    assert bad.json()["errors"][0]["field"] == "photos[1]"
    four = await client.post(f"{M}/consultations/{cid}/proposals", files=proposal_form(body, [png(9, 9)] * 4))
    assert four.status_code == 422 and four.json()["errors"][0]["field"] == "photos"
    assert await Proposal.count() == 0 and await ModerationItem.count() == 0 and await Photo.count() == 0
    assert files_in(settings.media_dir) == before, "photo files of a refused proposal were left behind"
    # A retry after fixing the photo makes exactly one proposal.
    fixed = await client.post(f"{M}/consultations/{cid}/proposals", files=proposal_form(body, [png(60, 40)]))
    assert fixed.status_code == 201 and await Proposal.count() == 1 and await Photo.count() == 1


async def test_a_bad_proposal_text_stores_none_of_its_photos(client, taunusstein, settings):
    cid = await setup(taunusstein)
    await logged_in(client, "anna@example.org")
    before = files_in(settings.media_dir)
    response = await client.post(f"{M}/consultations/{cid}/proposals", files=proposal_form({"title": ""}, [png(9, 9)]))
    assert response.status_code == 422 and response.json()["errors"][0]["field"].startswith("proposal.")
    assert await Photo.count() == 0 and files_in(settings.media_dir) == before


async def test_a_waiting_photo_is_seen_by_its_author_and_moderators_only(client, taunusstein):
    cid = await setup(taunusstein, post=False)  # standard policy: photos wait for a moderator
    await person("moderator@taunusstein.example", roles=(Role.MODERATOR,), municipality=taunusstein)
    await person("ben@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    await logged_in(client, "anna@example.org")
    body = {"title": "Bank", "location": INSIDE}
    created = (await client.post(f"{M}/consultations/{cid}/proposals", files=proposal_form(body, [png(20, 20)]))).json()
    url = created["photos"][0]["url"]
    assert (await client.get(url)).status_code == 200
    await client.post("/api/v1/auth/logout")
    assert (await client.get(url)).status_code == 404
    await logged_in(client, "ben@example.org")
    assert (await client.get(url)).status_code == 404
    await logged_in(client, "moderator@taunusstein.example")
    assert (await client.get(url)).status_code == 200  # the moderation queue shows it
    item = await ModerationItem.select().where(ModerationItem.content_type == "photo").first()
    assert item["preview_url"] == url and item["photo_key"]  # a region can be blurred
