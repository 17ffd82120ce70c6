"""The consultation page's calls from the worker's cache and as conditional GETs: a change made by anyone (another
worker, another machine, a plain SQL statement) shows on the next request; anonymous readers get 304 when nothing
changed; a long comment thread, paged, holds every comment exactly once."""

from datetime import timedelta

import pytest

from geo import clock
from geo.roles import Role
from geo.tables import Municipality
from moderation.hook import Visibility
from proposals.tables import Comment, Consultation, Phase, Proposal
from tests.factories import logged_in, person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.proposals.test_query_counts import counting
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"


async def _setup(taunusstein):
    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    anna = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna")
    return cid, anna, await proposal(taunusstein, cid, anna)


async def test_a_change_made_elsewhere_shows_on_the_next_request(client, taunusstein):
    """Each write below goes straight to the database, as another worker or machine would make it."""
    cid, _anna, pid = await _setup(taunusstein)
    for _ in range(2):  # the second answer comes from the cache
        assert (await client.get(f"{M}/consultations/{cid}")).json()["title"].startswith("Neugestaltung")
        assert [p["id"] for p in (await client.get(f"{M}/consultations/{cid}/pins")).json()] == [pid]
        assert (await client.get(M)).json()["name"] == "Taunusstein"

    await Consultation.update({Consultation.title: "Neuer Titel"}).where(Consultation.id == cid)
    assert (await client.get(f"{M}/consultations/{cid}")).json()["title"] == "Neuer Titel"

    await Phase.update({Phase.name_de: "Umbenannt"}).where(Phase.consultation == cid)
    assert {p["name_de"] for p in (await client.get(f"{M}/consultations/{cid}")).json()["phases"]} == {"Umbenannt"}

    await Proposal.update({Proposal.title: "Andere Bänke"}).where(Proposal.id == pid)
    assert [p["title"] for p in (await client.get(f"{M}/consultations/{cid}/pins")).json()] == ["Andere Bänke"]
    await Proposal.update({Proposal.visibility: Visibility.REJECTED}).where(Proposal.id == pid)
    assert (await client.get(f"{M}/consultations/{cid}/pins")).json() == []

    await Municipality.update({Municipality.name: "Taunusstein (Test)"}).where(Municipality.id == taunusstein.id)
    assert (await client.get(M)).json()["name"] == "Taunusstein (Test)"

    await Consultation.update({Consultation.status: "draft"}).where(Consultation.id == cid)
    assert (await client.get(f"{M}/consultations/{cid}")).status_code == 404
    assert (await client.get(f"{M}/consultations/{cid}/pins")).status_code == 404


async def test_a_repeated_read_costs_fewer_queries(client, taunusstein):
    cid, _, _ = await _setup(taunusstein)
    counts = []
    for _ in range(3):
        with counting() as counter:
            assert (await client.get(f"{M}/consultations/{cid}/pins")).status_code == 200
        counts.append(counter["n"])
    assert counts[1] == counts[2] == 1, counts  # the counters only: municipality, consultation and pins cached
    assert counts[0] > 1


async def test_a_write_reads_back_what_it_wrote(client, taunusstein):
    cid, _, _ = await _setup(taunusstein)
    assert (await client.get(f"{M}/consultations/{cid}")).status_code == 200  # now cached
    await logged_in(client, "admin@taunusstein.example")
    before = (await client.get(f"{M}/consultations/{cid}")).json()
    body = {k: before[k] for k in ("summary", "body", "status", "voting_mode", "vote_limit", "support_threshold")}
    phases = [
        {k: p[k] for k in ("name_de", "name_en", "description", "starts_at", "ends_at", "may_propose")}
        | {"may_comment": p["may_comment"], "may_vote": p["may_vote"]}
        for p in before["phases"]
    ]
    response = await client.put(f"{M}/consultations/{cid}", json={**body, "title": "Geändert", "phases": phases})
    assert response.status_code == 200, response.text
    assert response.json()["title"] == "Geändert"


