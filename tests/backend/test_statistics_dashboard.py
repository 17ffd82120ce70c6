"""The statistics dashboard: who may read it, and figures that equal what the test's own rows add up to."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from statistics import median
from typing import Any

import pytest

from backend import dashboard
from defects.tables import Report, StatusChange
from geo.roles import Role
from geo.services import create_from_ags
from geo.tables import District
from proposals.tables import Comment, Consultation, Proposal, ProposalVote
from tests.defects.factories import stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)  # a Wednesday in ISO week 47
DAY = timedelta(days=1)
URL = "/api/v1/municipalities/taunusstein/statistics"

# (category, days before NOW it came in, days until the first answer, days until closed, days since last change)
REPORTS: list[tuple[str, float, float | None, float | None, float]] = [
    ("strassen", 2, 0.5, None, 1),  # answered, open, recently changed
    ("strassen", 10, 1, 3, 7),  # answered and closed
    ("strassen", 30, None, None, 30),  # never answered: overdue (Tiefbau)
    ("strassen", 40, 2, None, 20),  # answered, open, no change for 20 days: overdue (Tiefbau)
    ("beleuchtung", 50, 4, 8, 42),  # closed: not overdue however old
    ("beleuchtung", 60, None, None, 15),  # overdue (Bauhof)
    ("beleuchtung", 100, 3, 30, 70),  # closed, received outside the trend's 12 weeks, closed inside them
]


async def scenario(taunusstein: Any) -> dict[str, Any]:
    town = await town_with_categories(taunusstein)
    district = await District.select(District.id, District.name).where(District.municipality == taunusstein.id).first()
    ids = []
    for index, (category, days_ago, answered, closed, changed) in enumerate(REPORTS):
        created = NOW - days_ago * DAY
        report_id = await stored_report(
            town,
            INSIDE["lat"],
            INSIDE["lon"],
            category=category,
            status="erledigt" if closed is not None else ("in_bearbeitung" if answered else "eingegangen"),
            created_at=created,
            district_id=district["id"] if index % 2 == 0 else None,
        )
        await StatusChange(report=report_id, from_status=None, to_status="eingegangen", created_at=created).save()
        if answered is not None:
            await StatusChange(
                report=report_id,
                from_status="eingegangen",
                to_status="in_bearbeitung",
                created_at=created + answered * DAY,
            ).save()
        if closed is not None:
            await StatusChange(
                report=report_id, from_status="in_bearbeitung", to_status="erledigt", created_at=created + closed * DAY
            ).save()
        await Report.update({Report.updated_at: NOW - changed * DAY}).where(Report.id == report_id)
        ids.append(report_id)
    # Never counted: hidden by moderation, and not confirmed.
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], visibility="rejected", created_at=NOW - 3 * DAY)
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], confirmed=False, created_at=NOW - 3 * DAY)
    return {"town": town, "district": district["name"], "ids": ids}


def iso_monday(moment: datetime) -> date:
    return moment.date() - timedelta(days=moment.weekday())


async def test_the_mangelmelder_figures_add_up_to_the_reports_created(taunusstein):
    created = await scenario(taunusstein)
    out = await dashboard.statistics(taunusstein.id, reminder_days=14, lang="de", now=NOW)
    figures = out.defects
    closed = [r for r in REPORTS if r[3] is not None]
    assert (figures.total, figures.open, figures.closed) == (len(REPORTS), len(REPORTS) - len(closed), len(closed))
    assert figures.median_days_to_first_answer == round(median(r[2] for r in REPORTS if r[2] is not None), 1)
    assert figures.median_days_to_close == round(median(r[3] for r in closed), 1)
    assert {s.label: s.count for s in figures.by_status} == {"Eingegangen": 2, "In Bearbeitung": 2, "Erledigt": 3}
    assert {c.name: (c.total, c.open, c.closed) for c in figures.by_category} == {
        "Straßen, Geh- und Radwege": (4, 3, 1),
        "Straßenbeleuchtung": (3, 1, 2),
    }
    assert {d.name: d.count for d in figures.by_district} == {created["district"]: 4, "ohne Stadtteil": 3}
    overdue = [r for r in REPORTS if r[3] is None and r[4] > 14]
    assert figures.overdue_after_days == 14
    assert {d.name: d.count for d in figures.overdue_by_department} == {
        "Tiefbau und Verkehr": sum(r[0] == "strassen" for r in overdue),
        "Bauhof": sum(r[0] == "beleuchtung" for r in overdue),
    }


async def test_the_weekly_trend_counts_new_and_closed_reports_per_iso_week(taunusstein):
    await scenario(taunusstein)
    weeks = (await dashboard.statistics(taunusstein.id, reminder_days=14, now=NOW)).defects.weeks
    assert len(weeks) == 12
    assert weeks[-1].week == "2026-W47" and weeks[-1].starts_on == date(2026, 11, 16)
    assert weeks[0].week == "2026-W36" and [w.starts_on for w in weeks] == sorted(w.starts_on for w in weeks)
    new: dict[date, int] = {}
    done: dict[date, int] = {}
    for _category, days_ago, _answered, closed, _changed in REPORTS:
        new[iso_monday(NOW - days_ago * DAY)] = new.get(iso_monday(NOW - days_ago * DAY), 0) + 1
        if closed is not None:
            moment = NOW - days_ago * DAY + closed * DAY
            done[iso_monday(moment)] = done.get(iso_monday(moment), 0) + 1
    assert [(w.new, w.closed) for w in weeks] == [(new.get(w.starts_on, 0), done.get(w.starts_on, 0)) for w in weeks]
    assert sum(w.new for w in weeks) == len(REPORTS) - 1  # the report of 100 days ago came in before the 12 weeks
    assert sum(w.closed for w in weeks) == 3  # … but was closed inside them


async def test_participation_counts_public_contributions_per_consultation(taunusstein):
    admin = await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=taunusstein)
    people = [await person(f"p{i}@example.org") for i in range(4)]
    live = Consultation(municipality=taunusstein.id, title="Neuer Marktplatz", status="published")
    draft = Consultation(municipality=taunusstein.id, title="Entwurf", status="draft")
    await live.save()
    await draft.save()
    proposals = []
    for author, visibility in ((people[0], "public"), (people[1], "public"), (people[2], "rejected")):
        row = Proposal(consultation=live.id, author=author, title="Bänke", visibility=visibility)
        await row.save()
        proposals.append(row.id)
    await Comment(proposal=proposals[0], author=people[3], text="Gut", visibility="public").save()
    await Comment(proposal=proposals[0], author=people[3], text="Weg", visibility="pending").save()
    for voter in (people[1], people[3], admin):
        await ProposalVote(proposal=proposals[0], consultation=live.id, user=voter).save()
    out = await dashboard.statistics(taunusstein.id, reminder_days=14, now=NOW)
    assert [(c.title, c.participants, c.proposals, c.comments, c.votes) for c in out.participation] == [
        ("Neuer Marktplatz", 4, 2, 1, 3)  # people 0, 1, 3 and the admin; the draft is not listed
    ]


ROLES = {
    "anonymous": 401,
    "resident": 403,
    "staff": 403,
    "moderator": 403,
    "admin": 200,
    "council": 200,
    "council of another town": 403,
}


@pytest.mark.parametrize(("who", "status"), ROLES.items())
async def test_the_dashboard_is_for_admins_and_council_members(client, taunusstein, who, status):
    await scenario(taunusstein)
    roles = {"resident": Role.RESIDENT, "staff": Role.STAFF, "moderator": Role.MODERATOR, "admin": Role.ADMIN}
    roles["council"] = roles["council of another town"] = Role.COUNCIL
    if who != "anonymous":
        town = taunusstein if who != "council of another town" else await create_from_ags("06414000")
        await person("someone@example.org", roles=(roles[who],), municipality=town)
        await logged_in(client, "someone@example.org")
    response = await client.get(URL)
    assert response.status_code == status, response.text
    if status == 200:
        body = response.json()
        assert body["defects"]["total"] == len(REPORTS)
        assert "hidden@example.org" not in response.text  # no reporter's address in the figures
    jobs = await client.get("/api/v1/municipalities/taunusstein/scheduled-jobs")
    assert jobs.status_code == (200 if who == "admin" else status if status != 200 else 403), jobs.text


async def test_english_names_and_an_unknown_language_is_refused_naming_the_field(client, taunusstein):
    await scenario(taunusstein)
    await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    body = (await client.get(URL, params={"lang": "en"})).json()
    assert {c["name"] for c in body["defects"]["by_category"]} == {
        "Roads, footpaths and cycle paths",
        "Street lighting",
    }
    refused = await client.get(URL, params={"lang": "xx"})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "lang"


async def test_an_empty_town_has_zeros_and_no_medians(client, taunusstein):
    out = await dashboard.statistics(taunusstein.id, reminder_days=14, now=NOW)
    assert out.defects.total == 0 and out.defects.median_days_to_first_answer is None
    assert out.defects.median_days_to_close is None and out.participation == []
    assert [w.new for w in out.defects.weeks] == [0] * 12
