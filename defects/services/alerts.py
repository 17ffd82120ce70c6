"""Area alerts: a person subscribes to new public reports in a district or within a distance of a place.

Mail goes through `contributions.notifications.tell`, so each person's one preference (at once, daily digest,
none) holds here as everywhere; every mail carries a one-click link that ends this one subscription. The same
areas are served as an Atom feed (the web shell renders it). A new report triggers the alerts once, after it
became public (moderation): `deliver_alerts` claims each report by setting `alerted_at` in one conditional
UPDATE, so two workers never send twice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from piccolo.query import Select, WhereRaw

from contributions.actor import Actor
from contributions.errors import InvalidToken
from contributions.notifications import Notice, Post, tell
from defects.schemas import AreaAlertCreate
from defects.tables import AreaAlert, Report
from geo import clock
from geo import services as geo
from geo.errors import Invalid, NotFound
from geo.measure import METRES_PER_DEGREE_LAT, degrees_around, metres_between
from geo.tables import District, Municipality
from moderation.hook import Visibility

SALT = "stadtstimme.area-alert"
MAX_ALERTS_PER_PERSON = 20
MAX_RADIUS_M = 5000
FEED_SIZE = 50
DELIVER_BATCH = 200


class AlertNotFound(NotFound):
    code = "area-alert-not-found"

    def __init__(self) -> None:
        super().__init__("Dieses Gebiets-Abo gibt es nicht.", "There is no such area alert.", field="id")


@dataclass(frozen=True)
class Area:
    """A district, or a circle around a place; neither: the whole municipality (feed only)."""

    district_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    radius_m: int | None = None

    def covers(self, lat: float, lon: float, district_id: int | None) -> bool:
        if self.district_id is not None:
            return district_id == self.district_id
        if self.lat is not None and self.lon is not None and self.radius_m is not None:
            return metres_between(self.lat, self.lon, lat, lon) <= self.radius_m
        return True


SUBSCRIPTION_FIELDS = ("district_id", "lat", "lon", "radius_m")
FEED_FIELDS = ("district", "lat", "lon", "radius")  # the feed's query parameters


async def check_area(municipality: Municipality, area: Area, fields: tuple[str, ...] = SUBSCRIPTION_FIELDS) -> Area:
    """A district of this municipality, or a full circle (place inside the municipality, radius), never both;
    `fields` name the inputs in the caller's words (district, lat, lon, radius)."""
    circle = (area.lat, area.lon, area.radius_m)
    if area.district_id is not None:
        if any(v is not None for v in circle):
            raise Invalid(
                "Bitte wählen Sie entweder einen Stadtteil oder einen Ort mit Umkreis.",
                "Please choose either a district or a place with a radius.",
                field=fields[0],
            )
        if not await District.exists().where(
            (District.id == area.district_id) & (District.municipality == municipality.id)
        ):
            raise Invalid("Diesen Stadtteil gibt es hier nicht.", "There is no such district here.", field=fields[0])
        return area
    if any(v is not None for v in circle):
        for name, value in zip(fields[1:], circle, strict=True):
            if value is None:
                raise Invalid(
                    "Für einen Umkreis braucht es Breite, Länge und Radius.",
                    "A radius needs latitude, longitude and the radius.",
                    field=name,
                )
        assert area.radius_m is not None and area.lat is not None and area.lon is not None
        if not 50 <= area.radius_m <= MAX_RADIUS_M:
            raise Invalid(
                f"Der Umkreis muss zwischen 50 und {MAX_RADIUS_M} Metern liegen.",
                f"The radius must be between 50 and {MAX_RADIUS_M} metres.",
                field=fields[3],
            )
        (await geo.territory_of(municipality)).check_point(area.lon, area.lat, field=fields[1])
    return area


# --- subscriptions -------------------------------------------------------------------------------------------


