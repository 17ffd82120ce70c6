"""Consultation texts are typed in Markdown: paragraphs and "- " lists come out as <p> and <ul>, cleaned by nh3,
and admins preview the very HTML the page and the PDF will show before saving."""

from geo import services as geo
from geo.roles import Role
from tests.factories import logged_in, person
from tests.proposals.factories import admin_of
from tests.proposals.test_consultations_api import BASE, payload

TYPED = "Der Platz soll schöner werden.\n\nWas wir fragen:\n\n- Bänke\n- Bäume\n\n<script>alert(1)</script>"


async def test_paragraphs_and_dash_lists_become_paragraphs_and_lists_and_scripts_are_stripped(client, taunusstein):
    await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    created = await client.post(BASE, json=payload(body=TYPED))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["body"] == TYPED  # the source comes back for editing
    html = body["body_html"]
    assert "<p>Der Platz soll schöner werden.</p>" in html and "<p>Was wir fragen:</p>" in html
    assert "<ul>\n<li>Bänke</li>\n<li>Bäume</li>\n</ul>" in html
    assert "<script" not in html
    # Shown to the public exactly as rendered on saving.
    client.cookies.clear()
    assert (await client.get(f"{BASE}/{body['id']}")).json()["body_html"] == html


async def test_the_preview_renders_what_saving_renders(client, taunusstein):
    await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    preview = await client.post(f"{BASE}/preview", json={"text": TYPED})
    assert preview.status_code == 200, preview.text
    saved = (await client.post(BASE, json=payload(body=TYPED))).json()
    assert preview.json()["html"] == saved["body_html"]
    assert (await client.post(f"{BASE}/preview", json={"text": "# Titel\n\n[x](javascript:alert(1))"})).json() == {
        "html": "<h2>Titel</h2>\n<p>[x](javascript:alert(1))</p>"  # not a link: markdown-it refuses the scheme
    }


async def test_a_preview_of_a_too_long_text_is_a_problem_naming_the_field(client, taunusstein):
    await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    response = await client.post(f"{BASE}/preview", json={"text": "x" * 50_001})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json") and "text" in response.text


async def test_only_admins_of_this_municipality_preview(client, taunusstein):
    preview = {"text": "- a"}
    assert (await client.post(f"{BASE}/preview", json=preview)).status_code == 401
    other = await geo.create_from_ags("06439001")  # Aarbergen
    await person("other-admin@example.org", roles=(Role.ADMIN,), municipality=other)
    for email, role in (
        ("res@example.org", Role.RESIDENT),
        ("mod@example.org", Role.MODERATOR),
        ("rat@example.org", Role.COUNCIL),
    ):
        await person(email, roles=(role,), municipality=taunusstein)
        await logged_in(client, email)
        assert (await client.post(f"{BASE}/preview", json=preview)).status_code == 403, role
    await logged_in(client, "other-admin@example.org")
    assert (await client.post(f"{BASE}/preview", json=preview)).status_code == 403
