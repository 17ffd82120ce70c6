"""One row per write sent with an Idempotency-Key: who sent it, a digest of what was sent, what it answered."""

from piccolo.columns import Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class IdempotentRequest(Table, tablename="idempotent_request"):
    id = Serial(primary_key=True)
    scope = Varchar(length=120)  # the operation and who asked: "fileReport:<municipality>:<user or anonymous>"
    key = Varchar(length=255)  # unique per scope (a unique index in the migration)
    fingerprint = Varchar(length=64)  # sha256 of the request's content
    response = Text(default="")  # the answer's JSON, written in the same transaction as the write itself
    created_at = Timestamptz(default=TimestamptzNow(), index=True)
