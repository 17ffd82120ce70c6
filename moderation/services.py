"""Moderation's use cases in one import: `from moderation import services as moderation`."""

from moderation.admin import policies, set_override, set_words, update_policies, word_list
from moderation.audit import actors as audit_actors
from moderation.audit import csv_lines as audit_csv
from moderation.audit import entries as audit_entries
from moderation.audit import history
from moderation.decisions import claim, decide, decide_many, release
from moderation.flags import flag, flags_of
from moderation.intake import ensure_may_contribute, submit
from moderation.items import get_item, state_of
from moderation.queue import QueueFilter, counts, page
from moderation.sanctions import impose, lift, sanctions_of
from moderation.transparency import transparency

__all__ = [
    "QueueFilter",
    "audit_actors",
    "audit_csv",
    "audit_entries",
    "claim",
    "counts",
    "decide",
    "decide_many",
    "ensure_may_contribute",
    "flag",
    "flags_of",
    "get_item",
    "history",
    "impose",
    "lift",
    "page",
    "policies",
    "release",
    "sanctions_of",
    "set_override",
    "set_words",
    "state_of",
    "submit",
    "transparency",
    "update_policies",
    "word_list",
]
