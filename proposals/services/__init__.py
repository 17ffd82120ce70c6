"""Use cases of participation, one module per subject (re-exported here)."""

from contributions.notifications import Post
from proposals.services.answers import proposals_to_answer, publish_all, publish_answer, save_answer
from proposals.services.comments import add_comment, delete_comment, edit_comment, list_comments, vote_comment
from proposals.services.consultations import (
    cover_key,
    create_consultation,
    get_consultation,
    list_consultations,
    preview_text,
    set_cover,
    update_consultation,
)
from proposals.services.contributions import (
    create_proposal,
    get_proposal,
    photo_access,
    update_proposal,
    withdraw_proposal,
)
from proposals.services.districts import reassign_proposal_districts
from proposals.services.following import follow_consultation, follow_proposal
from proposals.services.listing import list_proposals, pins, pins_json, similar_proposals
from proposals.services.phases import announce_phases
from proposals.services.voting import vote, withdraw_vote

__all__ = [
    "Post",
    "add_comment",
    "announce_phases",
    "cover_key",
    "create_consultation",
    "create_proposal",
    "delete_comment",
    "edit_comment",
    "follow_consultation",
    "follow_proposal",
    "get_consultation",
    "get_proposal",
    "list_comments",
    "list_consultations",
    "list_proposals",
    "photo_access",
    "pins",
    "pins_json",
    "preview_text",
    "proposals_to_answer",
    "publish_all",
    "publish_answer",
    "reassign_proposal_districts",
    "save_answer",
    "set_cover",
    "similar_proposals",
    "update_consultation",
    "update_proposal",
    "vote",
    "vote_comment",
    "withdraw_proposal",
    "withdraw_vote",
]
