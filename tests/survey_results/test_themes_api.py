"""Staff sort approved free-text answers into themes; the results, the council's PDF and the exports count them.
Only staff and admins of the municipality tag; nobody else reaches the tagging endpoints or unapproved texts."""

import csv
import io
import subprocess

import pytest

from geo.roles import Role
from geo.services import create_from_ags
from tests.factories import logged_in, person
from tests.survey_results.factories import set_status, stored_responses, stored_survey
from tests.survey_results.sample import DEFINITION, RECORDS, record

ROLES = {
    "admin": Role.ADMIN,
    "council": Role.COUNCIL,
    "staff": Role.STAFF,
    "moderator": Role.MODERATOR,
    "resident": Role.RESIDENT,
}


@pytest.fixture
async def town(taunusstein):
    for name, role in ROLES.items():
        await person(f"{name}@taunusstein.example", roles=(role,), municipality=taunusstein)
    wiesbaden = await create_from_ags("06414000")
    await person("admin@wiesbaden.example", roles=(Role.ADMIN,), municipality=wiesbaden)
    sid = await stored_survey(taunusstein.id, DEFINITION)
    more = [record(100 + i, {"often": "daily", "happy": 3}) for i in range(6)]
    await stored_responses(sid, [*RECORDS, *more], ["notes", "channels_other"])
    return sid


def url(sid: int, tail: str, slug: str = "taunusstein") -> str:
    return f"/api/v1/municipalities/{slug}/surveys/{sid}/{tail}"


async def as_(client, who: str | None) -> None:
    await client.post("/api/v1/auth/logout")
    if who:
        await logged_in(client, who if "@" in who else f"{who}@taunusstein.example")


async def themed(client, sid: int) -> dict[str, int]:
    """As staff: two themes, "Mehr WLAN" in both, the spreadsheet formula in "Netz"; returns the theme ids."""
    await as_(client, "staff")
    netz = await client.post(url(sid, "themes"), json={"label": {"de": "Netz", "en": "Network"}})
    assert netz.status_code == 201, netz.text
    wunsch = await client.post(url(sid, "themes"), json={"label": {"de": "Wünsche", "en": ""}})
    ids = {"netz": netz.json()["id"], "wunsch": wunsch.json()["id"]}
    texts = {a["text"]: a for a in (await client.get(url(sid, "free-texts"))).json()}
    tagged = await client.put(
        url(sid, f"free-texts/{texts['Mehr WLAN']['id']}/themes"), json={"themes": [ids["wunsch"], ids["netz"]]}
    )
    assert tagged.status_code == 200, tagged.text
    assert tagged.json()["themes"] == sorted(ids.values())
    formula = texts['=HYPERLINK("http://evil.example")']["id"]
    assert (
        await client.put(url(sid, f"free-texts/{formula}/themes"), json={"themes": [ids["netz"]]})
    ).status_code == 200
    return ids


async def test_staff_tag_approved_answers_and_the_results_count_them_per_question(client, town):
    ids = await themed(client, town)
    listed = (await client.get(url(town, "free-texts"))).json()
    assert sorted(a["text"] for a in listed) == ['=HYPERLINK("http://evil.example")', "Mehr WLAN", "Zeitung"]
    assert "0171" not in str(listed)  # pending answers are never listed, not even for staff
    assert {a["key"]: a["question"] for a in listed} == {"notes": "notes", "channels_other": "channels"}
    themes = (await client.get(url(town, "themes"))).json()
    assert [(t["label"]["de"], t["label"]["en"], t["answers"]) for t in themes] == [
        ("Netz", "Network", 2),
        ("Wünsche", None, 1),
    ]

    await set_status(town, "results_published")
    await as_(client, None)
    body = (await client.get(url(town, "results"))).json()
    notes = next(q for q in body["questions"] if q["code"] == "notes")
    assert [(c["label"], c["count"]) for c in notes["themes"]] == [("Netz", 2), ("Wünsche", 1)]
    assert {t["text"]: t["themes"] for t in notes["texts"]}["Mehr WLAN"] == sorted(ids.values())
    english = (await client.get(url(town, "results"), params={"lang": "en"})).json()
    notes = next(q for q in english["questions"] if q["code"] == "notes")
    assert [c["label"] for c in notes["themes"]] == ["Network", "Wünsche"]  # German when English is missing
    channels = next(q for q in english["questions"] if q["code"] == "channels")
    assert channels["themes"] == []  # "Zeitung" is approved but has no theme


async def test_a_retagged_answer_and_a_deleted_theme_show_at_once_in_closed_results(client, town):
    ids = await themed(client, town)
    await set_status(town, "closed")
    first = (await client.get(url(town, "results"))).json()  # staff see closed results: they tag for the council
    assert first["view"] == "internal"
    assert len(next(q for q in first["questions"] if q["code"] == "notes")["themes"]) == 2
    assert (await client.delete(url(town, f"themes/{ids['wunsch']}"))).status_code == 204
    after = (await client.get(url(town, "results"))).json()
    assert [c["label"] for c in next(q for q in after["questions"] if q["code"] == "notes")["themes"]] == ["Netz"]
    renamed = await client.put(url(town, f"themes/{ids['netz']}"), json={"label": {"de": "Internet"}})
    assert renamed.status_code == 200 and renamed.json() == {
        "id": ids["netz"],
        "label": {"de": "Internet", "en": None},
        "answers": 2,
    }
    again = (await client.get(url(town, "results"))).json()
    assert [c["label"] for c in next(q for q in again["questions"] if q["code"] == "notes")["themes"]] == ["Internet"]


