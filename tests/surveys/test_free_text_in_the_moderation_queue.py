"""A survey's free text in moderation: no consultation of the same number, and pending until a moderator's yes."""

from geo.tables import Municipality
from moderation.tables import ModerationItem, PolicyOverride
from proposals.tables import Consultation
from surveys.results import results, survey_in
from surveys.tables import FreeTextAnswer
from tests.surveys.helpers import GOOD, admin_in, open_survey, url


async def test_a_survey_free_text_shows_no_consultation_title_and_no_consultation_override_applies(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    consultation = Consultation(municipality=taunusstein.id, title="Radweg Hahn", id=survey_id)
    await consultation.save()
    override = PolicyOverride(municipality=taunusstein.id, content_type="*", context_id=survey_id, policy="post")
    await override.save()
    given = await client.post(url(f"/{survey_id}/responses"), json={"answers": {**GOOD, "wish": "Mehr Bänke"}})
    assert given.status_code == 201, given.text
    item = await ModerationItem.select().where(ModerationItem.content_type == "survey_answer").first()
    assert item["context_id"] is None and item["visibility"] == "pending"  # the consultation's "post" is not ours
    queue = await client.get(f"/api/v1/municipalities/{taunusstein.slug}/moderation/queue")
    assert queue.status_code == 200, queue.text
    shown = [i for i in queue.json()["items"] if i["content_type"] == "survey_answer"]
    assert len(shown) == 1 and shown[0]["context_title"] is None and "Radweg Hahn" not in queue.text


async def test_under_post_moderation_a_survey_free_text_still_waits_for_a_moderator(client, taunusstein):
    await Municipality.update({Municipality.moderation_policy: "post"}).where(Municipality.id == taunusstein.id)
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    given = await client.post(url(f"/{survey_id}/responses"), json={"answers": {**GOOD, "wish": "Mehr Bänke"}})
    assert given.status_code == 201, given.text
    assert [r["visibility"] for r in await FreeTextAnswer.select(FreeTextAnswer.visibility)] == ["pending"]
    assert (await client.post(url(f"/{survey_id}/close"))).status_code == 200
    assert (await client.post(url(f"/{survey_id}/publish"))).status_code == 200
    published = await results(await survey_in(taunusstein.id, survey_id), "published")
    assert "Mehr Bänke" not in [t.text for q in published.questions for t in q.texts]
