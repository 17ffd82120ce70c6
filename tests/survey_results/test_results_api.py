"""Who sees a survey's results when: admins live, the council once closed, everyone once published; raw data
only for admins; another municipality's people see nothing of it."""

import csv
import io

import pytest

from geo.roles import Role
from geo.services import create_from_ags
from surveys.definition import FREE_TEXT_TYPES
from tests.factories import logged_in, person
from tests.survey_results.factories import set_status, stored_responses, stored_survey
from tests.survey_results.sample import DEFINITION, RECORDS, record

FREE_TEXT = ["notes", "channels_other"]
ROLES = {
    "admin": Role.ADMIN,
    "council": Role.COUNCIL,
    "staff": Role.STAFF,
    "moderator": Role.MODERATOR,
    "resident": Role.RESIDENT,
}


@pytest.fixture
async def town(taunusstein):
    """The six sample responses and six more residents (all "daily"), so the residents' column shows figures."""
    for name, role in ROLES.items():
        await person(f"{name}@taunusstein.example", roles=(role,), municipality=taunusstein)
    wiesbaden = await create_from_ags("06414000")
    await person("admin@wiesbaden.example", roles=(Role.ADMIN,), municipality=wiesbaden)
    sid = await stored_survey(taunusstein.id, DEFINITION)
    more = [record(100 + i, {"often": "daily", "happy": 3}) for i in range(6)]
    await stored_responses(sid, [*RECORDS, *more], FREE_TEXT)
    return sid


def url(sid: int, tail: str = "results", slug: str = "taunusstein") -> str:
    return f"/api/v1/municipalities/{slug}/surveys/{sid}/{tail}"


async def as_(client, who: str | None) -> None:
    await client.post("/api/v1/auth/logout")
    if who:
        await logged_in(client, who if "@" in who else f"{who}@taunusstein.example")


async def test_while_open_only_admins_see_live_counts(client, town):
    await as_(client, "admin")
    live = (await client.get(url(town))).json()
    assert live["view"] == "live" and live["breakdown"]["total"] == 12
    often = next(q for q in live["questions"] if q["code"] == "often")
    assert [(r["code"], r["count"]) for r in often["rows"]] == [("daily", 9), ("weekly", 2), ("never", 1)]
    for who in ["council", "staff", "moderator", "resident", None, "admin@wiesbaden.example"]:
        await as_(client, who)
        refused = await client.get(url(town))
        assert refused.status_code == 403, who
        assert "nicht veröffentlicht" in refused.json()["detail"]
        assert (await client.get(url(town, "results/crosstab"))).status_code == 403


async def test_once_closed_the_council_sees_them_and_once_published_everyone(client, town):
    await set_status(town, "closed")
    await as_(client, "council")
    assert (await client.get(url(town))).json()["view"] == "internal"
    await as_(client, "resident")
    assert (await client.get(url(town))).status_code == 403
    await set_status(town, "results_published")
    for who in [None, "resident", "staff", "council", "admin@wiesbaden.example"]:
        await as_(client, who)
        response = await client.get(url(town))
        assert response.status_code == 200, who
        assert response.json()["view"] == "published"


async def test_published_results_show_only_approved_free_text_and_hide_small_cells(client, town):
    await set_status(town, "results_published")
    await as_(client, None)
    body = (await client.get(url(town), params={"lang": "en"})).json()
    notes = next(q for q in body["questions"] if q["code"] == "notes")
    assert [t["text"] for t in notes["texts"]] == ["Mehr WLAN", '=HYPERLINK("http://evil.example")']
    assert "0171" not in str(body)
    # businesses 1 and staff 1 respondent: left out of the published respondents per audience
    assert [r["label"] for r in body["breakdown"]["audience"]] == ["Residents"]
    often = next(t for t in body["by_audience"] if t["code"] == "often")
    residents, businesses, staff = often["groups"]
    # residents 10: daily 8, weekly 2, never 0 → 2 and 0 are under five; businesses 1 and staff 1: no figures
    assert (residents["label"], residents["n"], [c["display"] for c in residents["cells"]]) == (
        "Residents",
        10,
        ["8", "< 5", "< 5"],
    )
    assert (businesses["n"], staff["n"]) == (None, None)
    tab = (await client.get(url(town, "results/crosstab"), params={"by": "district"})).json()
    assert [g["label"] for g in tab[0]["groups"]] == ["ohne Angabe", "Hahn", "Wehen"]


async def test_a_draft_survey_has_no_results_address_but_for_admins(client, town):
    await set_status(town, "draft")
    await as_(client, "council")
    assert (await client.get(url(town))).status_code == 404
    await as_(client, "admin")
    assert (await client.get(url(town))).status_code == 200


async def test_another_municipality_never_reaches_the_survey(client, town):
    await set_status(town, "results_published")
    await as_(client, "admin@wiesbaden.example")
    assert (await client.get(url(town, slug="wiesbaden"))).status_code == 404
    assert (await client.get(url(town, "export.csv", slug="wiesbaden"))).status_code == 404
    assert (await client.get(url(town, "export.csv"))).status_code == 403


async def test_only_admins_download_the_raw_data(client, town):
    await set_status(town, "results_published")
    for who in [None, "resident", "staff", "moderator", "council"]:
        await as_(client, who)
        for tail in ["export.csv", "export.xlsx", "codebook.csv", "codebook.sps"]:
            assert (await client.get(url(town, tail))).status_code in (401, 403), (who, tail)
    await as_(client, "admin")
    response = await client.get(url(town, "export.csv"))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert len(rows) == 12 and rows[0]["nr"] == "1" and rows[0]["often"] == "1"
    assert "0171" not in response.text
    assert (await client.get(url(town, "export.xlsx"))).content[:2] == b"PK"
    assert "VALUE LABELS" in (await client.get(url(town, "codebook.sps"))).text


async def test_bad_parameters_are_422_naming_them_and_unknown_surveys_404(client, town):
    await as_(client, "admin")
    bad = await client.get(url(town, "results/crosstab"), params={"by": "age"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "by"
    assert (await client.get(url(town, "export.csv"), params={"coding": "x"})).status_code == 422
    assert (await client.get(url(999))).status_code == 404


def test_the_sample_has_free_text_questions():
    assert any(q.type in FREE_TEXT_TYPES for q in DEFINITION.questions())
