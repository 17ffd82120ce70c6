"""An admin drafts and publishes the legal pages; everyone reads what is published, nobody sees a draft."""

import pytest

from geo.roles import Role
from moderation.tables import AuditEntry
from tests.factories import logged_in, person
from tests.legal.helpers import ADMIN, NOT_EDITORS, as_role, log_out, publish, url

KINDS = ["impressum", "datenschutz", "barrierefreiheit", "nutzungsbedingungen"]


@pytest.fixture
async def admin(client, taunusstein):
    await person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein)
    await logged_in(client, ADMIN)
    return taunusstein


async def test_a_draft_is_not_public_until_the_admin_publishes_it(client, admin):
    saved = await client.put(url("taunusstein", "/impressum/draft"), json={"body": "## Angaben\n\nStadt Taunusstein"})
    assert saved.status_code == 200 and saved.json()["draft"] is True and saved.json()["version"] == 1
    await log_out(client)
    assert (await client.get(url("taunusstein", "/impressum"))).status_code == 404
    assert (await client.get(url("taunusstein", "/"))).json() == {"kinds": []}

    await logged_in(client, ADMIN)
    assert (await client.post(url("taunusstein", "/impressum/publish"))).json()["published_version"] == 1
    await log_out(client)
    page = (await client.get(url("taunusstein", "/impressum"))).json()
    assert page["title"] == "Impressum" and page["version"] == 1
    assert page["html"] == "<h2>Angaben</h2>\n<p>Stadt Taunusstein</p>"
    assert (await client.get(url("taunusstein", "/"))).json() == {"kinds": ["impressum"]}


async def test_changing_a_published_page_makes_a_new_version_and_the_old_one_stays_public_until_published(
    client, admin
):
    await publish(client, "taunusstein", "nutzungsbedingungen", "Fassung eins")
    draft = (await client.put(url("taunusstein", "/nutzungsbedingungen/draft"), json={"body": "Fassung zwei"})).json()
    assert draft["version"] == 2 and draft["published_version"] == 1 and draft["draft"] is True
    assert "Fassung eins" in (await client.get(url("taunusstein", "/nutzungsbedingungen"))).json()["html"]
    again = (await client.put(url("taunusstein", "/nutzungsbedingungen/draft"), json={"body": "Fassung 2b"})).json()
    assert again["version"] == 2  # saving a draft twice stays one version
    await client.post(url("taunusstein", "/nutzungsbedingungen/publish"))
    page = (await client.get(url("taunusstein", "/nutzungsbedingungen"))).json()
    assert page["version"] == 2 and "Fassung 2b" in page["html"]
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id)]
    assert actions == ["legal-draft", "legal-publish", "legal-draft", "legal-draft", "legal-publish"]


async def test_the_admin_overview_lists_all_four_pages_and_whether_the_town_is_listed(client, admin):
    await publish(client, "taunusstein", "impressum", "Impressum-Text")
    overview = (await client.get(url("taunusstein", "/admin"))).json()
    assert [p["kind"] for p in overview["pages"]] == KINDS
    impressum = overview["pages"][0]
    assert impressum["published_version"] == 1 and impressum["body"] == "Impressum-Text" and not impressum["draft"]
    assert overview["pages"][1]["body"] == "" and overview["pages"][1]["version"] is None
    assert overview["listed"] is True  # made by a factory: no listing hold


async def test_markdown_is_rendered_safely(client, admin):
    body = "# Titel\n\n<script>alert(1)</script>\n\n[klick](javascript:alert(1)) [ok](https://example.org)"
    await publish(client, "taunusstein", "impressum", body)
    html = (await client.get(url("taunusstein", "/impressum"))).json()["html"]
    assert "<h2>Titel</h2>" in html and "<h1>" not in html
    assert "<script>" not in html and "&lt;script&gt;" in html  # raw HTML is shown as text
    assert 'href="javascript' not in html  # no link; the text stays readable
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in html


@pytest.mark.parametrize("kind", KINDS)
async def test_each_template_is_filled_from_the_municipalitys_data(client, admin, kind):
    from geo.tables import Municipality

    await Municipality.update(
        {Municipality.contact_email: "rathaus@taunusstein.example", Municipality.contact_address: "Aarstraße 150"}
    ).where(Municipality.id == admin.id)
    de = (await client.get(url("taunusstein", f"/{kind}/template"))).json()
    en = (await client.get(url("taunusstein", f"/{kind}/template"), params={"lang": "en"})).json()
    assert de["lang"] == "de" and en["lang"] == "en" and de["body"] != en["body"]
    assert "Taunusstein" in de["body"] and "Taunusstein" in en["body"]
    if kind != "nutzungsbedingungen":
        assert "rathaus@taunusstein.example" in de["body"]


