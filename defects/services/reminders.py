"""Reminders to departments about reports that stay open longer than the configured time."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from contributions.links import Links
from defects.services.departments import addresses
from defects.tables import Report
from defects.workflow import Group, label, statuses_in
from geo import clock
from geo.ports import Mailer
from geo.tables import Department, Municipality


async def remind_overdue(*, mailer: Mailer, links: Links, overdue_after: timedelta, now: datetime | None = None) -> int:
    """Mail each department one list of its overdue open reports; each report at most once per period.

    Returns the number of reports reminded about."""
    now = now or clock.now()
    cutoff = now - overdue_after
    rows: list[dict[str, Any]] = await Report.select(
        Report.id,
        Report.municipality,
        Report.status,
        Report.address,
        Report.created_at,
        Report.category.name_de.as_alias("category_name"),
        Report.department,
        Report.category.department.as_alias("category_department"),
    ).where(
        Report.confirmed_at.is_not_null()
        & Report.status.is_in(statuses_in(Group.OPEN))
        & (Report.updated_at < cutoff)
        & (Report.reminded_at.is_null() | (Report.reminded_at < cutoff))
    )
    by_department: dict[tuple[int, int | None], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        department_id = row["department"] if row["department"] is not None else row["category_department"]
        by_department[(row["municipality"], department_id)].append(row)
    async with Report._meta.db.transaction():
        for (municipality_id, department_id), reports in by_department.items():
            municipality = await Municipality.objects().where(Municipality.id == municipality_id).first()
            assert municipality is not None
            department = (
                await Department.select().where(Department.id == department_id).first() if department_id else None
            )
            for to in addresses(department) if department else [municipality.contact_email]:
                if not to:
                    continue
                await mailer.send(
                    to=to,
                    template="defects/reminder",
                    context={
                        "department": department["name"] if department else municipality.name,
                        "days": overdue_after.days,
                        "reports": [
                            {
                                "id": r["id"],
                                "category": r["category_name"],
                                "status": label(r["status"]),
                                "address": r["address"],
                                "since": r["created_at"].date().isoformat(),
                                "link": links.report(municipality.slug, r["id"]),
                            }
                            for r in reports
                        ],
                        "queue_link": links.staff_queue(municipality.slug),
                    },
                    locale="de",
                    municipality_id=municipality.id,
                )
            await Report.update({Report.reminded_at: now}).where(Report.id.is_in([r["id"] for r in reports]))
    return len(rows)
