"""A number too large for a float is the question's 422, and the results keep answering."""

from tests.surveys.helpers import GOOD, admin_in, definition, open_survey, url

HUGE = "1" + "0" * 400


def _with_amount() -> dict:
    found = definition()
    amount = {"code": "amount", "type": "number", "text": {"de": "Betrag", "en": "Amount"}, "integer": False}
    found["sections"][1]["questions"].append(amount)
    return found


async def test_a_number_with_400_digits_is_refused_naming_the_question_and_results_stay_up(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, sections=_with_amount()["sections"])
    head = {"content-type": "application/json"}
    base = '{"answers": {"used_online": false, "priorities": {"wlan": 5, "termine": 3}, "age": 40'
    for field, body in (("amount", base + ', "amount": ' + HUGE + "}}"), ("age", base.replace("40", HUGE) + "}}")):
        answered = await client.post(url(f"/{survey_id}/responses"), content=body.encode(), headers=head)
        assert answered.status_code == 422, answered.text
        assert [e["field"] for e in answered.json()["errors"]] == [field]
        saved = await client.put(url(f"/{survey_id}/draft"), content=body.encode(), headers=head)
        assert saved.status_code == 422, saved.text
    fine = await client.post(url(f"/{survey_id}/responses"), json={"answers": {**GOOD, "amount": 2.5}})
    assert fine.status_code == 201
    shown = await client.get(url(f"/{survey_id}/results"))
    assert shown.status_code == 200, shown.text
