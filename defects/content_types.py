"""The content types of the Mängelmelder and the personal data it holds, for the application's registry."""

from __future__ import annotations

from contributions.registry import ContentType, PersonalData
from defects import privacy
from defects.moderation_link import apply_report_outcome

CONTENT_TYPES = (ContentType("defect_report", apply_report_outcome, privacy.export_reports, privacy.erase_reports),)
PERSONAL_DATA = (PersonalData("defect_affected", privacy.export_affected, privacy.erase_affected),)
