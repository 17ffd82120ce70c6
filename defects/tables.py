"""Tables of the Mängelmelder: categories, reports, status history, followers, affected people, API keys."""

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import (
    JSON,
    BigInt,
    Boolean,
    DoublePrecision,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from geo.tables import Department, District, Municipality


class Category(Table, tablename="defect_category"):
    """What can be reported in a municipality, and which department receives it."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    code = Varchar(length=64)  # Open311 service_code, unique per municipality
    name_de = Varchar(length=200)
    name_en = Varchar(length=200)
    description_de = Text(default="")
    description_en = Text(default="")
    icon = Varchar(length=64, default="warning")
    department = ForeignKey(references=Department, null=True, on_delete=OnDelete.set_null)
    # Extra questions as Open311 attributes: [{code, datatype, required, label_de, label_en, values: [...]}]
    questions = JSON(default="[]")
    duplicate_radius_m = Integer(default=50)
    position = Integer(default=0)
    # When what Open311 shows of it (the service list, the definition) last changed: the discovery's changeset.
    # Whatever edits a category sets it; NULL for rows older than the column.
    changed_at = Timestamptz(null=True, default=TimestamptzNow())
    # Retired: hidden from new reports and from Open311's services; existing reports keep it.
    retired_at = Timestamptz(null=True, default=None)


class RoutingRule(Table, tablename="defect_routing_rule"):
    """Who receives a category's reports in one district or one drawn area, instead of the category's department.

    Either a department of the municipality, or an outside body (e.g. Hessen Mobil for Landesstraßen): then the
    report is answered "nicht zuständig" with that body's contact. An area rule beats a district rule.
    """

    id = Serial(primary_key=True)
    category = ForeignKey(references=Category, on_delete=OnDelete.cascade, index=True)
    label = Varchar(length=200, default="")  # what the area is, e.g. "Landesstraßen"
    district = ForeignKey(references=District, null=True, on_delete=OnDelete.cascade)
    area = Text(null=True, default=None)  # GeoJSON Polygon or MultiPolygon (WGS84)
    department = ForeignKey(references=Department, null=True, on_delete=OnDelete.restrict)
    external_name = Varchar(length=200, default="")
    external_email = Varchar(length=254, default="")
    external_phone = Varchar(length=50, default="")
    external_web = Varchar(length=300, default="")


class ApiKey(Table, tablename="defect_api_key"):
    """An Open311 API key of a municipality; only its hash is kept."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    label = Varchar(length=200)
    key_hash = Varchar(length=64, unique=True)
    # A trusted partner confirms its reporters itself: their reports count without the e-mailed link.
    trusted = Boolean(default=False)
    created_at = Timestamptz(default=TimestamptzNow())
    revoked_at = Timestamptz(null=True, default=None)
    last_used_at = Timestamptz(null=True, default=None)  # the last Open311 write with this key


class ReplyTemplate(Table, tablename="defect_reply_template"):
    """A text staff often send as the public reply to a status change, kept per municipality."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    name = Varchar(length=100)
    text = Text()
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class Report(Table, tablename="defect_report"):
    """One defect report. `visibility` is moderation's verdict; only `public` rows reach maps and lists."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    category = ForeignKey(references=Category, on_delete=OnDelete.restrict, index=True)
    district = ForeignKey(references=District, null=True, on_delete=OnDelete.set_null)
    # The department it was routed to (by area, district, category or the default); NULL for older rows and
    # for reports answered "nicht zuständig" at once: then the category's department handles it.
    department = ForeignKey(references=Department, null=True, on_delete=OnDelete.set_null)
    lat = DoublePrecision()
    lon = DoublePrecision()
    # False when filed by address alone (Open311): the point is only the district's or town's, until staff place it.
    placed = Boolean(default=True)
    address = Varchar(length=300, default="")  # street or place description, when given
    # "" typed by the reporter (or none); "register"/"outside": found by reverse lookup of the point (geo.addresses)
    address_origin = Varchar(length=10, default="")
    description = Text(default="")
    answers = JSON(default="{}")
    status = Varchar(length=20, default="eingegangen", index=True)
    visibility = Varchar(length=10, default="pending")
    # Anonymous reports wait for the e-mailed link: until then they neither count nor are routed.
    confirmed_at = Timestamptz(null=True, default=None)
    confirm_token_hash = Varchar(length=64, null=True, default=None, unique=True)
    author = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    # Contact of the reporter: staff of the municipality only, never public.
    reporter_email = Varchar(length=254, default="")
    reporter_name = Varchar(length=200, default="")
    reporter_phone = Varchar(length=50, default="")
    locale = Varchar(length=2, default="de")
    channel = Varchar(length=20, default="online")  # online, open311, phone, counter, letter, mobile
    filed_by = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    api_key = ForeignKey(references=ApiKey, null=True, on_delete=OnDelete.set_null)  # the Open311 app that sent it
    duplicate_of = Integer(null=True, default=None)  # id of the original report (same municipality)
    affected_count = Integer(default=0)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
    reminded_at = Timestamptz(null=True, default=None)
    # Case work (defects.services.casework): the person of the department who works on it, and how urgent it is.
    assignee = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    priority = Varchar(length=10, default="normal")  # normal, hoch, dringend
    # A resident said "nicht behoben" and reopened it: back with its department, marked until it closes again.
    reopened_at = Timestamptz(null=True, default=None)
    # When area alerts went out for it (once, after it became public); set for rows older than the alerts.
    alerted_at = Timestamptz(null=True, default=None)


class StatusChange(Table, tablename="defect_status_change"):
    """One step of a report's history: who moved it, when, and the public note."""

    id = Serial(primary_key=True)
    report = ForeignKey(references=Report, on_delete=OnDelete.cascade, index=True)
    from_status = Varchar(length=20, null=True, default=None)
    to_status = Varchar(length=20)
    note = Text(default="")
    responsible = Varchar(length=300, default="")  # who is responsible instead ("nicht zuständig")
    actor = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    actor_label = Varchar(length=200, default="")  # e.g. the department's name, shown publicly
    created_at = Timestamptz(default=TimestamptzNow())


class Affected(Table, tablename="defect_affected"):
    """'Betrifft mich auch': one per person and report; the count is public, the people are not."""

    id = Serial(primary_key=True)
    report = ForeignKey(references=Report, on_delete=OnDelete.cascade, index=True)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade)
    created_at = Timestamptz(default=TimestamptzNow())


