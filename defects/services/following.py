"""Residents follow a report (a mail on every status change) and stop following it."""

from __future__ import annotations

from contributions import following
from contributions.actor import Actor
from contributions.following import DEFECT_REPORT, Target
from contributions.schemas import Following
from defects.errors import ReportNotFound
from defects.rules import may_see
from defects.services.status_change import load_report
from geo.tables import Municipality


async def follow_report(municipality: Municipality, report_id: int, viewer: Actor, on: bool) -> Following:
    """Only a report the person may see (unfollowing also stops a follow by the account's address)."""
    assert viewer.user_id is not None  # the web shell lets only logged-in people in
    report = await load_report(municipality.id, report_id)
    if not may_see(viewer, report["visibility"], report["confirmed_at"] is not None):
        raise ReportNotFound()
    target = Target(DEFECT_REPORT, report_id)
    if on:
        await following.follow(target, municipality.id, user_id=viewer.user_id)
    else:
        await following.unfollow(target, user_id=viewer.user_id)
    return Following(following=on)
