"""Tenants and their territory: municipalities, districts, departments and who holds which role."""

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import Boolean, DoublePrecision, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from geo.roles import Role


class Municipality(Table):
    """A municipality using the platform: one tenant, strictly separated from the others."""

    id = Serial(primary_key=True)
    slug = Varchar(length=64, unique=True, index=True)
    name = Varchar(length=200)
    ags = Varchar(length=8, unique=True)
    boundary = Text()  # GeoJSON MultiPolygon, WGS84 (RFC 7946)
    geometry_version = Integer(default=1)  # bumped when boundary or districts change
    contact_email = Varchar(length=254, default="")
    contact_phone = Varchar(length=50, default="")
    contact_address = Text(default="")
    # "standard": moderation's defaults (see README); "pre": everything waits for a moderator;
    # "post": everything is public at once and reviewed afterwards (screening hits still wait).
    moderation_policy = Varchar(length=10, default="standard")
    brand_color = Varchar(length=7, default="#005a8c")
    open_data_licence = Varchar(length=100, default="dl-de/by-2-0")
    # The profile (geo/profile.py): opening hours one line each; the logo's file in the photo store, served by
    # /api/v1/municipalities/{slug}/logo; whether maps show background tiles.
    opening_hours = Text(default="")
    council_name = Varchar(length=120, default="Stadtverordnetenversammlung")
    logo_key = Varchar(length=100, default="")
    tiles_enabled = Boolean(default=True)
    # Where the district shapes come from, shown on every map (e.g. "approximate, computed from …")
    districts_attribution = Varchar(length=300, default="")
    created_at = Timestamptz(default=TimestamptzNow())


class District(Table):
    """A district (Stadtteil/Ortsteil); its polygon is optional until an admin uploads one."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    name = Varchar(length=100)
    geometry = Text(null=True, default=None)  # GeoJSON Polygon or MultiPolygon


class Department(Table):
    """An office of the municipality (Fachbereich) that receives work, e.g. defect reports."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    name = Varchar(length=200)
    email = Varchar(length=254)  # the first address; every routed mail goes to it and to `more_emails`
    more_emails = Text(default="")  # further addresses, one a line
    phone = Varchar(length=50, default="")
    opening_hours = Text(default="")
    # The department that receives what no category, district or area rule routes: one per municipality.
    is_default = Boolean(default=False)
    retired_at = Timestamptz(null=True, default=None)  # retired: receives nothing new, hidden from choices


class Membership(Table):
    """One role of one person in one municipality (staff also name their department)."""

    id = Serial(primary_key=True)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade, index=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    role = Varchar(length=20, choices=Role)
    department = ForeignKey(references=Department, null=True, on_delete=OnDelete.set_null)


class Address(Table, tablename="geo_address"):
    """One house of the municipality's address register (geo/addresses), imported from an open file.

    `search_key` is "aarstr 150" (geo/addresses/keys.py), `place_key` "hahn": both searched by prefix on a
    btree index; (municipality, lat) serves the reverse lookup's box."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade)
    street = Varchar(length=150)
    house_number = Varchar(length=20, default="")
    postcode = Varchar(length=10, default="")
    place = Varchar(length=100, default="")
    lat = DoublePrecision()
    lon = DoublePrecision()
    search_key = Varchar(length=200)
    place_key = Varchar(length=100, default="")


class AddressRegister(Table, tablename="geo_address_register"):
    """Per municipality: where its register came from and whether an outside geocoder may be asked."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, unique=True)
    licence = Varchar(length=100, default="")
    attribution = Varchar(length=300, default="")
    approximate = Boolean(default=False)  # the points are only rough (the demo register)
    address_count = Integer(default=0)
    imported_at = Timestamptz(null=True, default=None)
    # An outside Nominatim- or Photon-compatible geocoder: "" = none; addresses then never leave the server.
    outside_kind = Varchar(length=10, default="")
    outside_url = Varchar(length=300, default="")
