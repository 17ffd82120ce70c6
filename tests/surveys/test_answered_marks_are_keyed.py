"""An answered mark cannot be traced to an account by hashing every account id: it is keyed with the secret."""

import hashlib
import hmac

from geo.roles import Role
from surveys import keys
from surveys.tables import AnsweredMark
from tests.factories import logged_in, person
from tests.surveys.helpers import GOOD, admin_in, open_survey, url


async def test_the_mark_of_an_account_is_not_the_plain_hash_of_its_id_but_answering_once_still_holds(
    client, taunusstein, settings
):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client)
    resident = await person("resi@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    await logged_in(client, "resi@example.org")
    assert (await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD})).status_code == 201
    marks = [r["subject_hash"] for r in await AnsweredMark.select(AnsweredMark.subject_hash)]
    account_id = resident
    plain = hashlib.sha256(f"subject:{survey_id}:account:{account_id}".encode()).hexdigest()
    assert len(marks) == 1 and marks[0] != plain
    key = hashlib.sha256(b"stadtstimme-survey-subject:" + settings.secret_key.encode()).digest()
    keyed = hmac.new(key, f"subject:{survey_id}:account:{account_id}".encode(), hashlib.sha256).hexdigest()
    assert marks[0] == keyed
    assert (await client.get(url(f"/{survey_id}/access"))).json()["answered"] is True
    assert (await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD})).status_code == 409


def test_another_secret_gives_another_mark(settings):
    try:
        keys.use_secret("a" * 40)
        first = keys.subject_hash(1, "account", 7)
        keys.use_secret("b" * 40)
        assert keys.subject_hash(1, "account", 7) != first
    finally:
        keys.use_secret(settings.secret_key)