async def subscribe(municipality: Municipality, viewer: Actor, data: AreaAlertCreate) -> dict[str, Any]:
    assert viewer.user_id is not None  # the web shell lets only logged-in people in
    area = Area(data.district_id, data.lat, data.lon, data.radius_m)
    if area.district_id is None and area.lat is None and area.lon is None and area.radius_m is None:
        raise Invalid(
            "Bitte wählen Sie einen Stadtteil oder einen Ort mit Umkreis.",
            "Please choose a district or a place with a radius.",
            field="district_id",
        )
    await check_area(municipality, area)
    count = await AreaAlert.count().where(
        (AreaAlert.user == viewer.user_id) & (AreaAlert.municipality == municipality.id)
    )
    if count >= MAX_ALERTS_PER_PERSON:
        raise Invalid(
            f"Mehr als {MAX_ALERTS_PER_PERSON} Gebiete lassen sich nicht abonnieren.",
            f"You cannot subscribe to more than {MAX_ALERTS_PER_PERSON} areas.",
            field="district_id",
        )
    row = AreaAlert(
        municipality=municipality.id,
        user=viewer.user_id,
        label=data.label.strip(),
        district=area.district_id,
        lat=area.lat,
        lon=area.lon,
        radius_m=area.radius_m,
    )
    await row.save()
    return (await alerts_of(municipality, viewer, ids=[row.id]))[0]


async def alerts_of(municipality: Municipality, viewer: Actor, ids: list[int] | None = None) -> list[dict[str, Any]]:
    query = (
        AreaAlert.select(*AreaAlert.all_columns(), AreaAlert.district.name.as_alias("district_name"))
        .where((AreaAlert.user == viewer.user_id) & (AreaAlert.municipality == municipality.id))
        .order_by(AreaAlert.id)
    )
    if ids is not None:
        query = query.where(AreaAlert.id.is_in(ids))
    return list(await query)


async def cancel(municipality: Municipality, viewer: Actor, alert_id: int) -> None:
    """Only one's own subscription (someone else's answers as if it did not exist)."""
    found = await AreaAlert.exists().where(
        (AreaAlert.id == alert_id) & (AreaAlert.user == viewer.user_id) & (AreaAlert.municipality == municipality.id)
    )
    if not found:
        raise AlertNotFound()
    await AreaAlert.delete().where(AreaAlert.id == alert_id)


def unsubscribe_token(secret: str, alert_id: int) -> str:
    return str(URLSafeSerializer(secret, salt=SALT).dumps({"a": alert_id}))


async def unsubscribe(secret: str, token: str) -> None:
    """The one-click link of an alert mail: ends that subscription (again: nothing left to do, no error)."""
    try:
        alert_id = int(URLSafeSerializer(secret, salt=SALT).loads(token)["a"])
    except (BadSignature, KeyError, TypeError, ValueError):
        raise InvalidToken() from None
    await AreaAlert.delete().where(AreaAlert.id == alert_id)


# --- matching and delivery ------------------------------------------------------------------------------------


def _area_of(row: dict[str, Any]) -> Area:
    return Area(row["district"], row["lat"], row["lon"], row["radius_m"])


ALERT_COLUMNS = (
    AreaAlert.id,
    AreaAlert.user,
    AreaAlert.label,
    AreaAlert.district,
    AreaAlert.lat,
    AreaAlert.lon,
    AreaAlert.radius_m,
)


def district_alerts_query(municipality_id: int, district_id: int) -> Select:
    """The district's subscriptions (index `defect_area_alert_municipality`)."""
    return AreaAlert.select(*ALERT_COLUMNS).where(
        (AreaAlert.municipality == municipality_id) & (AreaAlert.district == district_id)
    )


def circle_alerts_query(municipality_id: int, lat: float, lon: float) -> Select:
    """The circles that may reach (lat, lon): a box of the largest radius on `defect_area_alert_circle`, then
    each circle's own radius roughly in SQL, so only the few that match leave the database."""
    dlat, dlon = degrees_around(lat, MAX_RADIUS_M)
    ky, kx = _metres_per_degree(lat)
    return AreaAlert.select(*ALERT_COLUMNS).where(
        (AreaAlert.municipality == municipality_id)
        & AreaAlert.district.is_null()
        & (AreaAlert.lat >= lat - dlat)
        & (AreaAlert.lat <= lat + dlat)
        & (AreaAlert.lon >= lon - dlon)
        & (AreaAlert.lon <= lon + dlon)
        & WhereRaw(
            '("defect_area_alert"."lat" - {}) * ("defect_area_alert"."lat" - {}) * {} '
            '+ ("defect_area_alert"."lon" - {}) * ("defect_area_alert"."lon" - {}) * {} '
            '<= "defect_area_alert"."radius_m" * "defect_area_alert"."radius_m" * {}',
            lat,
            lat,
            ky * ky,
            lon,
            lon,
            kx * kx,
            SQL_CIRCLE_MARGIN,
        )
    )


