"""The content types of participation and the personal data it holds, for the application's registry."""

from __future__ import annotations

from contributions.registry import ContentType, PersonalData
from proposals import privacy
from proposals.queue_context import comment_parents, consultation_titles
from proposals.services.comments import apply_comment_outcome
from proposals.services.contributions import apply_proposal_outcome

CONTENT_TYPES = (
    ContentType("proposal", apply_proposal_outcome, privacy.export_proposals, privacy.erase_proposals),
    ContentType(
        "comment", apply_comment_outcome, privacy.export_comments, privacy.erase_comments, parents=comment_parents
    ),
)
PERSONAL_DATA = (PersonalData("votes", privacy.export_votes, privacy.erase_votes),)
CONTEXT_TITLES = consultation_titles  # moderation context ids of participation are consultation ids
