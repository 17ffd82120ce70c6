# ruff: noqa: S314  (the tests parse our own answers, not untrusted XML)
"""Area alerts: subscribe to new reports in a district or around a place, by mail (the person's one preference)
and as an Atom feed; a new public report alerts once; one-click unsubscribe."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from backend.links import post_office
from backend.mail.outbox import Outbox
from contributions import notifications
from contributions.tables import PendingNotice
from defects.services import alerts
from defects.tables import AreaAlert
from geo import services as geo
from geo.services import create_from_ags
from tests.defects.factories import file, pothole, staff_of, stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person
from tests.support.mailbox import body_of
from tests.support.moderation import decide, post_moderated

SLUG = "taunusstein"
M = f"/api/v1/municipalities/{SLUG}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    town = await town_with_categories(taunusstein)
    await staff_of(town)
    return town


async def district_of_inside(town) -> tuple[int, str]:
    territory = await geo.territory_of(town.municipality)
    found = territory.district_at(INSIDE["lon"], INSIDE["lat"])
    assert found is not None
    return found.id, found.name


async def subscriber(client, email: str = "ortsbeirat@example.org") -> int:
    user_id = await person(email, name="Olga")
    await logged_in(client, email)
    return user_id


async def test_a_district_subscriber_gets_exactly_one_mail_for_a_new_report(client, town, mailbox, settings):
    district_id, name = await district_of_inside(town)
    await subscriber(client)
    made = await client.post(f"{M}/area-alerts", json={"district_id": district_id})
    assert made.status_code == 201, made.text
    assert made.json()["district"] == name and f"district={district_id}" in made.json()["feed_url"]

    await person("anna@example.org", name="Anna")
    await logged_in(client, "anna@example.org")
    assert (await file(client, SLUG, pothole(email=None))).status_code == 201
    mail = await mailbox.wait_for("ortsbeirat@example.org", f"Neue Meldung in {name}")
    assert "Aarstraße 12" in body_of(mail)

    # the job (and a second request) finds nothing more to send for it
    assert await alerts.deliver_everywhere(post_office(settings, Outbox())) == 0
    assert len(mailbox.to("ortsbeirat@example.org")) == 1

    unsubscribe = re.search(r"Dieses Gebiet abbestellen: \S+/area-alerts/unsubscribe/(\S+)", body_of(mail))
    assert unsubscribe
    await client.post("/api/v1/auth/logout")
    done = await client.post("/api/v1/area-alerts/unsubscribe", json={"token": unsubscribe.group(1)})
    assert done.status_code == 200 and await AreaAlert.count() == 0
    bad = await client.post("/api/v1/area-alerts/unsubscribe", json={"token": "forged"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "token"


async def test_a_circle_matches_only_nearby_reports_and_the_digest_mode_holds(client, town, mailbox, settings):
    user_id = await subscriber(client)
    await notifications.set_mode(user_id, notifications.DAILY)
    made = await client.post(f"{M}/area-alerts", json={"lat": INSIDE["lat"], "lon": INSIDE["lon"], "radius_m": 300})
    assert made.status_code == 201, made.text
    post = post_office(settings, Outbox())
    near = await stored_report(town, INSIDE["lat"] + 0.001, INSIDE["lon"])  # ~110 m north
    await stored_report(town, INSIDE["lat"] + 0.01, INSIDE["lon"])  # ~1.1 km north: no alert
    assert await alerts.deliver_alerts(town.municipality, post=post) == 0  # queued for the digest, not mailed
    queued = await PendingNotice.select(PendingNotice.text_de, PendingNotice.link)
    assert len(queued) == 1 and queued[0]["link"].endswith(f"/reports/{near}")
    assert await alerts.deliver_alerts(town.municipality, post=post) == 0
    assert await PendingNotice.count() == 1


async def test_a_report_waiting_for_moderation_alerts_once_it_is_public(client, taunusstein, mailbox, settings):
    town = await town_with_categories(taunusstein)  # pre-moderation
    district_id, _ = await district_of_inside(town)
    await subscriber(client)
    await client.post(f"{M}/area-alerts", json={"district_id": district_id})
    await person("anna@example.org", name="Anna")
    await logged_in(client, "anna@example.org")
    report_id = int((await file(client, SLUG, pothole(email=None))).json()["id"])
    post = post_office(settings, Outbox())
    assert await alerts.deliver_alerts(town.municipality, post=post) == 0
    await decide("defect_report", report_id)
    assert await alerts.deliver_alerts(town.municipality, post=post) == 1
    assert await alerts.deliver_alerts(town.municipality, post=post) == 0
    await mailbox.wait_for("ortsbeirat@example.org", "Neue Meldung")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "district_id"),
        ({"lat": 50.1586, "lon": 8.1781}, "radius_m"),
        ({"lat": 50.1586, "radius_m": 200}, "lon"),
        ({"lat": 50.0826, "lon": 8.24, "radius_m": 200}, "lat"),  # Wiesbaden, outside
        ({"lat": 50.1586, "lon": 8.1781, "radius_m": 10}, "radius_m"),
        ({"district_id": 1, "lat": 50.1586, "lon": 8.1781, "radius_m": 200}, "district_id"),
        ({"district_id": 999999}, "district_id"),
    ],
)
async def test_bad_areas_are_problem_details_naming_the_field(client, town, body, field):
    await subscriber(client)
    for language in ("de", "en"):
        response = await client.post(f"{M}/area-alerts", json=body, headers={"Accept-Language": language})
        assert response.status_code == 422, response.text
        assert field in response.json()["errors"][0]["field"]
        assert response.json()["detail"]


async def test_alerts_belong_to_their_person_and_municipality(client, town):
    district_id, _ = await district_of_inside(town)
    assert (await client.post(f"{M}/area-alerts", json={"district_id": district_id})).status_code == 401
    assert (await client.get(f"{M}/area-alerts")).status_code == 401
    await subscriber(client)
    alert_id = (await client.post(f"{M}/area-alerts", json={"district_id": district_id})).json()["id"]

    wiesbaden = await create_from_ags("06414000")
    other = f"/api/v1/municipalities/{wiesbaden.slug}"
    foreign = await client.post(f"{other}/area-alerts", json={"district_id": district_id})
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "district_id"
    assert (await client.get(f"{other}/area-alerts")).json() == []
    assert (await client.delete(f"{other}/area-alerts/{alert_id}")).status_code == 404

    await subscriber(client, "someone.else@example.org")
    assert (await client.get(f"{M}/area-alerts")).json() == []
    assert (await client.delete(f"{M}/area-alerts/{alert_id}")).status_code == 404
    await logged_in(client, "ortsbeirat@example.org")
    assert [a["id"] for a in (await client.get(f"{M}/area-alerts")).json()] == [alert_id]
    assert (await client.delete(f"{M}/area-alerts/{alert_id}")).status_code == 204
    assert (await client.get(f"{M}/area-alerts")).json() == []


async def test_the_atom_feed_of_a_district_and_of_a_circle(client, town):
    district_id, _ = await district_of_inside(town)
    shown = await stored_report(town, INSIDE["lat"], INSIDE["lon"], district_id=district_id)
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], district_id=district_id, visibility="hidden")
    far = await stored_report(town, INSIDE["lat"] + 0.01, INSIDE["lon"])

    response = await client.get(f"{M}/reports/feed.atom", params={"district": district_id})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}link").get("href").rsplit("/", 1)[-1] for e in entries] == [str(shown)]
    assert "hidden@example.org" not in response.text

    circle = await client.get(
        f"{M}/reports/feed.atom", params={"lat": INSIDE["lat"], "lon": INSIDE["lon"], "radius": 200}
    )
    ids = [
        e.find(f"{ATOM}link").get("href").rsplit("/", 1)[-1] for e in ET.fromstring(circle.content).iter(f"{ATOM}entry")
    ]
    assert ids == [str(shown)]
    everything = ET.fromstring((await client.get(f"{M}/reports/feed.atom")).content)
    assert len(everything.findall(f"{ATOM}entry")) == 2 and str(far)

    bad = await client.get(f"{M}/reports/feed.atom", params={"lat": INSIDE["lat"], "radius": 200})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "lon"
    wiesbaden = await create_from_ags("06414000")
    foreign = await client.get(
        f"/api/v1/municipalities/{wiesbaden.slug}/reports/feed.atom", params={"district": district_id}
    )
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "district"
    tiny = await client.get(f"{M}/reports/feed.atom", params={"lat": INSIDE["lat"], "lon": INSIDE["lon"], "radius": 5})
    assert tiny.status_code == 422 and tiny.json()["errors"][0]["field"] == "radius"


async def test_a_circle_is_round_in_the_feed_and_in_the_matching_not_its_box(client, town):
    """A report in the corner of a 500 m circle's box (about 640 m away) is neither in the feed nor alerted."""
    lat, lon = INSIDE["lat"], INSIDE["lon"]
    dlat, dlon = 450 / 111_320, 450 / 71_560  # 450 m north and east at 50° N
    inside = await stored_report(town, lat + 0.004, lon)  # ~445 m north
    await stored_report(town, lat + dlat, lon + dlon)  # the box's corner: ~636 m
    circle = await client.get(f"{M}/reports/feed.atom", params={"lat": lat, "lon": lon, "radius": 500})
    ids = [
        e.find(f"{ATOM}link").get("href").rsplit("/", 1)[-1] for e in ET.fromstring(circle.content).iter(f"{ATOM}entry")
    ]
    assert ids == [str(inside)]

    await subscriber(client)
    assert (await client.post(f"{M}/area-alerts", json={"lat": lat, "lon": lon, "radius_m": 500})).status_code == 201
    municipality_id = town.municipality.id
    assert len(await alerts.matching_alerts(municipality_id, lat + 0.004, lon, None)) == 1
    assert await alerts.matching_alerts(municipality_id, lat + dlat, lon + dlon, None) == []


async def test_area_alerts_are_in_the_data_export_and_go_with_the_account(client, town):
    from backend.wiring import content_registry

    district_id, _ = await district_of_inside(town)
    user_id = await subscriber(client)
    await client.post(f"{M}/area-alerts", json={"district_id": district_id, "label": "Unser Viertel"})
    registry = content_registry()
    exported = await registry.exporters()["defect_area_alerts"](user_id)
    assert [a["label"] for a in exported] == ["Unser Viertel"]
    for erase in registry.erasers():
        await erase(user_id)
    assert await AreaAlert.count() == 0
