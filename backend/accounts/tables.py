"""Account data beyond Piccolo's BaseUser: preferences and single-use e-mail tokens."""

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Profile(Table):
    """Preferences of one person (BaseUser.first_name is the public display name)."""

    id = Serial(primary_key=True)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade, unique=True, index=True)
    locale = Varchar(length=2, default="de")
    created_at = Timestamptz(default=TimestamptzNow())
    # Counted up to end every session at once (password change or reset, "log out everywhere"): a session
    # is valid only while it carries the current value.
    session_epoch = Integer(default=0)
    # Set when an admin deactivated the account: it cannot log in, and no session of it counts any more.
    deactivated_at = Timestamptz(null=True, default=None)


class AccountToken(Table):
    """A single-use token sent by e-mail (verify the address, reset the password); only its hash is kept."""

    id = Serial(primary_key=True)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade, index=True)
    purpose = Varchar(length=16)
    token_hash = Varchar(length=64, unique=True)
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)
    new_email = Varchar(length=255, default="")  # purpose "email": the address that takes effect once confirmed
