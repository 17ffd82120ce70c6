"""Hashes and random codes: invitation codes, answered marks, change and resume tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: codes are typed from paper
CODE_LENGTH = 10
# Replaced at start-up by use_secret (backend.app) with one derived from the installation's secret key.
_subject_key = hashlib.sha256(b"stadtstimme-survey-subject:development").digest()


def use_secret(secret: str) -> None:
    """Key the answered marks with the installation's secret: without it nobody can try all account ids."""
    global _subject_key
    _subject_key = hashlib.sha256(b"stadtstimme-survey-subject:" + secret.encode()).digest()


def digest(*parts: object) -> str:
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(survey_id: int, code: str) -> str:
    return digest("code", survey_id, normalise_code(code))


def subject_hash(survey_id: int, kind: str, value: object) -> str:
    """Who answered (kind: account, code, email, resume), as the answered mark and the draft know them: an HMAC
    keyed with the installation's secret, so a mark cannot be traced back by hashing every account id."""
    message = ":".join(str(p) for p in ("subject", survey_id, kind, value)).encode()
    return hmac.new(_subject_key, message, hashlib.sha256).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(24)


def email_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"
