"""Photos on residents' updates (issue 13 §3): the update's author adds up to three, cleaned like every photo
(no GPS), each moderated on its own; others see one once the update and the photo are public; nobody else may
add photos to someone's update; closed reports, bad files and other municipalities are refused."""

from __future__ import annotations

import io

from PIL import Image

from geo.services import create_from_ags
from tests.defects.factories import file, jpeg, pothole, staff_of, town_with_categories
from tests.factories import logged_in, person
from tests.support.moderation import decide

SLUG = "taunusstein"
M = f"/api/v1/municipalities/{SLUG}"


def photos(*blobs: bytes) -> list:
    return [("photos", (f"{i}.jpg", blob, "image/jpeg")) for i, blob in enumerate(blobs)]


async def test_an_update_gets_photos_moderated_one_by_one(client, taunusstein, mailbox):
    town = await town_with_categories(taunusstein)  # pre-moderation: everything waits
    await staff_of(town)
    await person("anna@example.org", name="Anna")
    await logged_in(client, "anna@example.org")
    report_id = int((await file(client, SLUG, pothole(email=None))).json()["id"])
    await decide("defect_report", report_id)
    update = (await client.post(f"{M}/reports/{report_id}/updates", json={"text": "Jetzt mit Foto"})).json()
    url = f"{M}/reports/{report_id}/updates/{update['id']}/photos"

    empty = await client.post(url, files=photos(b""))
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "photos"
    bad = await client.post(url, files=photos(b"not a photo"))
    assert bad.status_code in (400, 415, 422) and "photos[0]" in bad.text
    added = await client.post(url, files=photos(jpeg(exif_gps=True)))
    assert added.status_code == 201, added.text
    assert len(added.json()["photos"]) == 1  # the author sees their own, waiting photo
    too_many = await client.post(url, files=photos(jpeg(), jpeg(), jpeg()))
    assert too_many.status_code == 422 and "photos" in too_many.text

    photo = added.json()["photos"][0]
    mine = await client.get(photo["url"])
    assert mine.status_code == 200 and mine.headers["content-type"] == "image/jpeg"
    assert not Image.open(io.BytesIO(mine.content)).getexif().get_ifd(0x8825)  # no GPS left

    # Someone else may neither add photos to Anna's update nor see the waiting one.
    await person("ben@example.org", name="Ben")
    await logged_in(client, "ben@example.org")
    assert (await client.post(f"{M}/reports/{report_id}/affected")).status_code == 200
    assert (await client.post(url, files=photos(jpeg()))).status_code == 404
    await client.post("/api/v1/auth/logout")
    assert (await client.post(url, files=photos(jpeg()))).status_code == 401
    assert (await client.get(photo["url"])).status_code == 404

    await decide("defect_update", update["id"])
    listed = (await client.get(f"{M}/reports/{report_id}/updates")).json()
    assert listed[0]["photos"] == []  # the update is public, its photo still waits
    await decide("photo", photo["id"])
    listed = (await client.get(f"{M}/reports/{report_id}/updates")).json()
    assert [p["id"] for p in listed[0]["photos"]] == [photo["id"]]
    assert (await client.get(photo["url"])).status_code == 200
    assert (await client.get(listed[0]["photos"][0]["thumb_url"])).status_code == 200

    await create_from_ags("06414000")
    await logged_in(client, "anna@example.org")
    other = f"/api/v1/municipalities/wiesbaden/reports/{report_id}/updates/{update['id']}/photos"
    assert (await client.post(other, files=photos(jpeg()))).status_code == 404
    assert (await client.get(photo["url"].replace(SLUG, "wiesbaden"))).status_code == 404


async def test_no_photos_once_the_report_is_closed(client, taunusstein, mailbox):
    from tests.support.moderation import post_moderated

    await post_moderated(taunusstein)
    town = await town_with_categories(taunusstein)
    await staff_of(town)
    await person("anna@example.org", name="Anna")
    await logged_in(client, "anna@example.org")
    report_id = int((await file(client, SLUG, pothole(email=None))).json()["id"])
    update = (await client.post(f"{M}/reports/{report_id}/updates", json={"text": "Vorher"})).json()
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    closed = await client.post(f"{M}/reports/{report_id}/status", json={"status": "erledigt", "note": "Geflickt."})
    assert closed.status_code == 200, closed.text
    await logged_in(client, "anna@example.org")
    refused = await client.post(f"{M}/reports/{report_id}/updates/{update['id']}/photos", files=photos(jpeg()))
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "id"
