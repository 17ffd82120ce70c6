"""The lookups every request makes (the account, the person's roles in a municipality, the municipality by its
slug) are shared by the requests arriving together in a worker (geo/pooled.py::fetch_together): each request
must still get exactly its own answer, whatever else is asked in the same round trip."""

import asyncio

from backend.accounts.services import get_account
from contributions.actor import actor_in
from geo.roles import Role
from geo.services import get_municipality
from tests.factories import person


async def test_accounts_and_roles_asked_at_once_each_come_back_as_asked_alone(taunusstein):
    residents = [
        await person(f"r{i}@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name=f"R{i}")
        for i in range(6)
    ]
    moderator = await person("mod@example.org", roles=(Role.MODERATOR,), municipality=taunusstein, name="Mod")
    stranger = await person("stranger@example.org", name="Fremd")
    everyone = [*residents, moderator, stranger]
    alone = [await get_account(uid) for uid in everyone] + [await actor_in(uid, taunusstein.id) for uid in everyone]

    together = await asyncio.gather(
        *(get_account(uid) for uid in everyone * 3),
        *(actor_in(uid, taunusstein.id) for uid in everyone * 3),
        get_account(10_000_000),  # nobody
    )

    accounts, actors, nobody = together[: 3 * len(everyone)], together[3 * len(everyone) : -1], together[-1]
    assert accounts == alone[: len(everyone)] * 3
    assert actors == alone[len(everyone) :] * 3
    assert [a.display_name for a in accounts[: len(everyone)]] == [*(f"R{i}" for i in range(6)), "Mod", "Fremd"]
    assert Role.MODERATOR in actors[len(residents)].roles and Role.RESIDENT not in actors[len(residents)].roles
    assert not actors[len(everyone) - 1].roles  # the stranger holds no role here
    assert nobody is None


async def test_a_municipality_asked_many_times_at_once_is_the_same_each_time(taunusstein):
    found = await asyncio.gather(*(get_municipality("taunusstein") for _ in range(10)))
    assert {m.id for m in found} == {taunusstein.id}
    assert {m.slug for m in found} == {"taunusstein"}
