"""Which content types and personal-data holders the platform has: one explicit list, read by create_app.

Nothing registers itself on import. `tests/test_content_registry.py` fails when a content type that
reaches moderation is missing here, or lacks its outcome listener, exporter or eraser.
"""

from __future__ import annotations

from backend.mail import privacy as mail
from contributions import notifications, photos
from contributions.registry import PersonalData, Registry
from defects import content_types as defects
from legal import privacy as legal
from moderation import privacy as moderation
from proposals import content_types as proposals
from surveys import content_types as surveys


def content_registry() -> Registry:
    registry = Registry()
    registry.extend(
        content_types=[*proposals.CONTENT_TYPES, *defects.CONTENT_TYPES, *surveys.CONTENT_TYPES, photos.PHOTOS],
        personal_data=[
            *proposals.PERSONAL_DATA,
            *defects.PERSONAL_DATA,
            *surveys.PERSONAL_DATA,
            notifications.PERSONAL_DATA,  # follows of every kind, the mail preference, the digest queue
            PersonalData("flags", moderation.export_flags, moderation.erase_flags),
            PersonalData("sanctions", moderation.export_sanctions, moderation.erase_sanctions),
            PersonalData("mails", mail.export_mails, mail.erase_mails),
            PersonalData("terms_acceptances", legal.export_acceptances, legal.erase_acceptances),
        ],
    )
    return registry
