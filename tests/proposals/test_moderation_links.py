"""Moderation's mail about a proposal links to the proposal's page, and an edit keeps that link."""

from geo.roles import Role
from moderation import items as moderation
from tests.factories import logged_in, person, proposal_form
from tests.proposals.factories import admin_of, consultation
from tests.support.mailbox import body_of

M = "/api/v1/municipalities/taunusstein"
HELD = "Die Bank ist kaputt, ruft mich an: 06128 123456"  # a phone number: screening holds it


async def test_a_held_proposal_is_approved_and_the_mail_links_its_page(client, taunusstein, mailbox):
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna")
    await person("moderation@taunusstein.example", roles=(Role.MODERATOR,), municipality=taunusstein)
    await logged_in(client, "anna@example.org")
    created = await client.post(
        f"{M}/consultations/{cid}/proposals", files=proposal_form({"title": "Neue Bank", "body": HELD})
    )
    assert created.status_code == 201, created.text
    pid = created.json()["id"]
    state = await moderation.state_of("proposal", pid)
    assert state is not None and state.visibility == "pending"
    page = f"http://stadtstimme.test/#/m/taunusstein/proposals/{pid}"

    await logged_in(client, "moderation@taunusstein.example")
    decided = await client.post(f"{M}/moderation/items/{state.item_id}/decision", json={"action": "approve"})
    assert decided.status_code == 200, decided.text
    assert decided.json()["link"] == page
    text = body_of(await mailbox.wait_for("anna@example.org", "jetzt öffentlich"))
    assert page in text and "http://stadtstimme.test/http" not in text
