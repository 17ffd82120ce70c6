"""Use cases of the territory: municipalities, districts, departments and roles."""

from __future__ import annotations

import json
from typing import Any

import shapely
from piccolo.apps.user.tables import BaseUser
from shapely.geometry import mapping, shape
from slugify import slugify

from geo import pooled
from geo import territory as territory_cache
from geo.boundaries import official_feature
from geo.errors import (
    InvalidGeometry,
    MunicipalityExists,
    MunicipalityNotFound,
    NotFound,
)
from geo.profile import default_council_name
from geo.roles import Role
from geo.tables import Department, District, Membership, Municipality
from geo.territory import Territory
from geo.versions import VersionedCache

OUTSIDE_TOLERANCE = 0.05  # share of a district's area that may lie beyond the boundary (then clipped)
GERMAN_SLUG = [["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"], ["ß", "ss"]]


async def list_municipalities() -> list[Municipality]:
    return await Municipality.objects().order_by(Municipality.name)


# The boundary (GeoJSON, tens of KB) changes only with geometry_version: kept per process, not fetched per request
# (keyed with the AGS too: a test database restarts its ids, so id 1 may be another municipality next time).
_BOUNDARIES: dict[tuple[int, str, int], str] = {}
_WITHOUT_BOUNDARY = [c._meta.db_column_name for c in Municipality._meta.columns if c._meta.name != "boundary"]
_BY_SLUG = 'SELECT {} FROM "municipality" WHERE slug = ANY($1::text[])'.format(  # noqa: S608 (column names of our table)
    ", ".join(f'"{c}"' for c in _WITHOUT_BOUNDARY)
)


async def _load_municipality(slug: str) -> Municipality | None:
    rows = await pooled.fetch_together(Municipality, _BY_SLUG, (slug,), ("slug",))
    if rows is None:  # SQLite, or inside a transaction: through Piccolo
        return await Municipality.objects().where(Municipality.slug == slug).first()
    if not rows:
        return None
    # PostgreSQL: every column but the boundary in one round trip; the boundary from this process's copy.
    row = dict(rows[0])
    key = (row["id"], row["ags"], row["geometry_version"])
    boundary = _BOUNDARIES.get(key)
    if boundary is None:
        fetched = await Municipality.select(Municipality.boundary).where(Municipality.id == row["id"]).first()
        boundary = fetched["boundary"] if fetched else "{}"
        if len(_BOUNDARIES) > 1000:
            _BOUNDARIES.clear()
        _BOUNDARIES[key] = boundary
    return Municipality(**row, boundary=boundary, _exists_in_db=True)


async def get_municipality(slug: str) -> Municipality:
    """The municipality by its slug, from this worker's cache while no municipality changed (geo/versions.py)."""
    found = await _municipalities.get(slug, lambda: _load_municipality(slug))
    if found is None:
        raise MunicipalityNotFound(slug)
    return found


# Shared between requests: callers read the row, never change it in place (changes go through UPDATE queries).
_municipalities: VersionedCache[Municipality | None] = VersionedCache("context")


async def territory_of(municipality: Municipality) -> Territory:
    """The prepared geometry of a municipality, built once per geometry version."""
    cached = territory_cache.cached(municipality.id, municipality.geometry_version)
    if cached is not None:
        return cached
    districts = (
        await District.select(District.id, District.name, District.geometry)
        .where(District.municipality == municipality.id)
        .order_by(District.name)
    )
    built = Territory.build(
        municipality.id,
        municipality.name,
        municipality.boundary,
        [(d["id"], d["name"], d["geometry"]) for d in districts],
    )
    return territory_cache.remember(municipality.geometry_version, built)


async def districts_of(municipality_id: int) -> list[dict[str, Any]]:
    return (
        await District.select(District.id, District.name, District.geometry)
        .where(District.municipality == municipality_id)
        .order_by(District.name)
    )


async def create_from_ags(
    ags: str, *, slug: str | None = None, district_names: list[str] | None = None
) -> Municipality:
    """Create a municipality from the shipped official boundary, optionally with named districts."""
    feature = official_feature(ags)
    if await Municipality.exists().where(Municipality.ags == ags):
        raise MunicipalityExists(ags)
    name = feature["properties"]["name"]
    municipality = Municipality(
        slug=slug or slugify(name, replacements=GERMAN_SLUG),
        name=name,
        ags=ags,
        boundary=json.dumps(feature["geometry"]),
        council_name=default_council_name(feature["properties"]),
    )
    async with Municipality._meta.db.transaction():
        await municipality.save()
        if district_names:
            await District.insert(*[District(municipality=municipality.id, name=n) for n in district_names])
    return municipality


