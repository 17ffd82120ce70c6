"""Answering a survey: once per code, account or e-mail; errors name the question; anonymity holds in the rows."""

import asyncio
import json

from backend.mail.tables import OutgoingMail
from geo.roles import Role
from moderation.tables import ModerationItem
from surveys.storage import load_responses
from surveys.tables import AnsweredMark, EmailChallenge, FreeTextAnswer, SurveyResponse
from tests.factories import logged_in, person
from tests.support.mailbox import body_of
from tests.surveys.helpers import GOOD, admin_in, log_out, open_survey, url


async def test_a_business_answers_with_a_code_once_and_a_second_answer_is_refused(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    codes = (await client.post(url(f"/{survey_id}/codes"), json={"audience": "businesses", "count": 3})).json()
    assert len(codes["codes"]) == 3 and codes["batch"] == 1
    await log_out(client)

    code = codes["codes"][0]
    first = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "code": code.lower()})
    assert first.status_code == 201, first.text
    again = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "code": code})
    assert again.status_code == 409 and again.json()["type"] == "/problems/survey-already-answered"
    assert "schon beantwortet" in again.json()["detail_de"]
    unknown = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "code": "AAAA-BBBB-CC"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "code"

    records = await load_responses(survey_id)
    assert [(r.audience.value, r.channel.value) for r in records] == [("businesses", "online")]
    assert records[0].answers == GOOD
    row = (await SurveyResponse.select().where(SurveyResponse.survey == survey_id))[0]
    assert row["account"] is None and code.replace("-", "") not in json.dumps(row, default=str)
    columns = {"id", "survey", "answers", "audience", "channel", "district", "day", "account", "change_key_hash"}
    assert set(row) == columns
    assert await AnsweredMark.count().where(AnsweredMark.survey == survey_id) == 1


