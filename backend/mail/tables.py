"""The mail outbox: an acknowledged action's e-mail survives a crash between commit and delivery."""

from piccolo.columns import Boolean, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from geo.tables import Municipality


class OutgoingMail(Table):
    id = Serial(primary_key=True)
    # The municipality the mail was sent for (its admins see it in their outbox); None: a platform mail
    # (registration, password reset), which no municipality's admin sees.
    municipality = ForeignKey(references=Municipality, null=True, default=None, on_delete=OnDelete.cascade, index=True)
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
    # Once delivered, keep neither address nor body: the mail tied a person to a secret (a survey's invitation
    # code), which nothing may store beside the address.
    forget = Boolean(default=False)
