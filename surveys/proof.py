"""Proof of work for surveys answered by link (ALTCHA protocol v1, SHA-256): make and check challenges.

The server signs a random salt (with the survey and the expiry in it) and sha256(salt + secret number); the
browser finds the number by trying 0, 1, 2 … up to `max_number`. No third party, nothing about the person.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal, cast
from uuid import uuid4

import altcha

from surveys import keys, schemas
from surveys.errors import ProofUsed, WrongProof
from surveys.tables import UsedProof

ALGORITHM: Literal["SHA-256"] = "SHA-256"


@dataclass(frozen=True, slots=True)
class ProofSettings:
    """What the deployment sets: the HMAC key, the puzzle's size, and how long a challenge holds."""

    hmac_key: str
    max_number: int = 50_000
    minutes: int = 10


@dataclass(frozen=True, slots=True)
class Proof:
    """A checked solution: the hash of its signature (stored once spent) and when its challenge expires."""

    signature_hash: str
    expires_at: dt.datetime


def challenge(survey_id: int, settings: ProofSettings, now: dt.datetime) -> schemas.SurveyProofChallenge:
    made = altcha.create_challenge_v1(
        altcha.ChallengeOptionsV1(
            algorithm=ALGORITHM,
            max_number=settings.max_number,
            hmac_key=settings.hmac_key,
            expires=now + dt.timedelta(minutes=settings.minutes),
            params={"survey": str(survey_id)},
        )
    )
    return schemas.SurveyProofChallenge(
        algorithm=made.algorithm,
        challenge=made.challenge,
        maxnumber=made.max_number,
        salt=made.salt,
        signature=made.signature,
    )


def _payload(proof: str) -> dict[str, Any]:
    try:
        found = json.loads(base64.b64decode(proof, validate=True).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise WrongProof() from None
    if not isinstance(found, dict):
        raise WrongProof()
    return found


def check(survey_id: int, proof: str, settings: ProofSettings, now: dt.datetime) -> Proof:
    """The solution (base64 JSON, as the ALTCHA widget sends it) if it is right, for this survey and in time."""
    payload = _payload(proof)
    valid, _error = altcha.verify_solution_v1(cast(Any, payload), settings.hmac_key, check_expires=False)
    if not valid or payload.get("algorithm") != ALGORITHM:
        raise WrongProof()
    params = altcha.extract_params_v1(cast(Any, payload))
    if params.get("survey") != [str(survey_id)]:
        raise WrongProof()
    try:
        expires = dt.datetime.fromtimestamp(int(params["expires"][0]), tz=dt.UTC)
    except (KeyError, IndexError, ValueError):
        raise WrongProof() from None
    if expires < now:
        raise WrongProof(expired=True)
    return Proof(keys.digest("proof", survey_id, payload["signature"]), expires)


async def spend(survey_id: int, proof: Proof, now: dt.datetime) -> None:
    """Mark a solution used (inside the answer's transaction); a second use is refused until it expires anyway.
    Spent solutions whose challenge has expired are dropped here: the expiry check refuses them by itself."""
    await UsedProof.delete().where(UsedProof.expires_at < now)
    inserted = await UsedProof.raw(
        "INSERT INTO survey_proof_used (id, survey, signature_hash, expires_at) VALUES ({}, {}, {}, {}) "
        "ON CONFLICT DO NOTHING RETURNING signature_hash",
        uuid4(),
        survey_id,
        proof.signature_hash,
        proof.expires_at,
    )
    if not inserted:
        raise ProofUsed()
