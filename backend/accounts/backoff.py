"""Per-account back-off for logins: after a few failures for one e-mail address, each further attempt must
wait for a period that doubles every time, from whichever addresses the attempts come.

The record lives in the rate-limit store (Redis with several workers), keyed by a hash of the address so the
store holds no addresses. Every attempt is counted before the password is checked, so parallel guesses cannot
all slip through while the hash is computed; a correct password forgets the record. Unknown addresses are
counted the same way, so the back-off tells nobody which addresses have an account.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from typing import Protocol

from backend.accounts.errors import TooManyAttempts
from geo import clock


class AttemptStore(Protocol):
    """What the back-off needs of a key-value store with expiry (Litestar's stores have this shape)."""

    async def get(self, key: str, renew_for: int | None = None) -> bytes | None: ...

    async def set(self, key: str, value: str | bytes, expires_in: int | None = None) -> None: ...

    async def delete(self, key: str) -> None: ...


@dataclass(frozen=True)
class LoginBackoff:
    store: AttemptStore
    free_attempts: int = 5  # failures allowed before the first wait
    first_wait: int = 30  # seconds; doubles with each further failure
    longest_wait: int = 15 * 60
    forget_after: int = 24 * 3600  # a quiet day clears the count

    @staticmethod
    def _key(email: str) -> str:
        return "login-backoff:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()

    def wait_after(self, failures: int) -> int:
        """Seconds to wait after `failures` counted attempts (0 while attempts are still free)."""
        if failures < self.free_attempts:
            return 0
        return min(self.longest_wait, self.first_wait * 2 ** (failures - self.free_attempts))

    async def attempt(self, email: str) -> None:
        """Count an attempt for `email`, or refuse it with TooManyAttempts while a wait is running."""
        key, now = self._key(email), clock.now().timestamp()
        raw = await self.store.get(key)
        record = json.loads(raw) if raw else {"failures": 0, "until": 0}
        if record["until"] > now:
            raise TooManyAttempts(max(1, math.ceil(record["until"] - now)))
        failures = record["failures"] + 1
        wait = self.wait_after(failures)
        record = {"failures": failures, "until": now + wait if wait else 0}
        await self.store.set(key, json.dumps(record), expires_in=self.forget_after)

    async def forget(self, email: str) -> None:
        """The right password was given: start afresh."""
        await self.store.delete(self._key(email))