async def test_wrong_tags_are_refused_naming_the_field(client, town):
    ids = await themed(client, town)
    same = await client.post(url(town, "themes"), json={"label": {"de": " netz "}})
    assert same.status_code == 409 and same.json()["errors"][0]["field"] == "label.de"
    empty = await client.post(url(town, "themes"), json={"label": {"de": ""}})
    assert empty.status_code == 400 or empty.status_code == 422
    texts = (await client.get(url(town, "free-texts"))).json()
    unknown = await client.put(url(town, f"free-texts/{texts[0]['id']}/themes"), json={"themes": [ids["netz"], 99999]})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "themes[1]"
    assert "Thema" in unknown.json()["detail_de"]
    from surveys.tables import FreeTextAnswer

    pending = await FreeTextAnswer.select(FreeTextAnswer.id).where(FreeTextAnswer.visibility == "pending").first()
    refused = await client.put(url(town, f"free-texts/{pending['id']}/themes"), json={"themes": [ids["netz"]]})
    assert refused.status_code == 404 and refused.json()["errors"][0]["field"] == "answer_id"
    assert (await client.put(url(town, "themes/99999"), json={"label": {"de": "X"}})).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 401), ("resident", 403), ("moderator", 403), ("council", 403), ("staff", 200), ("admin", 200)],
)
async def test_only_staff_and_admins_reach_the_tagging(client, town, who, status):
    ids = await themed(client, town)
    await set_status(town, "results_published")
    await as_(client, who)
    answer = (await client.get(url(town, "results"))).json()["questions"]
    assert answer  # everyone reads the published results ...
    reads = [await client.get(url(town, "themes")), await client.get(url(town, "free-texts"))]
    assert [r.status_code for r in reads] == [status, status]  # ... but not the tagging
    made = await client.post(url(town, "themes"), json={"label": {"de": f"Neu {who}"}})
    assert made.status_code == (201 if status == 200 else status)
    renamed = await client.put(url(town, f"themes/{ids['netz']}"), json={"label": {"de": f"Netz {who}"}})
    assert renamed.status_code == status
    tag = await client.put(url(town, "free-texts/1/themes"), json={"themes": []})
    assert tag.status_code in ((200, 404) if status == 200 else (status,))
    removed = await client.delete(url(town, f"themes/{ids['wunsch']}"))
    assert removed.status_code == (204 if status == 200 else status)


async def test_another_municipalitys_admin_never_reaches_the_themes(client, town):
    ids = await themed(client, town)
    await as_(client, "admin@wiesbaden.example")
    for slug, status in (("taunusstein", 403), ("wiesbaden", 404)):
        assert (await client.get(url(town, "themes", slug))).status_code == status
        assert (await client.get(url(town, "free-texts", slug))).status_code == status
        put = await client.put(url(town, f"themes/{ids['netz']}", slug), json={"label": {"de": "Weg"}})
        assert put.status_code == status
        assert (await client.delete(url(town, f"themes/{ids['netz']}", slug))).status_code == status
    await as_(client, "staff")
    assert [t["label"]["de"] for t in (await client.get(url(town, "themes"))).json()] == ["Netz", "Wünsche"]


async def test_the_exports_carry_a_0_1_column_per_theme_and_the_codebook_names_them(client, town):
    ids = await themed(client, town)
    await as_(client, "admin")
    lines = (await client.get(url(town, "export.csv"))).text.lstrip("\ufeff")
    table = list(csv.DictReader(io.StringIO(lines)))
    netz, wunsch = f"notes_t{ids['netz']}", f"notes_t{ids['wunsch']}"
    by_text = {row["notes"]: row for row in table}
    assert (by_text["Mehr WLAN"][netz], by_text["Mehr WLAN"][wunsch]) == ("1", "1")
    assert by_text['\'=HYPERLINK("http://evil.example")'][netz] == "1"  # the formula stays text (safe cell)
    assert by_text[""][netz] == ""  # no approved text: nothing to tag, system-missing
    assert f"channels_other_text_t{ids['netz']}" in table[0]
    book = (await client.get(url(town, "codebook.csv"))).text
    assert f"{netz},Was möchten Sie uns sagen?: Thema „Netz“" in book
    english = (await client.get(url(town, "codebook.csv"), params={"lang": "en"})).text
    assert f"{netz},Anything else?: theme „Network“" in english
    xlsx = await client.get(url(town, "export.xlsx"))
    assert xlsx.status_code == 200


async def test_the_council_report_groups_the_approved_answers_by_theme_with_counts(client, town, tmp_path):
    await themed(client, town)
    await set_status(town, "closed")
    await as_(client, "council")
    pdf = await client.get(url(town, "report.pdf"))
    assert pdf.status_code == 200
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    section = text[text.index("Ausgewählte Textantworten", text.index("Vergleich der Stadtteile")) :]
    assert "Netz (2)" in section and "Wünsche (1)" in section and "Ohne Thema (1)" in section
    assert section.index("Netz (2)") < section.index("Mehr WLAN") < section.index("Wünsche (1)")
    assert "0171" not in text
    english = tmp_path / "en.pdf"
    english.write_bytes((await client.get(url(town, "report.pdf"), params={"lang": "en"})).content)
    text = " ".join(subprocess.run(["pdftotext", str(english), "-"], capture_output=True, text=True).stdout.split())
    assert "Network (2)" in text and "No theme (1)" in text
