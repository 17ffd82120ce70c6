"""Finding proposals: filtered and sorted pages, map pins, similar ones while writing."""

from __future__ import annotations

import json
from typing import Any

from piccolo.query.base import Query

from contributions.actor import Actor
from geo import paging
from geo.frozen import frozen
from geo.tables import Municipality
from geo.versions import VersionedCache
from proposals import similar
from proposals.schemas import Pin, ProposalSummary
from proposals.services.context import consultation_at
from proposals.services.contributions import LISTED, SORTS, SUMMARY_COLUMNS, summary_of
from proposals.tables import Proposal as ProposalRow


async def list_proposals(
    municipality: Municipality,
    consultation_id: int,
    actor: Actor,
    *,
    sort: str = "newest",
    district: int | None = None,
    category: str | None = None,
    answer_status: str | None = None,
    query: str | None = None,
    limit: int = paging.DEFAULT_LIMIT,
    cursor: str | None = None,
) -> paging.Page[ProposalSummary]:
    """One page of public proposals with filters and the count of all of them: two queries, whatever the page
    size. Pages follow the sort key, then the id, in the same direction (keyset)."""
    limit = paging.bounded(limit)
    consultation = await consultation_at(municipality, consultation_id, actor)
    column, _ = SORTS.get(sort, SORTS["newest"])
    filters = (consultation_id, district, category or None, answer_status or None, query or None)
    total = await _count(filters).run()
    rows = await _page(filters, sort, limit, cursor).run()
    page_rows, next_cursor = paging.cut(rows, limit, lambda r: (r[column._meta.name], r["id"]))
    threshold = int(consultation.row["support_threshold"])
    return paging.Page(items=[summary_of(r, threshold) for r in page_rows], next_cursor=next_cursor, total=total)


def _where(
    consultation_id: int, district: int | None, category: str | None, answer_status: str | None, query: str | None
) -> Any:
    where = LISTED & (ProposalRow.consultation == consultation_id)
    if district is not None:
        where &= ProposalRow.district == district
    if category:
        where &= ProposalRow.category == category
    if answer_status:
        where &= (ProposalRow.answer_status == answer_status) & ProposalRow.answer_published_at.is_not_null()
    if query:
        where &= ProposalRow.title.ilike(f"%{query.strip()}%")
    return where


@frozen
def _count(filters: tuple[Any, ...]) -> Query[Any, Any]:
    return ProposalRow.count().where(_where(*filters))


@frozen
def _page(filters: tuple[Any, ...], sort: str, limit: int, cursor: str | None) -> Query[Any, Any]:
    """A bad cursor raises here (and nothing is kept)."""
    column, ascending = SORTS.get(sort, SORTS["newest"])
    where = _where(*filters)
    if cursor:
        key, last_id = paging.decode_as(cursor, int)
        where &= paging.after(column, ProposalRow.id, key, last_id, ascending=ascending)
    return (
        ProposalRow.select(*SUMMARY_COLUMNS)
        .where(where)
        .order_by(column, ascending=ascending)
        .order_by(ProposalRow.id, ascending=ascending)
        .limit(limit + 1)
    )


async def pins(municipality: Municipality, consultation_id: int, actor: Actor) -> list[Pin]:
    """Coordinates and titles only, for the map; details load on click."""
    await consultation_at(municipality, consultation_id, actor)
    rows = await ProposalRow.select(ProposalRow.id, ProposalRow.lat, ProposalRow.lon, ProposalRow.title).where(
        LISTED & (ProposalRow.consultation == consultation_id) & ProposalRow.lat.is_not_null()
    )
    return [Pin(id=r["id"], lat=r["lat"], lon=r["lon"], title=r["title"]) for r in rows]


async def pins_json(municipality: Municipality, consultation_id: int, actor: Actor) -> bytes:
    """The pins as the JSON body of the map call, encoded once per version of the pins (geo/versions.py):
    800 pins were 800 pydantic objects and ~70 KB of encoding on every call."""
    await consultation_at(municipality, consultation_id, actor)
    return await _pins.get(consultation_id, lambda: _encoded_pins(consultation_id))


async def _encoded_pins(consultation_id: int) -> bytes:
    rows = await ProposalRow.select(ProposalRow.id, ProposalRow.lat, ProposalRow.lon, ProposalRow.title).where(
        LISTED & (ProposalRow.consultation == consultation_id) & ProposalRow.lat.is_not_null()
    )
    pins = [{"id": r["id"], "lat": r["lat"], "lon": r["lon"], "title": r["title"]} for r in rows]
    return json.dumps(pins, ensure_ascii=False, separators=(",", ":")).encode()


_pins: VersionedCache[bytes] = VersionedCache("pins", max_items=256)


async def similar_proposals(
    municipality: Municipality,
    consultation_id: int,
    actor: Actor,
    title: str,
    lat: float | None,
    lon: float | None,
) -> list[ProposalSummary]:
    consultation = await consultation_at(municipality, consultation_id, actor)
    rows = await ProposalRow.select(*SUMMARY_COLUMNS).where(LISTED & (ProposalRow.consultation == consultation_id))
    threshold = int(consultation.row["support_threshold"])
    return [summary_of(row, threshold) for _, row in similar.rank(title, lat, lon, rows)]
