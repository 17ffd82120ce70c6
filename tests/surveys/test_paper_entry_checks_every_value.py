"""Paper entry skips only the required check: a hidden question's answer and an "other" text keep their form."""

from geo.roles import Role
from surveys.tables import SurveyResponse
from tests.factories import logged_in, person
from tests.surveys.helpers import ADMIN, GOOD, admin_in, definition, open_survey, url


def _with_rating() -> list:
    sections = definition()["sections"]
    rating = {
        "code": "rating",
        "type": "scale",
        "text": {"de": "Wie gut war es?", "en": "How good was it?"},
        "condition": {"question": "used_online", "value": True},
    }
    sections[0]["questions"].append(rating)
    return sections


async def test_a_paper_answer_to_a_hidden_question_must_still_have_its_form_and_results_stay_up(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, sections=_with_rating())
    await person("staff@example.org", roles=(Role.STAFF,), municipality=taunusstein)
    await logged_in(client, "staff@example.org")
    entry = {"answers": {"used_online": False, "rating": "abc"}, "channel": "paper", "audience": "residents"}
    entered = await client.post(url(f"/{survey_id}/paper"), json=entry)
    assert entered.status_code == 422, entered.text
    assert [e["field"] for e in entered.json()["errors"]] == ["rating"]
    long_other = {"answers": {"used_online": True, "which_service_other": "x" * 301}, "channel": "paper"}
    entered = await client.post(url(f"/{survey_id}/paper"), json={**long_other, "audience": "residents"})
    assert entered.status_code == 422, entered.text
    assert [e["field"] for e in entered.json()["errors"]] == ["which_service_other"]
    fine = {"answers": {"used_online": False, "rating": 4}, "channel": "paper", "audience": "residents"}
    assert (await client.post(url(f"/{survey_id}/paper"), json=fine)).status_code == 201
    assert await SurveyResponse.count() == 1
    await logged_in(client, ADMIN)
    assert (await client.get(url(f"/{survey_id}/results"))).status_code == 200


async def test_an_online_answer_with_a_long_other_text_and_no_choice_is_refused(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    answers = {**GOOD, "which_service": [], "which_service_other": "x" * 301}
    answered = await client.post(url(f"/{survey_id}/responses"), json={"answers": answers})
    assert answered.status_code == 422, answered.text
    assert [e["field"] for e in answered.json()["errors"]] == ["which_service_other"]
