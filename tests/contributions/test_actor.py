"""The actor as one municipality sees a person: roles (admin implies the others) and departments, one query."""

import pytest

from contributions.actor import ANONYMOUS, LoginRequired, actor_in
from geo import services as geo
from geo.roles import Role
from geo.services import create_from_ags
from tests.factories import person
from tests.support.queries import recorded


async def test_staff_of_a_department_hold_its_id_and_only_here(taunusstein):
    bauhof = await geo.create_department(taunusstein.id, "Bauhof", "bauhof@taunusstein.example")
    user_id = await person("b@example.org", roles=(Role.STAFF,), municipality=taunusstein, department_id=bauhof.id)
    with recorded() as queries:
        actor = await actor_in(user_id, taunusstein.id)
    assert len(queries) == 1
    assert actor.user_id == user_id and actor.roles == {Role.STAFF} and actor.departments == {bauhof.id}
    elsewhere = await create_from_ags("06439008")
    stranger = await actor_in(user_id, elsewhere.id)
    assert stranger.logged_in and stranger.roles == frozenset() and stranger.departments == frozenset()


async def test_an_admin_holds_what_admin_implies(taunusstein):
    user_id = await person("a@example.org", roles=(Role.ADMIN,), municipality=taunusstein)
    actor = await actor_in(user_id, taunusstein.id)
    assert actor.holds(Role.MODERATOR) and actor.holds(Role.STAFF) and not actor.holds(Role.RESIDENT)


async def test_nobody_is_anonymous_without_a_query(taunusstein):
    with recorded() as queries:
        assert await actor_in(None, taunusstein.id) is ANONYMOUS
    assert queries == []
    with pytest.raises(LoginRequired):
        _ = ANONYMOUS.id
