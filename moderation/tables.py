"""Moderation's own records, over (content type, content id, municipality): it never joins a content table."""

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import Boolean, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from geo.tables import Municipality


class ModerationItem(Table):
    """One contribution as moderation sees it: a snapshot of its text, its visibility and why it waits."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade)
    content_type = Varchar(length=32)
    content_id = Integer()
    author = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null, index=True)
    text = Text(default="")
    text_hash = Varchar(length=64, default="", index=True)  # finds the same text posted again
    context_id = Integer(null=True, default=None)
    preview_url = Varchar(length=500, null=True, default=None)
    photo_key = Varchar(length=100, null=True, default=None)
    link = Varchar(length=500, null=True, default=None)
    visibility = Varchar(length=16, default="pending")  # a hook.Visibility
    queued = Boolean(default=True)  # waits for a moderator (pre-moderation, screening hit, flags, post review)
    queued_at = Timestamptz(default=TimestamptzNow())  # the queue's order: oldest first
    reasons = Varchar(length=300, default="")  # "|phone|new_account|": why it waits, LIKE-filterable
    flag_count = Integer(default=0)
    public_reason = Varchar(length=32, null=True, default=None)  # a reject reason code, for the placeholder
    public_reason_text = Text(default="")
    claimed_by = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    claimed_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    decided_at = Timestamptz(null=True, default=None)


class Flag(Table, tablename="moderation_flag"):
    """A resident's flag on an item; one per item and person (unique index in a raw migration)."""

    id = Serial(primary_key=True)
    item = ForeignKey(references=ModerationItem, on_delete=OnDelete.cascade, index=True)
    user = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    reason = Varchar(length=32)
    text = Text(default="")
    counted = Boolean(default=True)  # toward the hiding threshold (flag_weight.counts_toward_hiding)
    created_at = Timestamptz(default=TimestamptzNow())


class Decision(Table, tablename="moderation_decision"):
    """A moderator's decision on an item; the transparency report counts these."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    item = ForeignKey(references=ModerationItem, null=True, on_delete=OnDelete.set_null, index=True)
    content_type = Varchar(length=32)
    context_id = Integer(null=True, default=None)
    moderator = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    action = Varchar(length=16)  # approve, reject, hide, restore, redact
    reason = Varchar(length=32, default="")
    created_at = Timestamptz(default=TimestamptzNow())


class AuditEntry(Table, tablename="moderation_audit"):
    """Append-only: who did what, when, with the state before and after (JSON text). Never updated."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade)
    actor = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    action = Varchar(length=32)
    item_id = Integer(null=True, default=None, index=True)  # a plain number: the entry outlives the item
    subject_user_id = Integer(null=True, default=None)  # for sanctions
    before = Text(default="{}")
    after = Text(default="{}")
    created_at = Timestamptz(default=TimestamptzNow())


class Sanction(Table, tablename="moderation_sanction"):
    """A warning, a mute until a moment, or a block of a person in one municipality."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade)
    user = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=8)  # warn, mute, block
    until = Timestamptz(null=True, default=None)  # mute: required; block: None means indefinitely
    reason = Text(default="")
    created_by = ForeignKey(references=BaseUser, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
    lifted_at = Timestamptz(null=True, default=None)


class PolicyOverride(Table, tablename="moderation_policy"):
    """A policy for one content type ("*" = all) and/or one consultation (context 0 = all) of a municipality."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    content_type = Varchar(length=32, default="*")
    context_id = Integer(default=0)
    policy = Varchar(length=10)  # standard, pre, post


class ModerationSettings(Table):
    """Per municipality: the flag threshold, the trust rule for new accounts and extra screening words."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, unique=True)
    flag_threshold = Integer(default=3)
    new_account_items = Integer(default=3)
    extra_words = Text(default="")  # one word or phrase per line


class HeldMail(Table, tablename="moderation_held_mail"):
    """A decision's mail to its author, held while the moderator keeps deciding (MODERATION_MAIL_QUIET_SECONDS):
    once none of an author's held mails is younger than that, they leave as one mail (notify.release_due)."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade)
    author = ForeignKey(references=BaseUser, on_delete=OnDelete.cascade, index=True)
    mail = Text()  # the decision mail's context as JSON
    send_after = Timestamptz(default=TimestamptzNow(), index=True)
    created_at = Timestamptz(default=TimestamptzNow())
