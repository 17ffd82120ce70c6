"""The mail outbox: an acknowledged action's e-mail survives a crash between commit and delivery."""

from piccolo.columns import Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class OutgoingMail(Table):
    id = Serial(primary_key=True)
    to_address = Varchar(length=254)
    subject = Varchar(length=300)
    body = Text()
    created_at = Timestamptz(default=TimestamptzNow())
    claim = Varchar(length=32, null=True, default=None, index=True)  # which sender took it
    claimed_at = Timestamptz(null=True, default=None)
    sent_at = Timestamptz(null=True, default=None, index=True)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(null=True, default=None)  # after a failure: not before then (back-off)
    last_error = Text(default="")
