"""Where a report's photo is served (the API path the frontend and Open311 carry)."""

from __future__ import annotations


def photo_path(slug: str, report_id: int, photo_id: int, thumb: bool = False) -> str:
    suffix = "?size=thumb" if thumb else ""
    return f"/api/v1/municipalities/{slug}/reports/{report_id}/photos/{photo_id}{suffix}"
