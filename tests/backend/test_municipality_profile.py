"""The municipality profile: only its own admins read and change it; residents see the result everywhere.

Refused input (a colour too light for white text, a phone number of letters, an unknown licence, a file that is
not a picture) is a 422 naming the field, and nothing changes, not even the valid fields of the same request.
"""

import io

import pytest
from PIL import Image, PngImagePlugin

from geo.profile import contrast_ratio, default_council_name
from geo.roles import Role
from geo.services import create_from_ags
from moderation.tables import AuditEntry
from tests.factories import logged_in, person

PROFILE = "/api/v1/municipalities/taunusstein/profile"
PUBLIC = "/api/v1/municipalities/taunusstein"
CHANGE = {
    "name": "Stadt Taunusstein",
    "contact_address": "Aarstraße 150\n65232 Taunusstein",
    "contact_phone": "+49 6128 241-0",
    "contact_email": "rathaus@taunusstein.example",
    "opening_hours": ["Mo–Fr 8–12 Uhr", "  ", "Do 14–18 Uhr"],
    "council_name": "Gemeindevertretung",
    "brand_color": "#7A1F3D",
    "open_data_licence": "CC-BY-4.0",
    "tiles_enabled": False,
}


def png(size: tuple[int, int] = (64, 80), *, comment: str = "") -> bytes:
    """A transparent coat of arms with a text chunk (metadata that must not survive)."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((180, 20, 40, 255), (8, 8, size[0] - 8, size[1] - 8))
    info = PngImagePlugin.PngInfo()
    if comment:
        info.add_text("Comment", comment)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def logo_form(content: bytes, name: str = "wappen.png", kind: str = "image/png") -> dict:
    return {"data": (name, content, kind)}


@pytest.fixture
async def town(taunusstein):
    await person("admin@example.org", roles=(Role.ADMIN,), municipality=taunusstein)
    return taunusstein


async def as_role(client, municipality, role: str | None) -> None:
    """Log in as someone holding `role` in `municipality` (None: stay anonymous; 'other-admin': Usingen's admin)."""
    if role is None:
        return
    if role == "other-admin":
        usingen = await create_from_ags("06434011")
        await person("admin@usingen.example", roles=(Role.ADMIN,), municipality=usingen)
        await logged_in(client, "admin@usingen.example")
        return
    await person(f"{role}@example.org", roles=(Role(role),), municipality=municipality)
    await logged_in(client, f"{role}@example.org")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 401),
        ("resident", 403),
        ("staff", 403),
        ("moderator", 403),
        ("council", 403),
        ("other-admin", 403),
        ("admin", 200),
    ],
)
async def test_only_the_municipalitys_own_admins_read_and_change_the_profile(client, taunusstein, role, status):
    await as_role(client, taunusstein, role)
    read = await client.get(PROFILE)
    change = await client.patch(PROFILE, json={"council_name": "Gemeindevertretung"})
    upload = await client.put(f"{PROFILE}/logo", files=logo_form(png()))
    remove = await client.delete(f"{PROFILE}/logo")
    assert [read.status_code, change.status_code, upload.status_code, remove.status_code] == [status] * 4
    council = (await client.get(PUBLIC)).json()["council_name"]
    assert council == ("Gemeindevertretung" if status == 200 else "Stadtverordnetenversammlung")


async def test_an_admin_changes_the_profile_and_residents_see_it(client, town):
    await logged_in(client, "admin@example.org")
    response = await client.patch(PROFILE, json=CHANGE)
    assert response.status_code == 200, response.text
    profile = response.json()
    assert profile["opening_hours"] == ["Mo–Fr 8–12 Uhr", "Do 14–18 Uhr"]  # blank lines dropped
    assert profile["brand_color"] == "#7a1f3d"
    await client.post("/api/v1/auth/logout")
    public = (await client.get(PUBLIC)).json()
    assert public["name"] == "Stadt Taunusstein" and public["contact_phone"] == "+49 6128 241-0"
    assert public["contact_address"] == "Aarstraße 150\n65232 Taunusstein"
    assert public["opening_hours"] == ["Mo–Fr 8–12 Uhr", "Do 14–18 Uhr"]
    assert public["council_name"] == "Gemeindevertretung" and public["tiles_enabled"] is False
    listed = (await client.get("/api/v1/municipalities")).json()[0]
    assert listed["brand_color"] == "#7a1f3d" and listed["tiles_enabled"] is False


