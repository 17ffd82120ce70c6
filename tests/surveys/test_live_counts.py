"""Admins see how many answered, per audience and channel, counted in the database."""

from geo.roles import Role
from surveys.services import building
from tests.factories import logged_in, person
from tests.surveys.helpers import ADMIN, GOOD, admin_in, open_survey, url


async def test_the_survey_page_counts_answers_per_audience_and_channel_for_admins(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    assert (await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD})).status_code == 201
    await person("staff@example.org", roles=(Role.STAFF,), municipality=taunusstein)
    await logged_in(client, "staff@example.org")
    entry = {"answers": {"used_online": False}, "channel": "paper", "audience": "businesses"}
    for _ in range(2):
        assert (await client.post(url(f"/{survey_id}/paper"), json=entry)).status_code == 201
    await logged_in(client, ADMIN)
    shown = (await client.get(url(f"/{survey_id}"))).json()["counts"]
    assert shown == {
        "total": 3,
        "audience:residents": 1,
        "audience:businesses": 2,
        "channel:online": 1,
        "channel:paper": 2,
    }
    assert await building.counts(survey_id + 1) == {"total": 0}