class InternalNote(Table, tablename="defect_internal_note"):
    """A note staff keep on a report for each other: never public, never in Open311, exports or mails to residents."""

    id = Serial(primary_key=True)
    report = ForeignKey(references=Report, on_delete=OnDelete.cascade, index=True)
    author = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    author_label = Varchar(length=200, default="")  # the name staff know the author by, kept if the account goes
    text = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())


# --- the resident's word after "erledigt" (issue 13 §3): updates, the fix question, area alerts ---------------


class ReportUpdate(Table, tablename="defect_report_update"):
    """A resident's update to an open report (the reporter, someone affected, a follower): moderated like a
    comment, as content type "defect_update"."""

    id = Serial(primary_key=True)
    report = ForeignKey(references=Report, on_delete=OnDelete.cascade, index=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade)
    author = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null, index=True)
    text = Text()
    visibility = Varchar(length=10, default="pending")
    created_at = Timestamptz(default=TimestamptzNow())


class FixQuestion(Table, tablename="defect_fix_question"):
    """ "Ist der Mangel behoben?": asked once by mail after a report is closed as erledigt; answered by token."""

    id = Serial(primary_key=True)
    report = ForeignKey(references=Report, on_delete=OnDelete.cascade, index=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    department = ForeignKey(references=Department, null=True, on_delete=OnDelete.set_null)
    token_hash = Varchar(length=64, unique=True)
    answer = Varchar(length=10, default="")  # "" (not yet) | ja | nein | teilweise
    comment = Text(default="")
    asked_at = Timestamptz(default=TimestamptzNow())
    answered_at = Timestamptz(null=True, default=None)


class AreaAlert(Table, tablename="defect_area_alert"):
    """A person's subscription to new public reports in a district or within a distance of a place."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade, index=True)
    label = Varchar(length=200, default="")
    district = ForeignKey(references=District, null=True, on_delete=OnDelete.cascade)
    lat = DoublePrecision(null=True, default=None)
    lon = DoublePrecision(null=True, default=None)
    radius_m = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class MapCell(Table, tablename="defect_map_cell"):
    """Confirmed reports counted per map cell and per filter of the public map (defects/mapcells.py).

    Written only by the database's triggers on defect_report (defects/mapcells_sql.py), in the report's own
    transaction; `shown` is 1 for what residents see (public and placed). Sums give the centroid, and the one
    id when a cell holds a single report."""

    municipality = Integer()
    level = Integer()
    gy = BigInt()
    gx = BigInt()
    category = Integer()
    status = Varchar(length=20)
    district = Integer(default=0)
    shown = Integer(default=0)
    n = Integer(default=0)
    sum_lat = DoublePrecision(default=0)
    sum_lon = DoublePrecision(default=0)
    sum_id = BigInt(default=0)


class MapVersion(Table, tablename="defect_map_version"):
    """A number per municipality that its triggers raise with every change of the map: the cache key's version."""

    municipality = Integer(unique=True)
    version = BigInt(default=0)
