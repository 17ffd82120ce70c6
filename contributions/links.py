"""The frontend's addresses that mails, moderation and Open311 carry: a port the web shell implements.

Domain code asks for "the page of proposal 7 in taunusstein" and never writes a route itself, so the
routes (hash or history router, the site's address) are decided in one place, `backend/links.py`.
"""

from __future__ import annotations

from typing import Protocol


class Links(Protocol):
    """Absolute URLs of the single-page app's screens."""

    def consultation(self, slug: str, consultation_id: int) -> str: ...

    def proposal(self, slug: str, proposal_id: int) -> str: ...

    def report(self, slug: str, report_id: int) -> str: ...

    def report_confirmation(self, slug: str, token: str) -> str: ...

    def staff_queue(self, slug: str) -> str: ...

    def photo(self, slug: str, photo_id: int, *, thumb: bool = False) -> str:
        """The absolute address of a photo (staff see it once signed in), e.g. for a department's mail."""
        ...

    def unsubscribe(self, token: str) -> str: ...

    def area_alert_unsubscribe(self, token: str) -> str:
        """The one-click page that ends one area alert (defects' subscriptions to new reports in an area)."""
        ...
