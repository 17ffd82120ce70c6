"""Results of a closed survey are reused, but never once a response or a moderation decision changed them."""

from surveys.results import results, survey_in
from surveys.tables import FreeTextAnswer
from tests.survey_results.factories import stored_responses, stored_survey
from tests.survey_results.sample import DEFINITION, RECORDS, record


async def test_a_new_response_or_a_moderation_decision_counts_at_once(taunusstein):
    sid = await stored_survey(taunusstein.id, DEFINITION, status="results_published")
    await stored_responses(sid, RECORDS, ["notes", "channels_other"])
    survey = await survey_in(taunusstein.id, sid)
    first = await results(survey, "published")
    assert first.breakdown.total == 6 and await results(survey, "published") is first  # reused
    await stored_responses(sid, [record(99, {"often": "never"})])
    assert (await results(survey, "published")).breakdown.total == 7
    texts = lambda r: [t.text for q in r.questions for t in q.texts]  # noqa: E731
    assert "Mehr WLAN" in texts(await results(survey, "published"))
    await FreeTextAnswer.update({FreeTextAnswer.visibility: "rejected"}).where(FreeTextAnswer.text == "Mehr WLAN")
    assert "Mehr WLAN" not in texts(await results(survey, "published"))
