"""Tables of participation. Counters on Proposal and Comment are kept in the same transaction as the
rows they count, so lists sort by support or discussion without aggregating per request."""

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import (
    Boolean,
    DoublePrecision,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

from geo.tables import District, Municipality


class Consultation(Table):
    """A participation process (Beteiligungsverfahren) of one municipality."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    title = Varchar(length=200)
    summary = Text(default="")
    body = Text(default="")  # Markdown as the admin typed it
    body_html = Text(default="")  # rendered from body on write by geo.markdown (sanitised with nh3)
    cover_image_key = Varchar(length=64, null=True, default=None)
    area_kind = Varchar(length=12, default="municipality")  # municipality | districts | polygon
    area_districts = Text(default="[]")  # JSON list of district ids when area_kind == "districts"
    area_polygon = Text(null=True, default=None)  # GeoJSON (Multi)Polygon when area_kind == "polygon"
    contact_name = Varchar(length=200, default="")
    contact_info = Varchar(length=300, default="")  # an office phone or address; shown publicly
    status = Varchar(length=10, default="draft", index=True)  # draft | published | archived
    voting_mode = Varchar(length=12, default="support")  # support | for_against
    vote_limit = Integer(default=0)  # votes per resident in this consultation; 0 = no limit
    support_threshold = Integer(default=0)  # supports that make a proposal "erfolgreich"; 0 = none
    residents_only = Boolean(default=False)  # only holders of the RESIDENT role may propose and vote
    created_at = Timestamptz(default=TimestamptzNow())


class Phase(Table):
    """One dated step of a consultation; what residents may do is data on the phase."""

    id = Serial(primary_key=True)
    consultation = ForeignKey(references=Consultation, on_delete=OnDelete.cascade, index=True)
    position = Integer(default=0)
    name_de = Varchar(length=120)
    name_en = Varchar(length=120, default="")
    description = Text(default="")
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    may_propose = Boolean(default=False)
    may_comment = Boolean(default=False)
    may_vote = Boolean(default=False)
    announced = Boolean(default=False)  # followers were told that this phase began


class Proposal(Table):
    """A resident's proposal, optionally pinned on the map inside the consultation's area."""

    id = Serial(primary_key=True)
    consultation = ForeignKey(references=Consultation, on_delete=OnDelete.cascade, index=True)
    author = ForeignKey(references=BaseUser, on_delete=OnDelete.set_null, null=True, index=True)
    title = Varchar(length=160)
    body = Text(default="")
    category = Varchar(length=80, default="")
    lat = DoublePrecision(null=True, default=None)
    lon = DoublePrecision(null=True, default=None)
    district = ForeignKey(references=District, on_delete=OnDelete.set_null, null=True)
    visibility = Varchar(length=10, default="pending", index=True)
    reason_de = Text(null=True, default=None)
    reason_en = Text(null=True, default=None)
    withdrawn = Boolean(default=False)
    support_count = Integer(default=0)  # "for" votes (or supports)
    against_count = Integer(default=0)
    comment_count = Integer(default=0)  # public, not deleted comments
    answer_status = Varchar(length=12, null=True, default=None)  # in_review | accepted | rejected | implemented
    answer_text = Text(default="")
    answer_published_at = Timestamptz(null=True, default=None)
    answer_dirty = Boolean(default=False)  # an answer was saved but not yet published
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class Comment(Table):
    """A comment on a proposal; replies up to depth 3. Deleted or rejected ones stay as placeholders."""

    id = Serial(primary_key=True)
    proposal = ForeignKey(references=Proposal, on_delete=OnDelete.cascade, index=True)
    parent: ForeignKey = ForeignKey(
        references=LazyTableReference("Comment", module_path="proposals.tables"),
        on_delete=OnDelete.cascade,
        null=True,
        index=True,
    )
    depth = Integer(default=1)
    author = ForeignKey(references=BaseUser, on_delete=OnDelete.set_null, null=True, index=True)
    stance = Varchar(length=8, default="neutral")  # pro | neutral | contra
    text = Text()
    visibility = Varchar(length=10, default="pending")
    reason_de = Text(null=True, default=None)
    reason_en = Text(null=True, default=None)
    deleted = Boolean(default=False)
    up_count = Integer(default=0)
    down_count = Integer(default=0)
    reply_count = Integer(default=0)  # all replies below, for "most discussed"
    created_at = Timestamptz(default=TimestamptzNow())
    edited_at = Timestamptz(null=True, default=None)


class CommentVote(Table):
    """Up (+1) or down (-1) on a comment; one per person and comment (unique index in a migration)."""

    id = Serial(primary_key=True)
    comment = ForeignKey(references=Comment, on_delete=OnDelete.cascade, index=True)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade)
    value = Integer()


class ProposalVote(Table):
    """A vote on a proposal: +1 (support / for) or -1 (against); one per person and proposal."""

    id = Serial(primary_key=True)
    proposal = ForeignKey(references=Proposal, on_delete=OnDelete.cascade, index=True)
    consultation = ForeignKey(references=Consultation, on_delete=OnDelete.cascade, index=True)
    # set_null: a deleted account's votes still count, anonymised (NULLs never collide in the unique index).
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.set_null, null=True)
    value = Integer(default=1)
    created_at = Timestamptz(default=TimestamptzNow())


class VoteBudget(Table):
    """How many votes a person has used in a consultation: the row a vote increments atomically."""

    id = Serial(primary_key=True)
    consultation = ForeignKey(references=Consultation, on_delete=OnDelete.cascade)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade)
    used = Integer(default=0)
