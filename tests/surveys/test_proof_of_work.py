"""Answering by link protected by a proof of work (ALTCHA) instead of an e-mail code: one solved puzzle, one
answer; a replayed, expired, forged or foreign solution is refused naming the field `proof`."""

import base64
import datetime as dt
import json

import altcha
import pytest

from surveys.storage import load_responses
from surveys.tables import AnsweredMark, EmailChallenge, UsedProof
from tests.legal.helpers import as_role
from tests.surveys.helpers import GOOD, admin_in, log_out, open_survey, url

ROLES = ["anonymous", "resident", "staff", "moderator", "council", "admin", "other-admin"]
PROTECTED = {"access_modes": ["link"], "link_protection": "proof_of_work"}


def solved(challenge: dict) -> str:
    """What the browser sends: the challenge with the number found, as base64 JSON."""
    found = altcha.solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxnumber"]
    )
    assert found is not None
    payload = {**{k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}, "number": found.number}
    return base64.b64encode(json.dumps(payload).encode()).decode()


async def puzzle(client, survey_id: int) -> dict:
    answered = await client.get(url(f"/{survey_id}/proof-challenge"))
    assert answered.status_code == 200, answered.text
    return dict(answered.json())


async def test_a_solved_puzzle_answers_once_and_its_replay_is_refused_naming_the_field(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, **PROTECTED)
    await log_out(client)

    without = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD})
    assert without.status_code == 403 and without.json()["errors"][0]["field"] == "proof"
    challenge = await puzzle(client, survey_id)
    assert challenge["algorithm"] == "SHA-256" and challenge["maxnumber"] == 50_000
    proof = solved(challenge)
    first = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "proof": proof})
    assert first.status_code == 201, first.text
    replay = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "proof": proof})
    assert replay.status_code == 409
    assert replay.json()["errors"][0]["field"] == "proof" and "schon" in replay.json()["detail_de"]
    second = await client.post(
        url(f"/{survey_id}/responses"), json={"answers": GOOD, "proof": solved(await puzzle(client, survey_id))}
    )
    assert second.status_code == 201, second.text

    assert len(await load_responses(survey_id)) == 2
    assert await UsedProof.count() == 2 and await AnsweredMark.count() == 2
    # No e-mail code for this survey: the way in is the puzzle.
    mail = await client.post(url(f"/{survey_id}/email-code"), json={"email": "ana@example.org"})
    assert mail.status_code == 403 and mail.json()["errors"][0]["field"] == "email"
    assert await EmailChallenge.count() == 0


async def test_a_wrong_answer_keeps_the_puzzle_for_the_corrected_one(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, **PROTECTED)
    await log_out(client)
    proof = solved(await puzzle(client, survey_id))
    broken = await client.post(url(f"/{survey_id}/responses"), json={"answers": {"age": 3}, "proof": proof})
    assert broken.status_code == 422 and broken.json()["errors"][0]["field"] != "proof"
    fixed = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "proof": proof})
    assert fixed.status_code == 201, fixed.text


async def test_an_expired_a_forged_and_another_surveys_solution_are_refused(client, taunusstein, settings):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, **PROTECTED)
    other_id = await open_survey(client, **PROTECTED)
    await log_out(client)

    expired = altcha.create_challenge_v1(
        max_number=1000,
        hmac_key=settings.proof_of_work_key(),
        expires=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1),
        params={"survey": str(survey_id)},
    )
    old = solved(
        {
            "algorithm": expired.algorithm,
            "challenge": expired.challenge,
            "maxnumber": expired.max_number,
            "salt": expired.salt,
            "signature": expired.signature,
        }
    )
    refused = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "proof": old})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "proof"
    assert "abgelaufen" in refused.json()["detail_de"] and "expired" in refused.json()["detail_en"]

    payload = json.loads(base64.b64decode(solved(await puzzle(client, survey_id))))
    forged = base64.b64encode(json.dumps({**payload, "number": payload["number"] + 1}).encode()).decode()
    wrong = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "proof": forged})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "proof"
    garbage = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "proof": "not-base64!"})
    assert garbage.status_code == 422 and garbage.json()["errors"][0]["field"] == "proof"

    foreign = solved(await puzzle(client, other_id))
    elsewhere = await client.post(url(f"/{survey_id}/responses"), json={"answers": GOOD, "proof": foreign})
    assert elsewhere.status_code == 422 and elsewhere.json()["errors"][0]["field"] == "proof"
    assert await UsedProof.count() == 0 and await load_responses(survey_id) == []


async def test_an_e_mail_code_survey_gives_no_puzzle(client, taunusstein):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, access_modes=["link"])
    await log_out(client)
    refused = await client.get(url(f"/{survey_id}/proof-challenge"))
    assert refused.status_code == 403 and refused.json()["errors"][0]["field"] == "proof"


@pytest.mark.parametrize("who", ROLES)
async def test_everyone_gets_a_puzzle_of_an_open_survey_and_nobody_of_another_towns(client, taunusstein, who):
    await admin_in(client, taunusstein)
    survey_id = await open_survey(client, **PROTECTED)
    await log_out(client)
    await as_role(client, who, taunusstein)
    assert (await client.get(url(f"/{survey_id}/proof-challenge"))).status_code == 200
    assert (await client.get(url(f"/{survey_id}/proof-challenge", slug="wiesbaden"))).status_code == 404
