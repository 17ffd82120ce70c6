"""Document jobs: a long PDF is rendered in the background; its progress and file are kept here."""

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from geo.tables import Municipality
from proposals.tables import Consultation


class DocumentJob(Table, tablename="document_job"):
    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=40)  # e.g. "consultation-results", "defects-period"
    params = Text()  # JSON of what the document covers; identical params reuse a finished file
    audience = Varchar(length=10, default="public")  # "public", or "internal" (draft for admins and council)
    status = Varchar(length=10, default="queued", index=True)  # queued, running, done, failed
    progress = Integer(default=0)  # percent
    step = Varchar(length=200, default="")
    pages = Integer(default=0)
    file_key = Varchar(length=100, default="")
    error = Text(default="")
    requested_by = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
    started_at = Timestamptz(null=True, default=None)
    finished_at = Timestamptz(null=True, default=None)


class ResultsRelease(Table):
    """A consultation's results are published: from then on anyone may download the results document."""

    id = Serial(primary_key=True)
    consultation = ForeignKey(references=Consultation, on_delete=OnDelete.cascade, unique=True)
    published_by = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    published_at = Timestamptz(default=TimestamptzNow())
