"""Consultations over HTTP: admins create them with phases and settings, everyone reads them."""

from datetime import UTC, datetime, timedelta

from geo.roles import Role
from tests.factories import logged_in, person
from tests.proposals.factories import EVERYTHING, admin_of, consultation, phase, running

BASE = "/api/v1/municipalities/taunusstein/consultations"


def payload(**overrides):
    now = datetime.now(UTC)
    data = {
        "title": "Radverkehrskonzept Taunusstein",
        "summary": "Wo fehlen Radwege?",
        "body": 'Hallo [Link](https://taunusstein.de) <a href="x" onclick="x()">roh</a><script>alert(1)</script>'
        "\n\n- eins\n\n![bild](x)",
        "status": "published",
        "voting_mode": "for_against",
        "vote_limit": 3,
        "support_threshold": 10,
        "residents_only": True,
        "contact_name": "Frau Beispiel",
        "phases": [
            {
                "name_de": "Information",
                "starts_at": (now - timedelta(days=5)).isoformat(),
                "ends_at": (now - timedelta(days=1)).isoformat(),
            },
            {
                "name_de": "Vorschläge",
                "starts_at": (now - timedelta(days=1)).isoformat(),
                "ends_at": (now + timedelta(days=9)).isoformat(),
                "may_propose": True,
                "may_comment": True,
            },
        ],
    }
    data.update(overrides)
    return data


async def test_an_admin_creates_a_consultation_whose_body_keeps_only_paragraphs_lists_and_links(client, taunusstein):
    await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    response = await client.post(BASE, json=payload())
    assert response.status_code == 201, response.text
    body = response.json()
    assert "<script" not in body["body_html"] and "<img" not in body["body_html"]
    assert '&lt;a href="x" onclick="x()"&gt;roh&lt;/a&gt;' in body["body_html"]  # raw HTML is shown as text
    assert '<a href="https://taunusstein.de" rel="noopener noreferrer">Link</a>' in body["body_html"]
    assert "<ul>\n<li>eins</li>\n</ul>" in body["body_html"] and not body["body_html"].endswith("<p></p>")
    assert body["timing"] == "running" and body["current_phase"] == "Vorschläge"
    assert [p["current"] for p in body["phases"]] == [False, True]
    assert body["me"]["may_manage"] is True and body["me"]["votes_left"] == 3

    listed = (await client.get(BASE, params={"timing": "running"})).json()
    assert [c["title"] for c in listed] == ["Radverkehrskonzept Taunusstein"]
    assert (await client.get(BASE, params={"timing": "finished"})).json() == []


async def test_only_admins_of_this_municipality_create_consultations(client, taunusstein):
    assert (await client.post(BASE, json=payload())).status_code == 401
    await person("resident@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    await person("mod@example.org", roles=(Role.MODERATOR,), municipality=taunusstein)
    await logged_in(client, "resident@example.org")
    assert (await client.post(BASE, json=payload())).status_code == 403
    await logged_in(client, "mod@example.org")
    assert (await client.post(BASE, json=payload())).status_code == 403


async def test_an_admin_of_another_municipality_cannot_create_or_see_drafts_here(client, taunusstein):
    from geo import services as geo

    other = await geo.create_from_ags("06439001")  # Aarbergen
    await person("other-admin@example.org", roles=(Role.ADMIN,), municipality=other)
    admin = await admin_of(taunusstein)
    draft = await consultation(taunusstein, admin, status="draft")
    await logged_in(client, "other-admin@example.org")
    assert (await client.post(BASE, json=payload())).status_code == 403
    assert (await client.get(f"{BASE}/{draft}")).status_code == 404
    assert (await client.put(f"{BASE}/{draft}", json=payload())).status_code == 403
    # The consultation does not exist under another municipality's address either.
    assert (await client.get(f"/api/v1/municipalities/{other.slug}/consultations/{draft}")).status_code == 404


async def test_drafts_are_hidden_from_the_public_and_listed_for_admins(client, taunusstein):
    admin = await admin_of(taunusstein)
    draft = await consultation(taunusstein, admin, status="draft", title="Noch geheim")
    assert (await client.get(f"{BASE}/{draft}")).status_code == 404
    assert (await client.get(BASE)).json() == []
    await logged_in(client, "admin@taunusstein.example")
    assert [c["title"] for c in (await client.get(BASE)).json()] == ["Noch geheim"]


async def test_overlapping_phases_are_refused_naming_the_field_and_nothing_is_saved(client, taunusstein):
    await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    now = datetime.now(UTC)
    bad = payload(
        phases=[
            {"name_de": "Erste", "starts_at": now.isoformat(), "ends_at": (now + timedelta(days=5)).isoformat()},
            {
                "name_de": "Zweite",
                "starts_at": (now + timedelta(days=4)).isoformat(),
                "ends_at": (now + timedelta(days=9)).isoformat(),
            },
        ]
    )
    response = await client.post(BASE, json=bad)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "phases"
    assert "überschneiden" in response.json()["detail_de"]
    assert (await client.get(BASE)).json() == []


async def test_an_admin_changes_settings_and_phases(client, taunusstein):
    admin = await admin_of(taunusstein)
    cid = await consultation(taunusstein, admin)
    await logged_in(client, "admin@taunusstein.example")
    response = await client.put(f"{BASE}/{cid}", json=payload(title="Neuer Titel", vote_limit=5))
    assert response.status_code == 200, response.text
    got = (await client.get(f"{BASE}/{cid}")).json()
    assert got["title"] == "Neuer Titel" and got["vote_limit"] == 5 and len(got["phases"]) == 2


async def test_timing_tells_upcoming_running_and_finished_apart(client, taunusstein):
    admin = await admin_of(taunusstein)
    await consultation(taunusstein, admin, title="Bald", phases=[phase("Vorschläge", 3, 9, may_propose=True)])
    await consultation(taunusstein, admin, title="Jetzt", phases=running(**EVERYTHING))
    await consultation(taunusstein, admin, title="Vorbei", phases=[phase("Abstimmung", -9, -3, may_vote=True)])
    for timing, title in [("upcoming", "Bald"), ("running", "Jetzt"), ("finished", "Vorbei")]:
        assert [c["title"] for c in (await client.get(BASE, params={"timing": timing})).json()] == [title]


async def test_an_area_of_unknown_districts_is_refused(client, taunusstein):
    await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    response = await client.post(BASE, json=payload(area_kind="districts", area_districts=[999999]))
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "area_districts"
