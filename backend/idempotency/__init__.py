"""Idempotency keys for writes a client may have to send again (RFC draft "The Idempotency-Key HTTP Header").

A client that lost the answer to a write (a dropped connection, a worker that died, a 503 after the commit)
cannot know whether it was stored. Sending it again with the same `Idempotency-Key` is safe: the key is claimed
in the same transaction as the write and stores its answer, so a repeat gets the first answer and stores
nothing; a repeat that arrives while the first still runs waits for it. A key sent with different content is
refused (422). Keys are kept for a day.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta
from typing import TypeVar

from pydantic import BaseModel

from backend.idempotency.tables import IdempotentRequest
from geo import clock
from geo.errors import Invalid

HEADER = "Idempotency-Key"
KEY_PATTERN = r'^"?[\x21-\x7e]{1,255}"?$'  # printable ASCII; the draft's quoted form is accepted too
KEPT_FOR = timedelta(days=1)

Answer = TypeVar("Answer", bound=BaseModel)


class KeyReused(Invalid):
    code = "idempotency-key-reused"

    def __init__(self) -> None:
        super().__init__(
            "Dieser Idempotency-Key wurde schon für eine andere Anfrage verwendet.",
            "This Idempotency-Key was already used for a different request.",
            field="idempotency_key",  # as a malformed key is named (the parameter)
        )


def fingerprint(*parts: str | bytes | Iterable[bytes]) -> str:
    """A digest of a request's content (for multipart: the fields and the files, not the random boundary)."""
    digest = hashlib.sha256()
    for part in parts:
        items = [part] if isinstance(part, str | bytes) else list(part)
        for item in items:
            data = item.encode() if isinstance(item, str) else item
            digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


async def once(
    key: str | None, scope: str, content: str, schema: type[Answer], write: Callable[[], Awaitable[Answer]]
) -> tuple[Answer, bool]:
    """Run `write` once per (scope, key); returns its answer and whether it is a repeat of an earlier one."""
    if key is None:
        return await write(), False
    key = key.strip('"')
    await IdempotentRequest.delete().where(IdempotentRequest.created_at < clock.now() - KEPT_FOR)
    async with IdempotentRequest._meta.db.transaction():
        claimed = await IdempotentRequest.raw(
            "INSERT INTO idempotent_request (scope, key, fingerprint, response, created_at) "
            "VALUES ({}, {}, {}, '', {}) ON CONFLICT DO NOTHING RETURNING id",
            scope,
            key,
            content,
            clock.now(),
        )
        if claimed:
            answer = await write()  # joins this transaction: the write and its key commit together
            await IdempotentRequest.update({IdempotentRequest.response: answer.model_dump_json()}).where(
                IdempotentRequest.id == claimed[0]["id"]
            )
            return answer, False
        earlier = (
            await IdempotentRequest.select(IdempotentRequest.fingerprint, IdempotentRequest.response)
            .where((IdempotentRequest.scope == scope) & (IdempotentRequest.key == key))
            .first()
        )
    if earlier is None or earlier["fingerprint"] != content:
        raise KeyReused()
    return schema.model_validate_json(earlier["response"]), True