async def matching_alerts(
    municipality_id: int, lat: float, lon: float, district_id: int | None
) -> list[dict[str, Any]]:
    """The subscriptions a report at (lat, lon) in `district_id` matches: by district in the index, circles by a
    box of the largest radius in SQL, then exactly in Python."""
    found: list[dict[str, Any]] = []
    if district_id is not None:
        found += await district_alerts_query(municipality_id, district_id)
    circles = await circle_alerts_query(municipality_id, lat, lon)
    found += [c for c in circles if _area_of(c).covers(lat, lon, district_id)]
    return found


# The circle in SQL measures with the centre's latitude, metres_between with the mean one: a little wider in SQL
# (squared: 1 % on the radius, far above the difference within 5 km), and every row is then checked exactly.
SQL_CIRCLE_MARGIN = 1.01**2


def _metres_per_degree(lat: float) -> tuple[float, float]:
    """(north, east): metres per degree of latitude and of longitude at `lat` (as geo.measure)."""
    return METRES_PER_DEGREE_LAT, METRES_PER_DEGREE_LAT * math.cos(math.radians(lat))


async def _claim(municipality_id: int) -> list[dict[str, Any]]:
    """Public, confirmed reports not yet alerted, claimed (alerted_at set) so no other worker takes them."""
    waiting = (
        await Report.select(Report.id)
        .where(
            (Report.municipality == municipality_id)
            & Report.alerted_at.is_null()
            & Report.confirmed_at.is_not_null()
            & (Report.visibility == Visibility.PUBLIC.value)
        )
        .order_by(Report.id)
        .limit(DELIVER_BATCH)
    )
    claimed: list[dict[str, Any]] = []
    for w in waiting:
        rows = await (
            Report.update({Report.alerted_at: clock.now()})
            .where((Report.id == w["id"]) & Report.alerted_at.is_null())
            .returning(
                Report.id,
                Report.lat,
                Report.lon,
                Report.district,
                Report.category,
                Report.address,
                Report.description,
                Report.author,
                Report.placed,
            )
        )
        claimed += rows
    return claimed


async def deliver_alerts(municipality: Municipality, *, post: Post) -> int:
    """Tell the subscribers of each new public report once (one mail per person and report, however many of
    their areas match); returns the number of people told."""
    from defects.services.categories import get_category_by_id

    told = 0
    for report in await _claim(municipality.id):
        if not report["placed"] and report["district"] is None:
            continue  # a provisional point in the town's middle matches no circle honestly
        alerts = await matching_alerts(municipality.id, report["lat"], report["lon"], report["district"])
        by_user: dict[int, dict[str, Any]] = {}
        for a in alerts:
            if a["user"] != report["author"]:
                by_user.setdefault(a["user"], a)
        if not by_user:
            continue
        category = await get_category_by_id(report["category"])
        districts = {
            d["id"]: d["name"]
            for d in await District.select(District.id, District.name).where(District.municipality == municipality.id)
        }
        link = post.links.report(municipality.slug, report["id"])
        for user_id, alert in by_user.items():
            area = (
                alert["label"]
                or districts.get(alert["district"])
                or (f"{alert['radius_m']} m um Ihren Ort" if alert["radius_m"] else municipality.name)
            )
            told += await tell(
                [user_id],
                Notice(
                    text_de=f"Neue Meldung in {area}: #{report['id']} {category['name_de']}",
                    text_en=f"New report in {area}: #{report['id']} {category['name_en']}",
                    link=link,
                    template="defects/area_alert",
                    context={
                        "id": report["id"],
                        "area": area,
                        "category_de": category["name_de"],
                        "category_en": category["name_en"],
                        "address": report["address"],
                        "description": report["description"][:300],
                        "alert_unsubscribe_url": post.links.area_alert_unsubscribe(
                            unsubscribe_token(post.secret, alert["id"])
                        ),
                    },
                ),
                municipality=municipality,
                post=post,
            )
    return told


