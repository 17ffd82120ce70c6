"""A municipality added by `municipality-add` is listed publicly only once its Impressum and
Datenschutzerklärung are published; its own people see it before. Municipalities without that hold (made by the
factories, or before this rule) are listed as they always were."""

import pytest

from geo.roles import Role
from legal.services import hold_listing
from tests.factories import logged_in, person
from tests.legal.helpers import as_role, log_out, publish, url, wiesbaden

LIST = "/api/v1/municipalities"


async def slugs(client):
    return [m["slug"] for m in (await client.get(LIST)).json()]


@pytest.fixture
async def new_town(taunusstein):
    town = await wiesbaden()
    await hold_listing(town.id)
    await person("admin@wiesbaden.example", roles=(Role.ADMIN,), municipality=town)
    return town


async def test_a_new_town_appears_once_impressum_and_privacy_are_published(client, new_town):
    assert await slugs(client) == ["taunusstein"]
    assert (await client.get(f"{LIST}/wiesbaden")).status_code == 200  # reachable by its address

    await logged_in(client, "admin@wiesbaden.example")
    assert await slugs(client) == ["taunusstein", "wiesbaden"]  # its admin sees it
    assert (await client.get(url("wiesbaden", "/admin"))).json()["listed"] is False
    await publish(client, "wiesbaden", "impressum", "Impressum")
    await log_out(client)
    assert await slugs(client) == ["taunusstein"]  # the privacy policy is still missing

    await logged_in(client, "admin@wiesbaden.example")
    await publish(client, "wiesbaden", "datenschutz", "Datenschutz")
    assert (await client.get(url("wiesbaden", "/admin"))).json()["listed"] is True
    await log_out(client)
    assert await slugs(client) == ["taunusstein", "wiesbaden"]


@pytest.mark.parametrize("who", ["anonymous", "resident", "moderator", "admin"])
async def test_people_of_another_town_do_not_see_a_town_before_it_goes_live(client, new_town, taunusstein, who):
    await as_role(client, who, taunusstein)
    assert await slugs(client) == ["taunusstein"]


async def test_the_demo_ships_its_legal_pages_and_stays_listed(client, db):
    from backend.demo import load_demo

    await load_demo("fast-insecure")
    assert await slugs(client) == ["taunusstein"]
    kinds = (await client.get(url("taunusstein", "/"))).json()["kinds"]
    assert kinds == ["impressum", "datenschutz", "barrierefreiheit", "nutzungsbedingungen"]
    privacy = (await client.get(url("taunusstein", "/datenschutz"))).json()["html"]
    assert "datenschutz@taunusstein.example" in privacy
