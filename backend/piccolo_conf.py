"""Piccolo's configuration: the engine from DATABASE_URL and every app with tables."""

from piccolo.conf.apps import AppRegistry

from backend.database import engine_for
from backend.settings import get_settings

DB = engine_for(get_settings().database_url)

APP_REGISTRY = AppRegistry(
    apps=[
        "piccolo.apps.user.piccolo_app",
        "geo.piccolo_app",
        "backend.accounts.piccolo_app",
        "backend.mail.piccolo_app",
        "contributions.piccolo_app",
        "defects.piccolo_app",
        "proposals.piccolo_app",
        "moderation.piccolo_app",
        "backend.documents.piccolo_app",
        "backend.idempotency.piccolo_app",
        "legal.piccolo_app",
        "surveys.piccolo_app",
        "backend.schedule.piccolo_app",
    ]
)
