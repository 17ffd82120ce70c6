"""Hashes and random codes: invitation codes, answered marks, change and resume tokens."""

from __future__ import annotations

import hashlib
import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: codes are typed from paper
CODE_LENGTH = 10


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
    """Who answered (kind: account, code, email, resume), as the answered mark and the draft know them."""
    return digest("subject", survey_id, kind, value)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def email_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"
