"""Registration records which version of the terms of use the person accepted, and refuses without it."""

import pytest
from piccolo.apps.user.tables import BaseUser

from geo.roles import Role
from legal.tables import TermsAcceptance
from tests.factories import logged_in, person
from tests.legal.helpers import ADMIN, log_out, publish

NEW = {"email": "lena@example.org", "password": "ein langes Passwort", "display_name": "Lena", "locale": "de"}


@pytest.fixture
async def terms(client, taunusstein):
    await person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein)
    await logged_in(client, ADMIN)
    await publish(client, "taunusstein", "nutzungsbedingungen", "Fassung eins")
    await log_out(client)
    return taunusstein


@pytest.mark.parametrize("acceptance", [{}, {"accept_terms": False}])
async def test_registering_without_accepting_the_terms_is_refused_and_nothing_is_stored(
    client, terms, mailbox, acceptance
):
    response = await client.post("/api/v1/auth/register", json={**NEW, **acceptance})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "accept_terms"
    assert "Nutzungsbedingungen" in response.json()["detail_de"]
    assert await BaseUser.count().where(BaseUser.email == "lena@example.org") == 0
    assert await TermsAcceptance.count() == 0
    assert mailbox.messages == []


async def test_the_accepted_version_and_time_are_stored_and_a_new_version_counts_for_new_people(client, terms):
    assert (await client.post("/api/v1/auth/register", json={**NEW, "accept_terms": True})).status_code == 202
    await logged_in(client, ADMIN)
    await publish(client, "taunusstein", "nutzungsbedingungen", "Fassung zwei")
    await log_out(client)
    body = {**NEW, "email": "tom@example.org", "accept_terms": True, "terms_of": "taunusstein"}
    assert (await client.post("/api/v1/auth/register", json=body)).status_code == 202
    rows = await TermsAcceptance.select(
        TermsAcceptance.user.email, TermsAcceptance.version, TermsAcceptance.municipality, TermsAcceptance.accepted_at
    ).order_by(TermsAcceptance.id)
    assert [(r["user.email"], r["version"], r["municipality"]) for r in rows] == [
        ("lena@example.org", 1, terms.id),
        ("tom@example.org", 2, terms.id),
    ]
    assert all(r["accepted_at"] is not None for r in rows)


async def test_a_known_address_records_nothing_new(client, terms):
    await person("known@example.org")
    body = {**NEW, "email": "known@example.org", "accept_terms": True}
    assert (await client.post("/api/v1/auth/register", json=body)).status_code == 202
    assert await TermsAcceptance.count() == 0


async def test_an_unknown_municipality_for_the_terms_is_refused_naming_the_field(client, terms):
    body = {**NEW, "accept_terms": True, "terms_of": "atlantis"}
    response = await client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "terms_of"
    assert await BaseUser.count() == 1  # the admin only


async def test_the_data_export_names_the_accepted_terms(client, terms, mailbox):
    await client.post("/api/v1/auth/register", json={**NEW, "accept_terms": True})
    await BaseUser.update({BaseUser.active: True}).where(BaseUser.email == "lena@example.org")
    await logged_in(client, "lena@example.org", NEW["password"])
    export = (await client.get("/api/v1/me/export")).json()
    assert [(a["municipality"], a["version"]) for a in export["terms_acceptances"]] == [("Taunusstein", 1)]
