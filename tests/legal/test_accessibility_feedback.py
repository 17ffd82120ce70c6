"""The feedback form of the accessibility statement mails the municipality's contact address (BITV 2.0 § 7)."""

from geo.tables import Municipality
from tests.legal.helpers import url, wiesbaden

FEEDBACK = {
    "message": "Die Karte lässt sich mit der Tastatur nicht verschieben.",
    "page": "Mängel melden",
    "name": "Lena",
    "email": "lena@example.org",
}


async def with_contact(town, address="buergerbuero@taunusstein.example"):
    await Municipality.update({Municipality.contact_email: address}).where(Municipality.id == town.id)


async def test_anyone_reports_a_barrier_and_the_town_gets_the_mail(client, taunusstein, mailbox):
    await with_contact(taunusstein)
    response = await client.post(url("taunusstein", "/accessibility-feedback"), json=FEEDBACK)
    assert response.status_code == 202, response.text
    mail = await mailbox.wait_for("buergerbuero@taunusstein.example", "Barrierefreiheit")
    text = mail.get_content()
    assert "Die Karte lässt sich mit der Tastatur nicht verschieben." in text
    assert "lena@example.org" in text and "Mängel melden" in text


async def test_feedback_goes_only_to_the_municipality_it_was_sent_to(client, taunusstein, mailbox):
    await with_contact(taunusstein)
    await wiesbaden()
    await client.post(url("wiesbaden", "/accessibility-feedback"), json={**FEEDBACK, "email": None})
    mail = await mailbox.wait_for("rathaus@wiesbaden.example", "Wiesbaden")
    assert "(keine angegeben)" in mail.get_content()
    assert [m["To"] for m in mailbox.messages] == ["rathaus@wiesbaden.example"]


async def test_a_too_short_message_or_a_bad_address_is_refused_and_nothing_is_sent(client, taunusstein, mailbox):
    await with_contact(taunusstein)
    short = await client.post(url("taunusstein", "/accessibility-feedback"), json={**FEEDBACK, "message": "kurz"})
    bad = await client.post(url("taunusstein", "/accessibility-feedback"), json={**FEEDBACK, "email": "keine"})
    assert short.status_code == bad.status_code == 422
    assert short.json()["errors"][0]["field"] == "message" and bad.json()["errors"][0]["field"] == "email"
    from backend.mail.tables import OutgoingMail

    assert await OutgoingMail.count() == 0


async def test_without_a_contact_address_the_form_says_so(client, taunusstein):
    response = await client.post(url("taunusstein", "/accessibility-feedback"), json=FEEDBACK)
    assert response.status_code == 409 and "Kontaktadresse" in response.json()["detail_de"]
