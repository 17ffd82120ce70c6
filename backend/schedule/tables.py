"""The scheduled jobs' table: whoever holds a job's unexpired lease runs it; everyone else waits."""

from piccolo.columns import Integer, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table


class ScheduledJob(Table, tablename="scheduled_job"):
    """One job (e.g. "remind-overdue"): the lease (holder, expiry), when it is due next, how its last run went."""

    id = Serial(primary_key=True)
    name = Varchar(length=40, unique=True)
    holder = Varchar(length=120, null=True, default=None)  # the worker running it now (host:pid:token)
    lease_expires_at = Timestamptz(null=True, default=None)
    next_run_at = Timestamptz(null=True, default=None)
    last_started_at = Timestamptz(null=True, default=None)
    last_finished_at = Timestamptz(null=True, default=None)
    last_outcome = Varchar(length=10, default="")  # "" (never ran) | ok | failed
    last_count = Integer(null=True, default=None)  # what the run did: reports reminded, mails queued, rows deleted
    last_error = Text(default="")  # the exception's type and message of a failed run (no stack, no data)
