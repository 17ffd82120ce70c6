"""Tables of the shared contribution layer, keyed by (content_type, content_id) like moderation's."""

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from geo.tables import Municipality


class Follow(Table, tablename="contribution_follow"):
    """Someone follows a consultation, a proposal or a defect report: a person with an account (`user`), or an
    address without one (`email`, e.g. an anonymous reporter). Once per person or address and target."""

    id = Serial(primary_key=True)
    content_type = Varchar(length=40)  # "consultation" | "proposal" | "defect_report"
    content_id = Integer()
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade, null=True, index=True)
    email = Varchar(length=254, default="")  # only when `user` is None
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade)
    created_at = Timestamptz(default=TimestamptzNow())


class NotificationPreference(Table, tablename="contribution_notification_preference"):
    """How a person wants news of what they follow: each at once, one daily digest, or none."""

    id = Serial(primary_key=True)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade, unique=True)
    mode = Varchar(length=10, default="immediate")  # immediate | daily | off


class PendingNotice(Table, tablename="contribution_pending_notice"):
    """A notice waiting for the person's daily digest."""

    id = Serial(primary_key=True)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade, index=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade)
    content_type = Varchar(length=40, default="")
    content_id = Integer(null=True, default=None)
    text_de = Text()
    text_en = Text()
    link = Varchar(length=500)
    created_at = Timestamptz(default=TimestamptzNow())
    sent_at = Timestamptz(null=True, default=None)


class Photo(Table, tablename="contribution_photo"):
    """A cleaned photo (no metadata, see media.photos) of one contribution, moderated on its own as "photo".

    `content_type` names the owner ("proposal", "defect_report"; later "survey_answer"), `content_id` its row;
    an index on both (in a migration) serves "the photos of these contributions" in one query.
    """

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade)
    content_type = Varchar(length=32)
    content_id = Integer()
    author = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null, index=True)
    key = Varchar(length=64)  # the PhotoStore file; a moderator's blur replaces it
    width = Integer()
    height = Integer()
    position = Integer(default=0)  # order within the contribution, from 0
    visibility = Varchar(length=10, default="pending")  # a moderation.hook.Visibility
    created_at = Timestamptz(default=TimestamptzNow())
