"""Password hashing with argon2id (RFC 9106), through argon2-cffi."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError


@lru_cache
def hasher(profile: str = "argon2id") -> PasswordHasher:
    """`argon2id` is RFC 9106's low-memory profile; `fast-insecure` exists for test suites only."""
    if profile == "fast-insecure":
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)


def hash_password(password: str, profile: str = "argon2id") -> str:
    return hasher(profile).hash(password)


def verify_password(stored_hash: str, password: str, profile: str = "argon2id") -> bool:
    try:
        return hasher(profile).verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verified against when the e-mail is unknown, so that a login takes as long either way.
DUMMY_HASH_PASSWORD = "not-a-real-password"  # noqa: S105


@lru_cache
def dummy_hash(profile: str = "argon2id") -> str:
    """A hash made once per process: an unknown e-mail costs one verification, like a known one."""
    return hash_password(DUMMY_HASH_PASSWORD, profile)
