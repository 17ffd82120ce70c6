"""Invitation codes by mail: each pasted address gets one code (duplicates once), bad lines are named by number
and then nothing is sent, and no row keeps an address with a code."""

import asyncio
import json
import re

import pytest

from backend.mail.tables import OutgoingMail
from surveys.tables import InvitationCode
from tests.legal.helpers import as_role
from tests.support.mailbox import body_of
from tests.surveys.helpers import GOOD, admin_in, log_out, open_survey, url

ROLES = ["anonymous", "resident", "staff", "moderator", "council", "admin", "other-admin"]
CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}\b")


async def test_each_address_gets_one_code_by_mail_and_the_code_answers_once(client, taunusstein, mailbox):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    pasted = "ana@example.org\n\n  bernd@example.org  \nANA@example.org\ncarla@example.org\n"
    sent = await client.post(url(f"/{survey_id}/codes/mail"), json={"audience": "businesses", "emails": pasted})
    assert sent.status_code == 201, sent.text
    assert sent.json() == {"audience": "businesses", "batch": 1, "sent": 3, "duplicates": 1}

    codes = {}
    for address in ("ana@example.org", "bernd@example.org", "carla@example.org"):
        mail = await mailbox.wait_for(address, "Einladung")
        body = body_of(mail)
        codes[address] = CODE.search(body).group(0)
        assert f"http://stadtstimme.test/#/m/taunusstein/surveys/{survey_id}?code={codes[address]}" in body
    assert len(mailbox.to("ana@example.org")) == 1  # the duplicate was mailed once
    assert len(set(codes.values())) == 3

    rows = await InvitationCode.select()
    assert len(rows) == 3 and {r["audience"] for r in rows} == {"businesses"}
    assert "example.org" not in json.dumps(rows, default=str)  # no address beside the codes
    # Delivered, the outbox forgets address and body (the code): it only keeps that an invitation went out.
    for _ in range(200):
        if await OutgoingMail.count().where(OutgoingMail.sent_at.is_not_null()) == 3:
            break
        await asyncio.sleep(0.05)
    kept = json.dumps(await OutgoingMail.select(OutgoingMail.to_address, OutgoingMail.body), default=str)
    assert "example.org" not in kept
    assert not any(code in kept for code in codes.values())

    await log_out(client)
    first = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "code": codes["ana@example.org"]})
    assert first.status_code == 201, first.text
    again = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "code": codes["ana@example.org"]})
    assert again.status_code == 409


async def test_bad_lines_are_listed_with_their_numbers_and_nothing_is_sent(client, taunusstein, mailbox):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    pasted = "ana@example.org\nbernd at example.org\n\ncarla@\nda@example.org"
    refused = await client.post(url(f"/{survey_id}/codes/mail"), json={"audience": "residents", "emails": pasted})
    assert refused.status_code == 422
    problem = refused.json()
    assert [(e["field"], e["line"]) for e in problem["errors"]] == [("emails", 2), ("emails", 4)]
    assert "Zeile 2" in problem["errors"][0]["detail_de"] and "Line 4" in problem["errors"][1]["detail_en"]
    assert await InvitationCode.count() == 0
    empty = await client.post(url(f"/{survey_id}/codes/mail"), json={"audience": "residents", "emails": "\n \n"})
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "emails"
    wrong_group = await client.post(url(f"/{survey_id}/codes/mail"), json={"audience": "council", "emails": "a@b.de"})
    assert wrong_group.status_code == 422 and wrong_group.json()["errors"][0]["field"] == "audience"
    assert mailbox.to("ana@example.org") == [] and mailbox.to("a@b.de") == []


@pytest.mark.parametrize("who", ROLES)
async def test_only_the_towns_admins_mail_codes(client, taunusstein, mailbox, who):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    await log_out(client)
    await as_role(client, who, taunusstein)
    body = {"audience": "residents", "emails": "ana@example.org"}
    answered = await client.post(url(f"/{survey_id}/codes/mail"), json=body)
    assert answered.status_code == (201 if who == "admin" else 401 if who == "anonymous" else 403)
    elsewhere = await client.post(url(f"/{survey_id}/codes/mail", slug="wiesbaden"), json=body)
    assert elsewhere.status_code in ((404,) if who == "other-admin" else (401, 403, 404))
    assert await InvitationCode.count() == (1 if who == "admin" else 0)
