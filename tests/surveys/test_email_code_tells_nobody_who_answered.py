"""Asking for an e-mail code answers the same whether the address has answered or not; only its owner learns it."""

from tests.support.mailbox import body_of
from tests.surveys.helpers import GOOD, admin_in, log_out, open_survey, url


async def _code_of(mailbox, address: str) -> str:
    mail = await mailbox.wait_for(address, "Code")
    return next(line.strip() for line in body_of(mail).splitlines() if line.strip().isdigit())


async def test_an_address_that_answered_gets_the_same_response_as_a_new_one_and_a_mail_saying_so(
    client, taunusstein, mailbox
):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, access_modes=["link"])
    await log_out(client)
    await client.post(url(f"/{survey_id}/email-code"), json={"email": "ana@example.org"})
    code = await _code_of(mailbox, "ana@example.org")
    answer = {"answers": GOOD, "email": "ana@example.org", "email_code": code}
    assert (await client.post(url(f"/{survey_id}/responses"), json=answer)).status_code == 201

    answered = await client.post(url(f"/{survey_id}/email-code"), json={"email": "ana@example.org"})
    new = await client.post(url(f"/{survey_id}/email-code"), json={"email": "ben@example.org"})
    assert (answered.status_code, answered.json()) == (new.status_code, new.json())
    assert answered.headers["content-type"] == new.headers["content-type"]
    told = await mailbox.wait_for("ana@example.org", "schon geantwortet")
    assert "nur einmal antworten" in body_of(told)
    assert await _code_of(mailbox, "ben@example.org")
