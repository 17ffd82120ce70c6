"""The survey's printed documents, read back with poppler: tagged PDF/UA, numbers as in the database, only
approved free text; the questionnaire from the same definition; letters with their codes and a QR code."""

import asyncio
import subprocess

import pytest

from geo.roles import Role
from surveys.keys import code_hash, new_code
from surveys.storage import load_responses
from surveys.tables import InvitationCode
from tests.factories import logged_in, person
from tests.survey_results.factories import set_status, stored_responses, stored_survey
from tests.survey_results.sample import DEFINITION, RECORDS, record


def read(content: bytes, tmp_path, name: str = "doc.pdf") -> tuple[dict[str, str], str]:
    path = tmp_path / name
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in fields.items()}, " ".join(text.replace("\u202f", " ").split())


@pytest.fixture
async def town(taunusstein):
    await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=taunusstein)
    await person("rat@taunusstein.example", roles=(Role.COUNCIL,), municipality=taunusstein)
    await person("bauhof@taunusstein.example", roles=(Role.STAFF,), municipality=taunusstein)
    await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    sid = await stored_survey(taunusstein.id, DEFINITION, status="closed")
    more = [record(100 + i, {"often": "daily", "happy": 3}) for i in range(6)]
    await stored_responses(sid, [*RECORDS, *more], ["notes", "channels_other"])
    return sid


def url(sid: int, tail: str) -> str:
    return f"/api/v1/municipalities/taunusstein/surveys/{sid}/{tail}"


async def test_the_council_report_is_tagged_and_its_numbers_are_the_databases(client, town, tmp_path):
    await logged_in(client, "rat@taunusstein.example")
    draft = await client.get(url(town, "report.pdf"))
    assert draft.status_code == 200 and draft.headers["content-type"] == "application/pdf"
    info, text = read(draft.content, tmp_path)
    assert info["Tagged"] == "yes" and int(info["Pages"]) >= 3
    assert "ENTWURF" in text
    records = await load_responses(town)
    daily = sum(1 for r in records if r.answers.get("often") == "daily")
    assert (len(records), daily) == (12, 9)
    assert f"Antworten {len(records)}" in text  # the cover's key figures
    assert f"täglich {daily} 75,0 %" in text and "wöchentlich 2 16,7 %" in text
    # per audience and channel (method): residents 10 of 12 (businesses 1, staff 1 left out), paper 1
    assert "Einwohnerinnen und Einwohner" in text and "10 83,3 %" in text and "Papier 1 8,3 %" in text
    # scale: 5, 4, 4, 1, 2 and six times 3 → 16 + 18 = 34 / 11 = 3,09
    assert "Mittelwert: 3,09" in text
    # the groups compared: residents 8 daily (80 %), the rest hidden
    assert "Einwohnerinnen und Einwohner (n = 10)" in text and "8 (80,0 %)" in text and "< 5" in text
    assert "Unternehmen (weniger als 5)" in text
    assert "Mehr WLAN" in text and "Zeitung" in text and "0171" not in text  # only approved free text
    assert "Die Umfrage war anonym" in text


async def test_published_it_is_for_everyone_without_the_draft_mark_and_in_english(client, town, tmp_path):
    assert (await client.get(url(town, "report.pdf"))).status_code == 403
    await set_status(town, "results_published")
    english = await client.get(url(town, "report.pdf"), params={"lang": "en"})
    info, text = read(english.content, tmp_path)
    assert info["Tagged"] == "yes" and "DRAFT" not in text and "ENTWURF" not in text
    assert "Survey results report" in text
    assert "Residents" in text and "10 83,3 %" in text and "The survey was anonymous" in text


async def test_a_burst_of_requests_for_the_published_report_lays_it_out_once(client, town, tmp_path, monkeypatch):
    from backend.documents import survey as documents

    layouts = []
    original = documents.render_report

    async def counted(*args, **kwargs):
        layouts.append(kwargs.get("lang"))
        return await original(*args, **kwargs)

    monkeypatch.setattr(documents, "render_report", counted)
    await logged_in(client, "rat@taunusstein.example")
    draft = await client.get(url(town, "report.pdf"))
    assert "ENTWURF" in read(draft.content, tmp_path)[1]
    await client.post("/api/v1/auth/logout")
    await set_status(town, "results_published")
    layouts.clear()
    burst = await asyncio.gather(*(client.get(url(town, "report.pdf")) for _ in range(6)))
    assert {answer.status_code for answer in burst} == {200} and len({answer.content for answer in burst}) == 1
    assert "ENTWURF" not in read(burst[0].content, tmp_path)[1]  # published: not the council's draft again
    assert layouts == ["de"]  # six people asked, one layout ran


async def test_the_paper_questionnaire_has_a_box_per_choice_and_sections_as_headings(client, town, tmp_path):
    await logged_in(client, "bauhof@taunusstein.example")
    response = await client.get(url(town, "questionnaire.pdf"))
    assert response.status_code == 200
    info, text = read(response.content, tmp_path)
    assert info["Tagged"] == "yes"
    assert "Nutzung" in text and "Prioritäten" in text
    assert "1. Wie oft nutzen Sie Online-Dienste? (Pflichtfrage)" in text
    assert "☐ täglich ☐ wöchentlich ☐ nie" in text
    assert "Mehrere Antworten möglich" in text and "☐ Sonstiges, und zwar:" in text
    # boxes: often 3 + channels 4 + happy 5 + matrix 2×5 + knows 2 = 24
    assert text.count("☐") == 24
    assert "zwischen 14 und 120" in text
    await client.post("/api/v1/auth/logout")
    assert (await client.get(url(town, "questionnaire.pdf"))).status_code == 403  # closed: staff only
    await set_status(town, "open")
    assert (await client.get(url(town, "questionnaire.pdf"))).status_code == 200  # open: anyone may print it


async def test_invitation_letters_carry_each_issued_code_and_refuse_others(client, town, tmp_path):
    codes = [new_code(), new_code()]
    for code in codes:
        await InvitationCode.insert(InvitationCode(survey=town, audience="businesses", code_hash=code_hash(town, code)))
    await logged_in(client, "admin@taunusstein.example")
    body = {"codes": codes, "text": "Wir laden Ihr Unternehmen ein.\n\nDie Umfrage dauert zehn Minuten."}
    response = await client.post(url(town, "invitation-letters.pdf"), json=body)
    assert response.status_code == 200, response.text
    info, text = read(response.content, tmp_path)
    assert info["Tagged"] == "yes" and info["Pages"] == "2"
    assert all(code in text for code in codes) and "Die Umfrage dauert zehn Minuten." in text
    assert f"/#/m/taunusstein/surveys/{town}" in text
    made_up = await client.post(url(town, "invitation-letters.pdf"), json={"codes": [codes[0], "AAAA-BBBB-CC"]})
    assert made_up.status_code == 422 and made_up.json()["errors"][0]["field"] == "codes[1]"
    for who in ["rat@taunusstein.example", "bauhof@taunusstein.example", "anna@example.org"]:
        await client.post("/api/v1/auth/logout")
        await logged_in(client, who)
        assert (await client.post(url(town, "invitation-letters.pdf"), json=body)).status_code == 403


def test_the_qr_code_is_an_image_with_a_text_alternative():
    from backend.documents.survey import qr_svg

    svg = qr_svg("http://stadtstimme.test/#/m/taunusstein/surveys/1?code=ABCD-EFGH-JK", "QR-Code")
    assert svg.startswith('<svg role="img" aria-label="QR-Code"') and "<title>QR-Code</title>" in svg