async def deliver_everywhere(post: Post) -> int:
    """The scheduled job: alerts for reports that became public by a moderator's decision, in every town."""
    told = 0
    for m in await Municipality.objects():
        told += await deliver_alerts(m, post=post)
    return told


# --- the feed ---------------------------------------------------------------------------------------------------


async def area_reports(municipality: Municipality, area: Area, *, limit: int = FEED_SIZE) -> list[dict[str, Any]]:
    """The newest public, confirmed reports in the area (a district, a circle, or the whole municipality)."""
    area = await check_area(municipality, area, FEED_FIELDS)
    rows = await feed_query(municipality.id, area, limit=limit)
    if area.radius_m is not None:
        return [r for r in rows if area.covers(r["lat"], r["lon"], None)][:limit]
    return list(rows)


def feed_query(municipality_id: int, area: Area, *, limit: int = FEED_SIZE) -> Select:
    """The feed's one query for a checked area (bench/area_alerts.py EXPLAINs it as built here).

    A district reads `defect_report_district_newest` newest first. A circle reads `defect_report_newest_place`
    (municipality, created_at, id, lat, lon) newest first with the circle's box checked in the index, so only
    reports inside the box are fetched (PostgreSQL takes the box on `defect_report_map` instead when the circle
    is small); the circle itself is measured in SQL (a little wide) and then exactly by the caller."""
    query = (
        Report.select(
            Report.id,
            Report.lat,
            Report.lon,
            Report.district,
            Report.address,
            Report.description,
            Report.status,
            Report.created_at,
            Report.updated_at,
            Report.category.name_de.as_alias("category_de"),
            Report.category.name_en.as_alias("category_en"),
        )
        .where(
            (Report.municipality == municipality_id)
            & Report.confirmed_at.is_not_null()
            & (Report.visibility == Visibility.PUBLIC.value)
        )
        .order_by(Report.created_at, ascending=False)
        .order_by(Report.id, ascending=False)
    )
    if area.district_id is not None:
        return query.where(Report.district == area.district_id).limit(limit)
    if area.radius_m is not None and area.lat is not None and area.lon is not None:
        return query.where(Report.placed.eq(True) & WhereRaw(_circle_sql(area.lat, area.lon, area.radius_m))).limit(
            limit + FEED_SLACK
        )
    return query.limit(limit)


def _circle_sql(lat: float, lon: float, radius_m: int) -> str:
    """The circle's box and the circle (a little wide) as SQL with the numbers written in.

    Written in, not bound: with bound numbers PostgreSQL plans a prepared statement once for any circle after five
    runs (a generic plan: 8 rows guessed, so it takes the box on `defect_report_map` and sorts, 0.9 s for 500 m and
    3.8 s for 2 km at a million reports), while with the numbers it plans each circle for its size (1 ms). Only
    floats made here reach the text (`repr` of a finite float is a valid SQL number in both engines)."""
    dlat, dlon = degrees_around(lat, radius_m)
    ky, kx = _metres_per_degree(lat)
    n = [float(v) for v in (lat - dlat, lat + dlat, lon - dlon, lon + dlon, lat, ky * ky, lon, kx * kx)]
    n.append(float(radius_m) ** 2 * SQL_CIRCLE_MARGIN)
    if not all(math.isfinite(v) for v in n):
        raise Invalid("Dieser Ort ist ungültig.", "This place is not valid.", field="lat")
    south, north, west, east, clat, ky2, clon, kx2, r2 = (repr(v) for v in n)
    row = '"defect_report"'
    return (
        f"{row}.lat >= {south} AND {row}.lat <= {north} AND {row}.lon >= {west} AND {row}.lon <= {east} AND "
        f"({row}.lat - {clat}) * ({row}.lat - {clat}) * {ky2} + ({row}.lon - {clon}) * ({row}.lon - {clon}) * {kx2}"
        f" <= {r2}"
    )


FEED_SLACK = 10  # rows in the 1 % ring around a circle, beyond the feed's size, that the exact check may drop
