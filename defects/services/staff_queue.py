"""The staff queue: confirmed reports of my departments (admins: all), filtered, searched, sorted, paged.

Every sort is a keyset over (created_at, id) inside ordered segments ("overdue first": the overdue ones, then
the rest; "priority": dringend, hoch, normal), so paging never skips or repeats a row and never truncates:
the cursor names the segment and the last row's key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from contributions.actor import Actor
from defects.casework_schemas import PRIORITIES
from defects.schemas import QueueItem
from defects.tables import Report as ReportRow
from defects.workflow import Group, Status, group_of, statuses_in
from geo import clock, paging
from geo.clock import aware
from geo.errors import Invalid
from geo.roles import Role


class Sort(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    OVERDUE = "overdue"
    PRIORITY = "priority"


class Assigned(StrEnum):
    ME = "me"
    NOBODY = "none"


@dataclass(frozen=True)
class QueueFilter:
    group: Group | None = Group.OPEN
    statuses: tuple[str, ...] = ()
    category: str | None = None
    district_id: int | None = None
    department_id: int | None = None
    overdue: bool = False
    assigned: Assigned | None = None
    priority: str | None = None
    q: str = ""
    sort: Sort = Sort.OLDEST


NUMBER = re.compile(r"^#?\s*(\d{1,9})$")


def _statuses(values: tuple[str, ...]) -> list[str]:
    known = {s.value for s in Status}
    for value in values:
        if value not in known:
            allowed = ", ".join(sorted(known))
            raise Invalid(
                f"Unbekannter Status. Erlaubt: {allowed}.", f"Unknown status. Allowed: {allowed}.", field="status"
            )
    return list(values)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "").replace("%", "").replace("_", "") + "%"


def _base(municipality_id: int, viewer: Actor, f: QueueFilter, overdue_before: datetime, unrouted: bool = True) -> Any:
    query = ReportRow.select(
        ReportRow.id,
        ReportRow.category.code.as_alias("category_code"),
        ReportRow.category.name_de.as_alias("category_name_de"),
        ReportRow.status,
        ReportRow.district.name.as_alias("district_name"),
        ReportRow.address,
        ReportRow.description,
        ReportRow.created_at,
        ReportRow.updated_at,
        ReportRow.affected_count,
        ReportRow.reopened_at,
        ReportRow.placed,
        ReportRow.lat,
        ReportRow.lon,
        ReportRow.priority,
        ReportRow.assignee,
        ReportRow.assignee.first_name.as_alias("assignee_first_name"),
        ReportRow.assignee.email.as_alias("assignee_email"),
    ).where((ReportRow.municipality == municipality_id) & ReportRow.confirmed_at.is_not_null())
    if Role.ADMIN not in viewer.roles:
        ids = list(viewer.departments) or [-1]
        if unrouted:
            query = query.where(
                ReportRow.department.is_in(ids)
                | (ReportRow.department.is_null() & ReportRow.category.department.is_in(ids))
            )
        else:  # every report names its department: the index (municipality, department, created_at, id) serves
            query = query.where(ReportRow.department.is_in(ids))
    if f.department_id is not None:
        query = query.where(ReportRow.department == f.department_id)
    if f.statuses:
        query = query.where(ReportRow.status.is_in(_statuses(f.statuses)))
    elif f.group is not None:
        query = query.where(ReportRow.status.is_in(statuses_in(f.group)))
    if f.category:
        query = query.where(ReportRow.category.code == f.category)
    if f.district_id is not None:
        query = query.where(ReportRow.district == f.district_id)
    if f.overdue:
        query = query.where(ReportRow.status.is_in(statuses_in(Group.OPEN)) & (ReportRow.created_at < overdue_before))
    if f.assigned == Assigned.ME:
        query = query.where(ReportRow.assignee == (viewer.user_id or -1))
    elif f.assigned == Assigned.NOBODY:
        query = query.where(ReportRow.assignee.is_null())
    if f.priority:
        query = query.where(ReportRow.priority == f.priority)
    text = f.q.strip()
    if text:
        number = NUMBER.match(text)
        if number:
            query = query.where(ReportRow.id == int(number.group(1)))
        else:
            pattern = _like(text)
            query = query.where(ReportRow.description.ilike(pattern) | ReportRow.address.ilike(pattern))
    return query


def _segments(f: QueueFilter, overdue_before: datetime) -> list[tuple[str, Any, bool]]:
    """(name, condition or None, ascending) in the order they are shown."""
    if f.sort == Sort.NEWEST:
        return [("all", None, False)]
    if f.sort == Sort.OVERDUE:
        late = ReportRow.status.is_in(statuses_in(Group.OPEN)) & (ReportRow.created_at < overdue_before)
        rest = ReportRow.status.not_in(statuses_in(Group.OPEN)) | (ReportRow.created_at >= overdue_before)
        return [("late", late, True), ("rest", rest, True)]
    if f.sort == Sort.PRIORITY:
        return [(p, ReportRow.priority == p, True) for p in PRIORITIES[:-1]] + [
            ("normal", ReportRow.priority.not_in(list(PRIORITIES[:-1])), True)
        ]
    return [("all", None, True)]


async def staff_queue(
    municipality_id: int,
    viewer: Actor,
    f: QueueFilter,
    overdue_after: timedelta,
    *,
    cursor: str | None = None,
    limit: int = paging.DEFAULT_LIMIT,
) -> paging.Page[QueueItem]:
    limit = paging.bounded(limit)
    now = clock.now()
    overdue_before = now - overdue_after
    segments = _segments(f, overdue_before)
    # Rows without a department (older than routing; the migration fills them in) need the category's
    # department as a fallback, an OR no index serves; when there are none, the plain condition is used.
    unrouted = await ReportRow.exists().where(
        (ReportRow.municipality == municipality_id) & ReportRow.department.is_null()
    )
    names = [name for name, _, _ in segments]
    start, after_key = 0, None
    if cursor:
        key, last_id = paging.decode_as(cursor, str)
        name, _, moment = key.partition("|")
        try:
            start = names.index(name)
            after_key = (aware(datetime.fromisoformat(moment)), last_id)
        except ValueError:
            raise paging.InvalidCursor() from None
    rows: list[tuple[str, dict[str, Any]]] = []
    for index in range(start, len(segments)):
        name, condition, ascending = segments[index]
        query = _base(municipality_id, viewer, f, overdue_before, unrouted)
        if condition is not None:
            query = query.where(condition)
        if index == start and after_key is not None:
            query = query.where(
                paging.after(ReportRow.created_at, ReportRow.id, after_key[0], after_key[1], ascending=ascending)
            )
        want = limit + 1 - len(rows)
        query = query.order_by(ReportRow.created_at, ReportRow.id, ascending=ascending).limit(want)
        rows += [(name, r) for r in await query]
        if len(rows) > limit:
            break
    page, next_cursor = paging.cut(
        rows, limit, lambda nr: (f"{nr[0]}|{aware(nr[1]['created_at']).isoformat()}", nr[1]["id"])
    )
    items = [
        QueueItem(
            id=r["id"],
            category=r["category_code"],
            category_name_de=r["category_name_de"],
            status=r["status"],
            status_group=group_of(r["status"]).value,
            district=r["district_name"],
            address=r["address"],
            description=r["description"][:300],
            created_at=r["created_at"],
            updated_at=r["updated_at"],
            affected_count=r["affected_count"],
            overdue=group_of(r["status"]) == Group.OPEN and aware(r["created_at"]) < overdue_before,
            reopened=r["reopened_at"] is not None and group_of(r["status"]) == Group.OPEN,
            placed=bool(r["placed"]),
            lat=r["lat"],
            lon=r["lon"],
            priority=r["priority"] or "normal",
            assignee_id=r["assignee"],
            assignee_name=(r["assignee_first_name"] or r["assignee_email"] or "") if r["assignee"] else "",
        )
        for _, r in page
    ]
    return paging.Page(items=items, next_cursor=next_cursor)
