"""Links into the frontend (hash router) that mails and Open311 carry."""

from __future__ import annotations


def report_link(base_url: str, slug: str, report_id: int) -> str:
    return f"{base_url.rstrip('/')}/#/m/{slug}/reports/{report_id}"


def confirm_link(base_url: str, slug: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/#/m/{slug}/reports/confirm/{token}"


def queue_link(base_url: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/#/m/{slug}/reports/queue"
