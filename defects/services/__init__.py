"""Use cases of the Mängelmelder, one module per subject (re-exported here): the one entry point of `backend`.

Also re-exported: what the web shell needs of the statuses (`defects.workflow`), the permission predicates
(`defects.rules`) and the answer check (`defects.questions`), so it never reaches past this package (the
registry reads `defects.content_types`).
"""

from defects.questions import check_answers
from defects.rules import may_manage
from defects.services.affected import mark_affected, nearby_open
from defects.services.apikeys import check_key, issue_key
from defects.services.categories import create_category, get_category, list_categories, questions_of
from defects.services.cleanup import purge_unconfirmed
from defects.services.districts import reassign_report_districts
from defects.services.filing import Filing, confirm_report, file_report
from defects.services.following import follow_report
from defects.services.map_and_list import MapFilter, cluster_features, report_features
from defects.services.open311_feed import FeedItem, public_requests
from defects.services.reading import photo_access, report_detail
from defects.services.reminders import remind_overdue
from defects.services.statistics import DefectStatistics, open_data_rows, period_statistics
from defects.services.status_change import change_status
from defects.workflow import Group, Status, label, legend, open311_status

__all__ = [
    "DefectStatistics",
    "FeedItem",
    "Filing",
    "Group",
    "MapFilter",
    "Status",
    "change_status",
    "check_answers",
    "check_key",
    "cluster_features",
    "confirm_report",
    "create_category",
    "file_report",
    "follow_report",
    "get_category",
    "issue_key",
    "label",
    "legend",
    "list_categories",
    "mark_affected",
    "may_manage",
    "nearby_open",
    "open311_status",
    "open_data_rows",
    "period_statistics",
    "photo_access",
    "public_requests",
    "purge_unconfirmed",
    "questions_of",
    "reassign_report_districts",
    "remind_overdue",
    "report_detail",
    "report_features",
]