async def test_leaving_fields_out_keeps_them_and_an_empty_contact_removes_it(client, town):
    await logged_in(client, "admin@example.org")
    await client.patch(PROFILE, json=CHANGE)
    response = await client.patch(PROFILE, json={"contact_phone": "", "contact_email": ""})
    assert response.status_code == 200, response.text
    profile = response.json()
    assert profile["contact_phone"] == "" and profile["contact_email"] == ""
    assert profile["council_name"] == "Gemeindevertretung" and profile["open_data_licence"] == "CC-BY-4.0"


async def test_each_change_is_in_the_audit_log_with_before_and_after(client, town):
    await logged_in(client, "admin@example.org")
    await client.patch(PROFILE, json={"brand_color": "#7a1f3d"})
    await client.patch(PROFILE, json={"brand_color": "#7a1f3d"})  # no change, no entry
    await client.put(f"{PROFILE}/logo", files=logo_form(png()))
    entries = await AuditEntry.select(AuditEntry.action, AuditEntry.before, AuditEntry.after).order_by(AuditEntry.id)
    assert [e["action"] for e in entries] == ["profile_changed", "logo_changed"]
    assert '"#7a1f3d"' in entries[0]["after"] and '"#005a8c"' in entries[0]["before"]


@pytest.mark.parametrize(
    ("change", "field", "german"),
    [
        ({"brand_color": "blue"}, "brand_color", "#rrggbb"),
        ({"brand_color": "#777777"}, "brand_color", "4,4:1"),  # 4.48:1 against white: just too light
        ({"brand_color": "#ffd700"}, "brand_color", "dunklere Farbe"),
        ({"contact_phone": "ruf mich an"}, "contact_phone", "Telefonnummer"),
        ({"contact_phone": "+49 (0) 6128 <script>"}, "contact_phone", "Telefonnummer"),
        ({"contact_email": "rathaus@"}, "contact_email", "E-Mail-Adresse"),
        ({"opening_hours": ["Mo"] * 15}, "opening_hours", "14 Zeilen"),
        ({"opening_hours": ["x" * 121]}, "opening_hours", "120 Zeichen"),
        ({"open_data_licence": "MIT"}, "open_data_licence", "Erlaubt sind nur"),
        ({"council_name": "  "}, "council_name", "Mindestens"),
        ({"name": ""}, "name", "Mindestens"),
        ({"tiles_enabled": "vielleicht"}, "tiles_enabled", ""),
        ({"ags": "06414000"}, "ags", "nicht vorgesehen"),
    ],
)
async def test_bad_input_is_a_422_naming_the_field_and_nothing_changes(client, town, change, field, german):
    await logged_in(client, "admin@example.org")
    before = (await client.get(PROFILE)).json()
    response = await client.patch(PROFILE, json={"council_name": "Gemeindevertretung", **change})
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == [field]
    assert german in errors[0]["detail_de"]
    assert (await client.get(PROFILE)).json() == before


async def test_every_refused_field_is_named_at_once(client, town):
    await logged_in(client, "admin@example.org")
    response = await client.patch(PROFILE, json={"brand_color": "#eeeeee", "contact_phone": "abc", "name": ""})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"brand_color", "contact_phone", "name"}


async def test_the_logo_is_reencoded_without_metadata_and_served_from_our_origin(client, town, settings):
    await logged_in(client, "admin@example.org")
    response = await client.put(f"{PROFILE}/logo", files=logo_form(png(comment="Max Mustermann, 50.1 N 8.2 E")))
    assert response.status_code == 200, response.text
    url = response.json()["logo_url"]
    assert url.startswith("/api/v1/municipalities/taunusstein/logo?v=")
    await client.post("/api/v1/auth/logout")
    assert (await client.get(PUBLIC)).json()["logo_url"] == url
    served = await client.get(url)
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    assert b"Mustermann" not in served.content
    image = Image.open(io.BytesIO(served.content))
    assert image.format == "PNG" and image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0  # still transparent
    assert not image.text


