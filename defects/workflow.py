"""The status workflow of a defect report, in ONE place: statuses, their groups, labels and allowed moves.

Like FixMyStreet's open/closed states: the map legend, the list filter, the Open311 mapping and
any export read the groups from here, so a new status is added in one spot.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "eingegangen"
    CHECKING = "in_pruefung"
    IN_PROGRESS = "in_bearbeitung"
    FIXED = "erledigt"
    REJECTED = "abgelehnt"
    DUPLICATE = "duplikat"
    NOT_RESPONSIBLE = "nicht_zustaendig"


class Group(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Needs(StrEnum):
    """What a status change to a given status must carry."""

    REASON = "reason"  # a public note saying why (abgelehnt)
    ORIGINAL = "duplicate_of"  # the report this one duplicates
    RESPONSIBLE = "responsible"  # who is responsible instead (nicht zuständig)


@dataclass(frozen=True)
class StatusInfo:
    group: Group
    label_de: str
    label_en: str
    needs: Needs | None = None


STATUSES: dict[Status, StatusInfo] = {
    Status.RECEIVED: StatusInfo(Group.OPEN, "Eingegangen", "Received"),
    Status.CHECKING: StatusInfo(Group.OPEN, "In Prüfung", "Being checked"),
    Status.IN_PROGRESS: StatusInfo(Group.OPEN, "In Bearbeitung", "In progress"),
    Status.FIXED: StatusInfo(Group.CLOSED, "Erledigt", "Fixed"),
    Status.REJECTED: StatusInfo(Group.CLOSED, "Abgelehnt", "Rejected", Needs.REASON),
    Status.DUPLICATE: StatusInfo(Group.CLOSED, "Duplikat", "Duplicate", Needs.ORIGINAL),
    Status.NOT_RESPONSIBLE: StatusInfo(Group.CLOSED, "Nicht zuständig", "Not responsible", Needs.RESPONSIBLE),
}

INITIAL = Status.RECEIVED
CLOSED_STATUSES = frozenset(s for s, info in STATUSES.items() if info.group == Group.CLOSED)
OPEN_STATUSES = frozenset(s for s, info in STATUSES.items() if info.group == Group.OPEN)

# Allowed moves as data. Closed reports may be reopened (back to "in Bearbeitung") when a fix did not hold.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.CHECKING, Status.IN_PROGRESS} | CLOSED_STATUSES),
    Status.CHECKING: frozenset({Status.IN_PROGRESS} | CLOSED_STATUSES),
    Status.IN_PROGRESS: frozenset({Status.CHECKING} | CLOSED_STATUSES),
    Status.FIXED: frozenset({Status.IN_PROGRESS}),
    Status.REJECTED: frozenset({Status.CHECKING}),
    Status.DUPLICATE: frozenset({Status.CHECKING}),
    Status.NOT_RESPONSIBLE: frozenset({Status.CHECKING}),
}


def group_of(status: str) -> Group:
    return STATUSES[Status(status)].group


def statuses_in(group: Group | str) -> list[str]:
    """The statuses of a group, as stored strings (for SQL `IN` filters)."""
    return [s.value for s, info in STATUSES.items() if info.group == Group(group)]


def may_move(current: str, target: str) -> bool:
    return Status(target) in TRANSITIONS[Status(current)]


def label(status: str, locale: str = "de") -> str:
    info = STATUSES[Status(status)]
    return info.label_en if locale == "en" else info.label_de


def open311_status(status: str) -> str:
    """GeoReport v2 knows only `open` and `closed`."""
    return group_of(status).value


def legend() -> list[dict[str, object]]:
    """Statuses with their group and labels, in workflow order: for the map legend and filters."""
    return [
        {
            "status": s.value,
            "group": info.group.value,
            "label_de": info.label_de,
            "label_en": info.label_en,
            "needs": info.needs.value if info.needs else None,
            "next": sorted(t.value for t in TRANSITIONS[s]),
        }
        for s, info in STATUSES.items()
    ]


# --- the resident's word after "erledigt" ---------------------------------------------------------------------
# A resident (the reporter, someone affected, a follower) may reopen a report closed as fixed within a period
# ("nicht behoben"): it goes back to its department as "in Bearbeitung", marked as reopened. The other closed
# statuses are the department's decisions (rejected, duplicate, not responsible), not a fix that did not hold.
REOPENABLE = frozenset({Status.FIXED})
REOPENED = Status.IN_PROGRESS
DEFAULT_REOPEN_DAYS = 30


def may_reopen(status: str) -> bool:
    return Status(status) in REOPENABLE and may_move(status, REOPENED)