async def test_the_templates_say_what_the_law_asks_and_what_the_code_does(client, admin):
    await client.put(
        url("taunusstein", "/details"),
        json={"representative": "Bürgermeisterin Erika Muster", "dpo_contact": "datenschutz@taunusstein.example"},
    )
    impressum = (await client.get(url("taunusstein", "/impressum/template"))).json()["body"]
    assert "§ 5 Digitale-Dienste-Gesetz" in impressum and "Körperschaft des öffentlichen Rechts" in impressum
    assert "Bürgermeisterin Erika Muster" in impressum and "TMG" not in impressum
    privacy = (await client.get(url("taunusstein", "/datenschutz/template"))).json()["body"]
    assert "datenschutz@taunusstein.example" in privacy
    assert "innerhalb von 7 Tagen" in privacy  # defects.services.cleanup.UNCONFIRMED_DAYS
    assert "nach 14 Tagen oder nach 30 Minuten ohne Aktivität" in privacy  # the session settings
    assert "Hessische Beauftragte für Datenschutz und Informationsfreiheit" in privacy
    assert "Art. 15" in privacy and "Art. 21" in privacy
    assert "keine Kartenkacheln" in privacy  # the tests run without a tile server
    accessibility = (await client.get(url("taunusstein", "/barrierefreiheit/template"))).json()["body"]
    assert "Durchsetzungs- und Ombudsstelle nach § 14 HessBGG" in accessibility
    assert "Beauftragten der Hessischen Landesregierung für Menschen mit Behinderungen" in accessibility
    assert "BITV 2.0" in accessibility


async def test_publishing_without_a_draft_is_a_conflict(client, admin):
    response = await client.post(url("taunusstein", "/datenschutz/publish"))
    assert response.status_code == 409 and response.json()["errors"][0]["field"] == "body"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/impressum/draft", {"body": "x" * 60_001}, "body"),
        ("/impressum/draft", {"body": "   "}, "body"),
        ("/impressum/draft", {}, "body"),
        ("/impressum/draft", {"body": "ok", "html": "<b>"}, "html"),
        ("/details", {"vat_id": "123"}, "vat_id"),
        ("/details", {"representative": "x" * 201}, "representative"),
    ],
)
async def test_bad_input_is_refused_naming_the_field_and_changes_nothing(client, admin, path, body, field):
    response = await client.put(url("taunusstein", path), json=body)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]
    overview = (await client.get(url("taunusstein", "/admin"))).json()
    assert overview["pages"][0]["version"] is None and overview["details"]["vat_id"] == ""


async def test_an_unknown_page_is_not_found(client, admin):
    assert (await client.get(url("taunusstein", "/agb"))).status_code == 404
    assert (await client.put(url("taunusstein", "/agb/draft"), json={"body": "x"})).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", *NOT_EDITORS])
async def test_only_the_municipalitys_admin_edits_but_everyone_reads_published_pages(client, taunusstein, who):
    await person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein)
    await logged_in(client, ADMIN)
    await publish(client, "taunusstein", "impressum", "Veröffentlicht")
    await client.put(url("taunusstein", "/datenschutz/draft"), json={"body": "Entwurf"})
    await log_out(client)
    await as_role(client, who, taunusstein)
    expected = 401 if who == "anonymous" else 403
    assert (await client.put(url("taunusstein", "/impressum/draft"), json={"body": "Fremd"})).status_code == expected
    assert (await client.post(url("taunusstein", "/datenschutz/publish"))).status_code == expected
    assert (await client.get(url("taunusstein", "/admin"))).status_code == expected
    assert (await client.get(url("taunusstein", "/datenschutz/draft"))).status_code == expected
    assert (await client.get(url("taunusstein", "/impressum/template"))).status_code == expected
    assert (await client.put(url("taunusstein", "/details"), json={"vat_id": ""})).status_code == expected
    assert "Veröffentlicht" in (await client.get(url("taunusstein", "/impressum"))).json()["html"]
    assert (await client.get(url("taunusstein", "/datenschutz"))).status_code == 404  # the draft stays hidden
