"""The one-time code mail speaks the reader's language, the survey's title included."""

from backend.accounts.tables import Profile
from geo.roles import Role
from tests.factories import person
from tests.surveys.helpers import admin_in, log_out, open_survey, url


async def test_an_english_page_gets_the_code_mail_in_english_with_the_english_title(client, taunusstein, mailbox):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, access_modes=["link"])
    await log_out(client)
    sent = await client.post(url(f"/{survey_id}/email-code"), json={"email": "ann@example.org", "lang": "en"})
    assert sent.status_code == 200, sent.text
    mail = await mailbox.wait_for("ann@example.org", "Your code")
    assert str(mail["Subject"]) == 'Your code for the survey "Digital town: where shall we start?"'
    assert "Digitale Stadt" not in str(mail.get_body(preferencelist=("plain",)).get_content())


async def test_a_german_page_gets_the_german_mail_and_an_english_account_without_page_language_gets_english(
    client, taunusstein, mailbox
):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, access_modes=["link"])
    await log_out(client)
    await client.post(url(f"/{survey_id}/email-code"), json={"email": "ana@example.org", "lang": "de"})
    mail = await mailbox.wait_for("ana@example.org", "Ihr Code")
    assert "„Digitale Stadt: Wo sollen wir anfangen?“" in str(mail["Subject"])

    eve = await person("eve@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    await Profile.update({Profile.locale: "en"}).where(Profile.user == eve)
    await client.post(url(f"/{survey_id}/email-code"), json={"email": "eve@example.org"})
    mail = await mailbox.wait_for("eve@example.org", "Your code")
    assert "where shall we start?" in str(mail["Subject"])