async def test_every_broken_answer_is_named_by_its_question_code_in_german_and_english(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    bad = {"used_online": False, "which_service": ["ausweis"], "priorities": {"wlan": 9}, "age": 3}
    answered = await client.post(url(f"/{survey_id}/responses"), json={"answers": bad})
    assert answered.status_code == 422
    errors = {e["field"]: e for e in answered.json()["errors"]}
    assert set(errors) == {"which_service", "priorities", "age"}  # hidden by the condition, out of scale, too young
    assert errors["age"]["detail_de"] == "Die Zahl muss mindestens 14 sein."
    assert errors["age"]["detail_en"] == "The number must be at least 14."
    too_many = {**GOOD, "which_service": ["ausweis", "kfz", "gewerbe"]}
    answered = await client.post(url(f"/{survey_id}/responses"), json={"answers": too_many})
    assert answered.json()["errors"][0]["field"] == "which_service"
    assert await SurveyResponse.count() == 0


async def test_a_resident_answers_with_the_account_saves_and_resumes_and_changes_while_open(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    await person("resi@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    await logged_in(client, "resi@example.org")
    saved = await client.put(url(f"/{survey_id}/draft"), json={"answers": {"used_online": True}})
    assert saved.status_code == 200 and saved.json()["resume_token"] is None
    assert (await client.get(url(f"/{survey_id}/draft"))).json()["answers"] == {"used_online": True}
    done = await client.post(url(f"/{survey_id}/responses"), json={"answers": {**GOOD, "wish": "Mehr WLAN"}})
    assert done.status_code == 201
    token = done.json()["change_token"]
    assert (await client.get(url(f"/{survey_id}/draft"))).json()["answers"] == {}  # the draft went
    assert (await client.get(url(f"/{survey_id}/access"))).json()["answered"] is True
    second = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD})
    assert second.status_code == 409
    change = {"answers": {**GOOD, "age": 41}, "change_token": token}
    changed = await client.put(url(f"/{survey_id}/responses"), json=change)
    assert changed.status_code == 200, changed.text
    records = await load_responses(survey_id)
    assert len(records) == 1 and records[0].answers["age"] == 41
    assert (await SurveyResponse.select(SurveyResponse.account))[0]["account"] is None  # anonymous survey
    assert await FreeTextAnswer.count() == 0  # the changed answer has no wish any more


async def test_free_text_waits_for_moderation_before_it_counts_as_public(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    codes = (await client.post(url(f"/{survey_id}/codes"), json={"audience": "staff", "count": 1})).json()["codes"]
    await log_out(client)
    answers = {**GOOD, "which_service": ["other"], "which_service_other": "Hundesteuer", "wish": "Bitte schneller"}
    given = await client.post(url(f"/{survey_id}/responses"), json={"answers": answers, "code": codes[0]})
    assert given.status_code == 201
    texts = await FreeTextAnswer.select(FreeTextAnswer.key, FreeTextAnswer.visibility)
    assert sorted((r["key"], r["visibility"]) for r in texts) == [
        ("which_service_other", "pending"),
        ("wish", "pending"),
    ]
    items = await ModerationItem.select(ModerationItem.content_type, ModerationItem.author)
    assert {(r["content_type"], r["author"]) for r in items} == {("survey_answer", None)}
    assert (await load_responses(survey_id))[0].approved_free_text == frozenset()


async def test_answering_by_link_needs_the_mailed_one_time_code(client, taunusstein, mailbox):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, access_modes=["link"])
    await log_out(client)
    without = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD})
    assert without.status_code == 403 and without.json()["errors"][0]["field"] == "email_code"
    sent = await client.post(url(f"/{survey_id}/email-code"), json={"email": "Ana@Example.org"})
    assert sent.status_code == 200, sent.text
    mail = await mailbox.wait_for("ana@example.org", "Code")
    code = next(line.strip() for line in body_of(mail).splitlines() if line.strip().isdigit())
    wrong = await client.post(
        url(f"/{survey_id}/responses"), json={"answers": GOOD, "email": "ana@example.org", "email_code": "000000"}
    )
    assert wrong.status_code == 422 or code == "000000"
    ok = await client.post(
        url(f"/{survey_id}/responses"), json={"answers": GOOD, "email": "ana@example.org", "email_code": code}
    )
    assert ok.status_code == 201, ok.text
    assert await EmailChallenge.count() == 0  # nothing with a time is left beside the answer
    # Delivered, the outbox keeps neither the address nor the code (its time would sit beside the answer's).
    for _ in range(200):
        if await OutgoingMail.count().where(OutgoingMail.sent_at.is_not_null()) == 1:
            break
        await asyncio.sleep(0.05)
    kept = json.dumps(await OutgoingMail.select(OutgoingMail.to_address, OutgoingMail.body), default=str)
    assert "example.org" not in kept.lower() and code not in kept
    again = await client.post(url(f"/{survey_id}/email-code"), json={"email": "ana@example.org"})
    assert again.status_code == 200  # the same as for a new address (see test_email_code_tells_nobody_who_answered)


async def test_staff_type_in_a_paper_answer_with_its_channel(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    await person("staff@example.org", roles=(Role.STAFF,), municipality=taunusstein)
    await logged_in(client, "staff@example.org")
    entry = {"answers": {"used_online": False, "priorities": {"wlan": 2}}, "channel": "paper", "audience": "residents"}
    entered = await client.post(url(f"/{survey_id}/paper"), json=entry)
    assert entered.status_code == 201, entered.text
    phone = await client.post(url(f"/{survey_id}/paper"), json={**entry, "channel": "phone", "district": "Hahn"})
    assert phone.status_code in (201, 422)
    records = await load_responses(survey_id)
    assert records[0].channel.value == "paper" and records[0].audience.value == "residents"


async def test_a_moderators_yes_makes_a_free_text_public_for_the_results(client, taunusstein):
    from moderation.hook import Outcome, Visibility
    from surveys.services.free_text import apply_free_text_outcome

    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    given = await client.post(url(f"/{survey_id}/responses"), json={"answers": {**GOOD, "wish": "Mehr Bänke, Herr X"}})
    assert given.status_code == 201
    text = await FreeTextAnswer.select(FreeTextAnswer.id).first()
    await apply_free_text_outcome(
        Outcome(content_id=text["id"], visibility=Visibility.PUBLIC, redacted_text="Mehr Bänke")
    )
    record = (await load_responses(survey_id))[0]
    assert record.approved_free_text == frozenset({"wish"}) and record.answers["wish"] == "Mehr Bänke"
