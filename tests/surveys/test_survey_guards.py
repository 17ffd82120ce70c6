"""Who may build, see, open and type in: one row per role, and an admin of another town."""

import pytest

from tests.legal.helpers import as_role
from tests.surveys.helpers import admin_in, definition, log_out, open_survey, url

ROLES = ["anonymous", "resident", "staff", "moderator", "council", "admin", "other-admin"]
PAPER = {"answers": {"used_online": False}, "channel": "paper", "audience": "residents"}


@pytest.mark.parametrize("who", ROLES)
async def test_only_the_towns_admins_build_and_only_its_staff_type_in(client, taunusstein, who):
    await admin_in(client, taunusstein)
    open_id = await open_survey(client)
    draft = await client.post(url("/"), json={"definition": definition()})
    draft_id = draft.json()["id"]
    await log_out(client)
    await as_role(client, who, taunusstein)

    created = await client.post(url("/"), json={"definition": definition()})
    assert created.status_code == (201 if who == "admin" else 401 if who == "anonymous" else 403)
    listed = {s["id"] for s in (await client.get(url("/"))).json()}
    assert listed == ({open_id, draft_id, created.json().get("id")} if who == "admin" else {open_id})
    seen_draft = await client.get(url(f"/{draft_id}"))
    assert seen_draft.status_code == (200 if who == "admin" else 404)
    counts = (await client.get(url(f"/{open_id}"))).json()["counts"]
    assert (counts is not None) == (who in ("admin", "staff"))
    codes = await client.post(url(f"/{open_id}/codes"), json={"audience": "staff", "count": 2})
    assert codes.status_code == (201 if who == "admin" else 401 if who == "anonymous" else 403)
    closed = await client.post(url(f"/{open_id}/close"))
    assert closed.status_code == (200 if who == "admin" else 401 if who == "anonymous" else 403)
    paper = await client.post(url(f"/{open_id}/paper"), json=PAPER)
    assert paper.status_code == (201 if who in ("admin", "staff") else 401 if who == "anonymous" else 403)
    deleted = await client.delete(url(f"/{draft_id}"))
    assert deleted.status_code == (204 if who == "admin" else 401 if who == "anonymous" else 403)


async def test_another_towns_surveys_are_not_found_here(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    await log_out(client)
    await as_role(client, "other-admin", taunusstein)
    assert (await client.get(url(f"/{survey_id}", slug="wiesbaden"))).status_code == 404
    assert (await client.post(url(f"/{survey_id}/close", slug="wiesbaden"))).status_code == 404
    assert (await client.get(url("/", slug="wiesbaden"))).json() == []


async def test_the_status_moves_only_along_its_steps_and_a_closed_survey_takes_no_answers(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    assert (await client.post(url(f"/{survey_id}/publish"))).status_code == 409
    assert (await client.put(url(f"/{survey_id}"), json={"definition": definition()})).status_code == 409
    assert (await client.post(url(f"/{survey_id}/close"))).json()["status"] == "closed"
    refused = await client.post(url(f"/{survey_id}/responses"), json={"answers": {}})
    assert refused.status_code == 403 and refused.json()["type"] == "/problems/survey-not-open"
    assert (await client.post(url(f"/{survey_id}/publish"))).json()["status"] == "results_published"


async def test_a_definition_with_a_condition_on_a_later_question_is_refused_with_a_named_field(client, taunusstein):
    await admin_in(client, taunusstein)
    broken = definition()
    broken["sections"][0]["questions"][0]["condition"] = {"question": "which_service", "value": "kfz"}
    answered = await client.post(url("/"), json={"definition": broken})
    assert answered.status_code == 422
    assert "earlier question" in answered.text
    twice = definition()
    twice["sections"][1]["questions"][0]["code"] = "used_online"
    assert (await client.post(url("/"), json={"definition": twice})).status_code == 422