async def test_a_new_logo_replaces_the_old_file_and_removing_it_ends_the_address(client, town, settings):
    await logged_in(client, "admin@example.org")
    first = (await client.put(f"{PROFILE}/logo", files=logo_form(png()))).json()["logo_url"]
    second = (await client.put(f"{PROFILE}/logo", files=logo_form(png((900, 600))))).json()["logo_url"]
    assert first != second
    assert len(list(settings.media_dir.glob("logo-*.png"))) >= 1
    assert Image.open(io.BytesIO((await client.get(second)).content)).size == (512, 341)  # scaled to 512 px
    removed = await client.delete(f"{PROFILE}/logo")
    assert removed.status_code == 200 and removed.json()["logo_url"] == ""
    assert (await client.get(second)).status_code == 404
    assert (await client.get(PUBLIC)).json()["logo_url"] == ""


@pytest.mark.parametrize(
    ("content", "name", "kind", "german"),
    [
        (b"%PDF-1.4 not a picture", "wappen.png", "image/png", "JPEG, PNG oder WebP"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "wappen.svg", "image/svg+xml", "JPEG, PNG oder WebP"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024), "gross.png", "image/png", "2 MB"),
    ],
)
async def test_a_logo_that_is_no_picture_or_too_large_is_refused_and_nothing_changes(
    client, town, content, name, kind, german
):
    await logged_in(client, "admin@example.org")
    await client.put(f"{PROFILE}/logo", files=logo_form(png()))
    before = (await client.get(PROFILE)).json()
    response = await client.put(f"{PROFILE}/logo", files=logo_form(content, name, kind))
    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert error["field"] == "logo" and german in error["detail_de"]
    assert (await client.get(PROFILE)).json() == before


async def test_an_upload_without_a_file_names_the_missing_part(client, town):
    await logged_in(client, "admin@example.org")
    response = await client.put(f"{PROFILE}/logo", files={"other": ("x.txt", b"x", "text/plain")})
    assert response.status_code == 422
    assert any(e["field"] == "data" for e in response.json()["errors"])


async def test_a_municipality_without_a_logo_answers_404_for_it(client, town):
    assert (await client.get("/api/v1/municipalities/taunusstein/logo")).status_code == 404
    assert (await client.get("/api/v1/municipalities/atlantis/logo")).status_code == 404


async def test_english_clients_read_the_refusal_in_english(client, town):
    await logged_in(client, "admin@example.org")
    response = await client.patch(PROFILE, json={"brand_color": "#999999"}, headers={"Accept-Language": "en"})
    error = response.json()["errors"][0]
    assert "below 4.5:1" in error["detail_en"] and "2.8:1" in error["detail_en"]


def test_contrast_follows_the_wcag_formula():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#005a8c", "#ffffff") == contrast_ratio("#ffffff", "#005a8c")


def test_the_council_name_follows_the_designation_and_defaults_to_the_towns():
    assert default_council_name({"bez": "Stadt"}) == "Stadtverordnetenversammlung"
    assert default_council_name({"bez": "Kreisfreie Stadt"}) == "Stadtverordnetenversammlung"
    assert default_council_name({"bez": "Gemeinde"}) == "Gemeindevertretung"
    assert default_council_name({"kind": "gemeinde"}) == "Stadtverordnetenversammlung"  # the layer, not the kind


async def test_a_new_municipality_starts_with_the_default_profile(client, db):
    await create_from_ags("06434011")
    body = (await client.get("/api/v1/municipalities/usingen")).json()
    assert body["council_name"] == "Stadtverordnetenversammlung" and body["tiles_enabled"] is True
    assert body["opening_hours"] == [] and body["logo_url"] == ""


async def test_refusals_name_the_profiles_council(client, town):
    await logged_in(client, "admin@example.org")
    await client.patch(PROFILE, json={"council_name": "Gemeindevertretung"})
    await client.post("/api/v1/auth/logout")
    response = await client.get(
        "/api/v1/municipalities/taunusstein/defect-statistics.pdf", params={"from": "2026-01-05", "to": "2026-01-20"}
    )
    assert response.status_code == 403
    assert "„Gemeindevertretung“" in response.json()["detail"]
