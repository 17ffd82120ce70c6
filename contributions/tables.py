"""Tables of the shared contribution layer, keyed by (content_type, content_id) like moderation's."""

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from geo.tables import Municipality


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
