"""A multipart upload without its file part is a 422 naming the field, not a 500."""

from __future__ import annotations

from tests.factories import logged_in
from tests.proposals.factories import admin_of, consultation

M = "/api/v1/municipalities/taunusstein"


async def test_a_cover_upload_without_its_file_names_the_field(client, taunusstein):
    admin = await admin_of(taunusstein)
    consultation_id = await consultation(taunusstein, admin)
    await logged_in(client, "admin@taunusstein.example")
    for files in ({"note": (None, "kein Bild")}, {"data": (None, "kein Bild")}):
        response = await client.put(f"{M}/consultations/{consultation_id}/cover", files=files)
        assert response.status_code == 422, response.text
        assert "data" in [e["field"] for e in response.json()["errors"]]
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_report_without_its_json_part_names_the_field(client, taunusstein):
    response = await client.post(f"{M}/reports", files={"photos": ("a.jpg", b"not really", "image/jpeg")})
    assert response.status_code == 422, response.text
    assert "report" in [e["field"] for e in response.json()["errors"]]
