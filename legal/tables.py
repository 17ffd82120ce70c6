"""Legal pages per municipality (one row per version), the details their templates need, acceptances of the
terms of use, and the hold that keeps a new municipality off the public list until its pages exist."""

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from geo.tables import Municipality
from legal.kinds import Kind


class LegalPage(Table):
    """One version of one legal page. Saving over a published version makes a new row (version + 1); the newest
    published row is what the public reads, a newer unpublished row is the draft."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=32, choices=Kind)
    version = Integer(default=1)
    body = Text(default="")  # Markdown, rendered safely on the way out (geo/markdown.py)
    updated_at = Timestamptz(default=TimestamptzNow())
    updated_by = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    published_at = Timestamptz(null=True, default=None)


class LegalDetails(Table):
    """What the templates need beyond the municipality's contact data; filled by its admins."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, unique=True)
    representative = Varchar(length=200, default="")  # e.g. "Bürgermeisterin Erika Muster"
    vat_id = Varchar(length=20, default="")
    supervisory_authority = Text(default="")
    dpo_contact = Text(default="")  # the data protection officer (Art. 37 DSGVO)


class TermsAcceptance(Table):
    """A person accepted a version of a municipality's terms of use at registration."""

    id = Serial(primary_key=True)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade, index=True)
    municipality = ForeignKey(references=Municipality, null=True, on_delete=OnDelete.set_null)
    page = ForeignKey(references=LegalPage, null=True, on_delete=OnDelete.set_null)
    version = Integer(null=True, default=None)  # None: the municipality had no published terms yet
    accepted_at = Timestamptz(default=TimestamptzNow())


class ListingHold(Table):
    """A municipality created by `municipality-add`: hidden from the public list until Impressum and
    Datenschutzerklärung are published (municipalities without a hold are listed as they always were)."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, unique=True)
    since = Timestamptz(default=TimestamptzNow())
