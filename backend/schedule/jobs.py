"""The app's scheduled jobs: reminders to departments, the notification digests, the purge of unconfirmed
reports. The CLI commands (backend/cli.py) call the same functions for operators who run them from cron."""

from __future__ import annotations

from datetime import timedelta

from backend.links import SpaLinks, post_office
from backend.schedule.loop import Daily, Every, Job
from backend.settings import Settings
from geo.ports import Mailer

REMIND_OVERDUE = "remind-overdue"
SEND_DIGESTS = "send-digests"
PURGE_UNCONFIRMED = "purge-unconfirmed"
SEND_AREA_ALERTS = "send-area-alerts"
SEND_MODERATION_MAILS = "send-moderation-mails"
NAMES = (REMIND_OVERDUE, SEND_DIGESTS, PURGE_UNCONFIRMED, SEND_AREA_ALERTS, SEND_MODERATION_MAILS)


async def remind_overdue(settings: Settings, mailer: Mailer) -> int:
    """Mail departments about reports without a status change for DEFECT_REMINDER_DAYS; returns the reports."""
    from defects.services.reminders import remind_overdue as remind

    return await remind(
        mailer=mailer, links=SpaLinks(settings.base_url), overdue_after=timedelta(days=settings.defect_reminder_days)
    )


async def send_digests(settings: Settings, mailer: Mailer) -> int:
    """Announce phases that have begun and queue the daily digests; returns the mails queued."""
    from contributions import notifications
    from proposals import services

    post = post_office(settings, mailer)
    announced = await services.announce_phases(post)
    return announced + await notifications.send_digests(post)


async def purge_unconfirmed(settings: Settings) -> int:
    """Delete anonymous reports whose confirmation link was not opened within seven days; returns how many."""
    from defects.services.cleanup import purge_unconfirmed as purge
    from media.photos import PhotoStore

    return await purge(PhotoStore(settings.media_dir))


async def send_area_alerts(settings: Settings, mailer: Mailer) -> int:
    """Area alerts for reports that became public later (a moderator's decision); returns the people told.
    Reports public at once are alerted by the request that files or confirms them."""
    from defects.services.alerts import deliver_everywhere

    return await deliver_everywhere(post_office(settings, mailer))


async def send_moderation_mails(mailer: Mailer) -> int:
    """Decision mails whose quiet time is over, one per author; returns the mails sent."""
    from moderation.notify import release_due

    return await release_due(mailer)


def scheduled_jobs(settings: Settings, mailer: Mailer) -> list[Job]:
    """What runs when: reminders at 6, digests at 7 (local time), the purge every hour."""
    return [
        Job(REMIND_OVERDUE, Daily(6), lambda: remind_overdue(settings, mailer)),
        Job(SEND_DIGESTS, Daily(7), lambda: send_digests(settings, mailer)),
        Job(PURGE_UNCONFIRMED, Every(timedelta(hours=1)), lambda: purge_unconfirmed(settings)),
        Job(SEND_AREA_ALERTS, Every(timedelta(minutes=5)), lambda: send_area_alerts(settings, mailer)),
        # A quarter of the quiet time: a held mail leaves at most 25 % later than its quiet time allows (without a
        # quiet time nothing is held; once a minute sends what an earlier setting held).
        Job(
            SEND_MODERATION_MAILS,
            Every(timedelta(seconds=max(1, settings.moderation_mail_quiet_seconds // 4 or 60))),
            lambda: send_moderation_mails(mailer),
        ),
    ]