async def upload_districts(
    municipality: Municipality, collection: dict[str, Any], *, attribution: str = ""
) -> list[dict[str, Any]]:
    """Set district polygons from a GeoJSON FeatureCollection, matched by name; new names add districts.

    Districts are never deleted here: reports and proposals refer to them. A shape reaching more than
    OUTSIDE_TOLERANCE of its area beyond the boundary is refused; a smaller overhang (digitising noise at the
    edge) is clipped, so every stored district lies inside the municipality."""
    boundary = shape(json.loads(municipality.boundary))
    rows: list[tuple[str, str]] = []
    for index, feature in enumerate(collection.get("features", [])):
        field = f"features[{index}]"
        properties = feature.get("properties") if isinstance(feature, dict) else None
        name = str(properties.get("name") or "").strip() if isinstance(properties, dict) else ""
        if not name:
            raise InvalidGeometry(
                "Jeder Stadtteil braucht einen Namen (properties.name).",
                "Every district needs a name (properties.name).",
                field=field,
            )
        try:
            geometry = shape(feature["geometry"])
        except Exception:
            raise InvalidGeometry(
                f"Die Fläche von „{name}“ ist kein gültiges GeoJSON.",
                f"The area of '{name}' is not valid GeoJSON.",
                field=field,
            ) from None
        if geometry.geom_type not in {"Polygon", "MultiPolygon"} or not geometry.is_valid:
            raise InvalidGeometry(
                f"Die Fläche von „{name}“ ist kein gültiges Polygon.",
                f"The area of '{name}' is not a valid polygon.",
                field=field,
            )
        rows.append((name, json.dumps(mapping(_inside(geometry, boundary, name, municipality.name, field)))))
    if not rows:
        raise InvalidGeometry("Die Datei enthält keinen Stadtteil.", "The file contains no district.", field="features")
    names = [n for n, _ in rows]
    if len(set(names)) != len(names):
        raise InvalidGeometry(
            "Jeder Stadtteilname darf nur einmal vorkommen.",
            "Each district name may appear only once.",
            field="features",
        )
    async with Municipality._meta.db.transaction():
        existing = {
            d["name"]: d["id"]
            for d in await District.select(District.id, District.name).where(District.municipality == municipality.id)
        }
        for name, geometry_json in rows:
            if name in existing:
                await District.update({District.geometry: geometry_json}).where(District.id == existing[name])
            else:
                await District(municipality=municipality.id, name=name, geometry=geometry_json).save()
        # Where these shapes come from; an upload without a word about it says nothing (and drops an older note).
        await Municipality.update({Municipality.districts_attribution: attribution[:300]}).where(
            Municipality.id == municipality.id
        )
        await _bump(municipality.id)
    return await districts_of(municipality.id)


def _inside(geometry: Any, boundary: Any, name: str, town: str, field: str) -> Any:
    """The district's shape clipped to the boundary; refused when much of it lies outside."""
    outside = geometry.difference(boundary).area
    if outside > OUTSIDE_TOLERANCE * geometry.area:
        raise InvalidGeometry(
            f"„{name}“ liegt zu großen Teilen außerhalb von {town} ({_percent(outside, geometry.area)} der Fläche). "
            "Bitte zeichnen Sie die Fläche innerhalb der Gemeindegrenze.",
            f"'{name}' lies largely outside {town} ({_percent(outside, geometry.area)} of its area). "
            "Please draw the area inside the municipal boundary.",
            field=field,
        )
    clipped = shapely.set_precision(geometry.intersection(boundary) if outside else geometry, 1e-6)
    polygons = [g for g in getattr(clipped, "geoms", [clipped]) if g.geom_type in {"Polygon", "MultiPolygon"}]
    if not polygons or clipped.is_empty:
        raise InvalidGeometry(
            f"„{name}“ liegt nicht innerhalb von {town}.", f"'{name}' does not lie inside {town}.", field=field
        )
    return polygons[0] if len(polygons) == 1 else shapely.union_all(polygons)


def _percent(part: float, whole: float) -> str:
    return f"{round(100 * part / whole)} %" if whole else "100 %"


async def _district(municipality: Municipality, district_id: int) -> District:
    found = (
        await District.objects()
        .where((District.id == district_id) & (District.municipality == municipality.id))
        .first()
    )
    if found is None:
        raise NotFound("Diesen Stadtteil gibt es hier nicht.", "There is no such district here.", field="district_id")
    return found


async def rename_district(municipality: Municipality, district_id: int, name: str) -> list[dict[str, Any]]:
    """Give a district a new name (unique within the municipality); reports and proposals keep pointing at it."""
    name = name.strip()
    district = await _district(municipality, district_id)
    if not name:
        raise InvalidGeometry("Bitte geben Sie einen Namen an.", "Please give a name.", field="name")
    taken = await District.exists().where(
        (District.municipality == municipality.id) & (District.name == name) & (District.id != district_id)
    )
    if taken:
        raise InvalidGeometry(
            f"Einen Stadtteil „{name}“ gibt es schon.", f"There already is a district '{name}'.", field="name"
        )
    async with Municipality._meta.db.transaction():
        await District.update({District.name: name}).where(District.id == district.id)
        await _bump(municipality.id)
    return await districts_of(municipality.id)


async def delete_district(municipality: Municipality, district_id: int) -> list[dict[str, Any]]:
    """Remove a district; reports and proposals in it lose their district until the next re-assignment."""
    district = await _district(municipality, district_id)
    async with Municipality._meta.db.transaction():
        await District.delete().where(District.id == district.id)
        await _bump(municipality.id)
    return await districts_of(municipality.id)


async def _bump(municipality_id: int) -> None:
    """Tell every worker's territory cache that boundary or districts changed."""
    await Municipality.update({Municipality.geometry_version: Municipality.geometry_version + 1}).where(
        Municipality.id == municipality_id
    )


async def create_department(municipality_id: int, name: str, email: str) -> Department:
    department = Department(municipality=municipality_id, name=name, email=email)
    await department.save()
    return department


async def grant_role(user_id: int, municipality_id: int, role: Role, department_id: int | None = None) -> None:
    """Give a person a role in a municipality (idempotent)."""
    if not await BaseUser.exists().where(BaseUser.id == user_id):
        raise NotFound("Diese Person gibt es nicht.", "There is no such person.", field="user_id")
    if department_id is not None and not await Department.exists().where(
        (Department.id == department_id) & (Department.municipality == municipality_id)
    ):
        raise NotFound(
            "Diesen Fachbereich gibt es hier nicht.", "There is no such department here.", field="department_id"
        )
    already = await Membership.exists().where(
        (Membership.user == user_id) & (Membership.municipality == municipality_id) & (Membership.role == role)
    )
    if not already:
        await Membership(user=user_id, municipality=municipality_id, role=role, department=department_id).save()
