"""The content types of the Mängelmelder and the personal data it holds, for the application's registry."""

from __future__ import annotations

from contributions.registry import ContentType, PersonalData
from defects import privacy
from defects.moderation_link import apply_report_outcome
from defects.services import updates

CONTENT_TYPES = (
    ContentType("defect_report", apply_report_outcome, privacy.export_reports, privacy.erase_reports),
    # A resident's update to a report, moderated like a comment (issue 13 §3).
    ContentType(updates.CONTENT_TYPE, updates.apply_update_outcome, updates.export_updates, updates.erase_updates),
)
PERSONAL_DATA = (
    PersonalData("defect_affected", privacy.export_affected, privacy.erase_affected),
    PersonalData("defect_area_alerts", privacy.export_area_alerts, privacy.erase_area_alerts),
)
