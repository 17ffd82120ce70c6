"""The demo looks like a town in use: approximate district shapes that say so, and activity dated across the
consultation's real phases and the last twelve weeks, with a text whose date matches its phase."""

import json
from datetime import timedelta

import shapely
from shapely.geometry import shape

from backend.demo import load_demo
from contributions.actor import ANONYMOUS
from defects.tables import Report, StatusChange
from geo import clock
from geo.clock import aware
from geo.demo_districts import ATTRIBUTION, DISTRICT_CENTRES
from geo.tables import District
from proposals import services
from proposals.tables import Comment, Phase, Proposal, ProposalVote


async def test_the_demo_districts_are_voronoi_cells_that_cover_the_town_and_say_they_are_approximate(db, client):
    context = await load_demo(hashing="fast-insecure")
    assert context is not None
    municipality = context.municipality
    rows = await District.select().where(District.municipality == municipality.id)
    assert sorted(r["name"] for r in rows) == sorted(DISTRICT_CENTRES)
    boundary = shape(json.loads(municipality.boundary))
    shapes = {r["name"]: shape(json.loads(r["geometry"])) for r in rows}
    for name, (lat, lon) in DISTRICT_CENTRES.items():
        assert shapes[name].contains(shapely.Point(lon, lat)), name  # each place lies in its own district
    union = shapely.union_all(list(shapes.values()))
    assert abs(union.area - boundary.area) < 0.001 * boundary.area  # the town, without gaps
    assert sum(s.area for s in shapes.values()) < 1.001 * boundary.area  # and without overlaps
    shown = (await client.get("/api/v1/municipalities/taunusstein")).json()
    assert shown["districts_attribution"] == ATTRIBUTION and "ungefähr" in ATTRIBUTION
    assert all(f["geometry"] for f in shown["districts"]["features"])


async def test_demo_activity_is_dated_within_its_phases_and_the_last_twelve_weeks(db):
    context = await load_demo(hashing="fast-insecure")
    assert context is not None
    now = clock.now()
    running = (await services.list_consultations(context.municipality, ANONYMOUS, "running"))[0]
    phases = {
        p["name_de"]: p for p in await Phase.select().where(Phase.consultation == running.id).order_by(Phase.starts_at)
    }
    proposing_from = aware(phases["Vorschläge"]["starts_at"])
    voting = phases["Diskussion und Abstimmung"]
    proposals = await Proposal.select().where(Proposal.consultation == running.id)
    made = sorted(aware(p["created_at"]) for p in proposals)
    assert proposing_from <= made[0] and made[-1] <= now - timedelta(days=1)
    assert made[-1] - made[0] > timedelta(days=20)  # spread, not all at one moment
    ids = [p["id"] for p in proposals]
    for comment in await Comment.select().where(Comment.proposal.is_in(ids)):
        proposal = next(p for p in proposals if p["id"] == comment["proposal"])
        assert aware(proposal["created_at"]) < aware(comment["created_at"]) < now
    votes = [aware(v["created_at"]) for v in await ProposalVote.select().where(ProposalVote.proposal.is_in(ids))]
    assert min(votes) >= aware(voting["starts_at"]) and max(votes) < now
    ends = aware(voting["ends_at"]).astimezone(__import__("zoneinfo").ZoneInfo("Europe/Berlin"))
    detail = await services.get_consultation(context.municipality, running.id, ANONYMOUS)
    assert f"Bis {ends.day}. " in detail.body and str(ends.year) in detail.body
    reports = await Report.select(Report.created_at)
    assert reports and all(now - timedelta(weeks=12) <= aware(r["created_at"]) <= now for r in reports)
    assert all(aware(c["created_at"]) <= now for c in await StatusChange.select(StatusChange.created_at))