@pytest.mark.parametrize("path", ["", "/pins", "/proposals"])
async def test_anonymous_readers_get_304_while_nothing_changed(client, taunusstein, path):
    cid, _anna, pid = await _setup(taunusstein)
    url = f"{M}/consultations/{cid}{path}"
    first = await client.get(url)
    tag = first.headers["etag"]
    assert first.status_code == 200 and tag.startswith('"') and "no-cache" in first.headers["cache-control"]
    again = await client.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert (await client.get(url, headers={"If-None-Match": f'"x", W/{tag}'})).status_code == 304
    assert (await client.get(url, headers={"If-None-Match": '"something-else"'})).status_code == 200

    await Proposal.update({Proposal.title: "Ganz anders"}).where(Proposal.id == pid)
    await Consultation.update({Consultation.summary: "Neu"}).where(Consultation.id == cid)
    changed = await client.get(url, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag


async def test_a_comment_thread_answers_304_and_logged_in_readers_get_no_etag(client, taunusstein):
    _cid, _anna, pid = await _setup(taunusstein)
    url = f"{M}/proposals/{pid}/comments"
    tag = (await client.get(url)).headers["etag"]
    assert (await client.get(url, headers={"If-None-Match": tag})).status_code == 304
    await logged_in(client, "anna@example.org")
    mine = await client.get(url, headers={"If-None-Match": tag})
    assert mine.status_code == 200 and "etag" not in mine.headers  # their own votes and rights: not shared


async def _thread(pid, author, roots=45):
    """Top-level comments with replies two levels deep, some hidden, written straight to the table."""
    start = clock.now() - timedelta(days=3)
    public: list[int] = []
    for i in range(roots):
        visibility = Visibility.PENDING if i % 11 == 5 else Visibility.PUBLIC
        root = await Comment.insert(
            Comment(
                proposal=pid,
                author=author,
                text=f"Wurzel {i}",
                visibility=visibility,
                depth=1,
                up_count=i % 4,
                reply_count=i % 3,
                created_at=start + timedelta(minutes=i // 2),
            )
        ).returning(Comment.id)
        if visibility == Visibility.PUBLIC:
            public.append(root[0]["id"])
        parent = root[0]["id"]
        for depth in range(2, 2 + i % 3):
            row = await Comment.insert(
                Comment(
                    proposal=pid,
                    author=author,
                    text=f"Antwort {i}.{depth}",
                    visibility=Visibility.PUBLIC,
                    parent=parent,
                    depth=depth,
                    created_at=start + timedelta(minutes=i, seconds=depth),
                )
            ).returning(Comment.id)
            parent = row[0]["id"]
            if visibility == Visibility.PUBLIC:
                public.append(parent)
    return public


def _ids(items):
    for item in items:
        yield item["id"]
        yield from _ids(item["replies"])


@pytest.mark.parametrize("sort", ["newest", "oldest", "most_supported", "most_discussed"])
async def test_paging_a_long_thread_returns_every_comment_exactly_once(client, taunusstein, sort):
    _cid, anna, pid = await _setup(taunusstein)
    public = await _thread(pid, anna)
    seen, cursor, pages = [], None, 0
    while True:
        params = {"sort": sort, "limit": 7, **({"cursor": cursor} if cursor else {})}
        response = await client.get(f"{M}/proposals/{pid}/comments", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= 7
        seen += list(_ids(page["items"]))
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(public) and len(seen) == len(set(seen))
    assert pages == -(-len([i for i in range(45) if i % 11 != 5]) // 7)


async def test_the_municipality_answers_304_until_it_changes(client, taunusstein):
    first = await client.get(M)
    tag = first.headers["etag"]
    assert (await client.get(M, headers={"If-None-Match": tag})).status_code == 304
    await Municipality.update({Municipality.contact_phone: "06128 241-0"}).where(Municipality.id == taunusstein.id)
    changed = await client.get(M, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.json()["contact_phone"] == "06128 241-0"
