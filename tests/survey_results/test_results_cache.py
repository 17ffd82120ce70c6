"""Results of a closed survey are reused, but never once a response or a moderation decision changed them."""

import subprocess

from moderation.hook import Outcome, Visibility
from surveys.results import results, survey_in
from surveys.services.free_text import apply_free_text_outcome
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
    wlan = await FreeTextAnswer.select(FreeTextAnswer.id).where(FreeTextAnswer.text == "Mehr WLAN").first()
    await apply_free_text_outcome(Outcome(content_id=wlan["id"], visibility=Visibility.REJECTED))
    assert "Mehr WLAN" not in texts(await results(survey, "published"))


async def test_a_moderators_redaction_of_a_published_free_text_shows_in_the_results_and_the_report(
    client, taunusstein, tmp_path
):
    sid = await stored_survey(taunusstein.id, DEFINITION, status="results_published")
    await stored_responses(sid, RECORDS, ["notes", "channels_other"])
    texts = lambda r: [t.text for q in r.questions for t in q.texts]  # noqa: E731
    page = f"/api/v1/municipalities/{taunusstein.slug}/surveys/{sid}"
    before = (await client.get(page + "/results")).json()
    assert "Mehr WLAN" in str(before)
    assert (await client.get(page + "/report.pdf")).status_code == 200  # cached now
    wlan = await FreeTextAnswer.select(FreeTextAnswer.id).where(FreeTextAnswer.text == "Mehr WLAN").first()
    redacted = Outcome(content_id=wlan["id"], visibility=Visibility.PUBLIC, redacted_text="Mehr [entfernt]")
    await apply_free_text_outcome(redacted)
    after = (await client.get(page + "/results")).json()
    assert "Mehr WLAN" not in str(after) and "Mehr [entfernt]" in str(after)
    assert "Mehr [entfernt]" in texts(await results(await survey_in(taunusstein.id, sid), "published"))
    report = await client.get(page + "/report.pdf")
    (tmp_path / "r.pdf").write_bytes(report.content)
    shown = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Mehr [entfernt]" in shown and "Mehr WLAN" not in shown
