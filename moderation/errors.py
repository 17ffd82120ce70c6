"""Moderation's domain errors (the web shell maps their kinds to HTTP status codes)."""

from __future__ import annotations

from datetime import datetime

from geo.errors import Conflict, Forbidden, Invalid, NotFound


class ItemNotFound(NotFound):
    code = "moderation-item-not-found"

    def __init__(self, field: str = "item_id") -> None:
        super().__init__(
            "Diesen Beitrag gibt es in der Moderation nicht.", "There is no such item in moderation.", field=field
        )


class ContentNotFound(NotFound):
    code = "content-not-found"

    def __init__(self) -> None:
        super().__init__("Diesen Beitrag gibt es nicht.", "There is no such contribution.", field="content_id")


class AlreadyFlagged(Conflict):
    code = "already-flagged"

    def __init__(self) -> None:
        super().__init__(
            "Sie haben diesen Beitrag schon gemeldet. Danke!",
            "You have already flagged this. Thank you!",
            field="content_id",
        )


class ClaimedByOther(Conflict):
    code = "claimed-by-other"

    def __init__(self, name: str) -> None:
        super().__init__(
            f"{name} bearbeitet diesen Beitrag gerade.", f"{name} is working on this item right now.", field="item_id"
        )


class InvalidDecision(Invalid):
    code = "invalid-decision"


class AuthorSanctioned(Forbidden):
    """A muted or blocked person tries to contribute; the message says why and until when."""

    code = "author-sanctioned"

    def __init__(self, kind: str, until: datetime | None, reason: str) -> None:
        when_de = f" bis {until.strftime('%d.%m.%Y, %H:%M')} Uhr (UTC)" if until else ""
        when_en = f" until {until.strftime('%Y-%m-%d %H:%M')} UTC" if until else ""
        why_de = f" Grund: {reason}" if reason else ""
        why_en = f" Reason: {reason}" if reason else ""
        if kind == "mute":
            de = f"Ihr Konto ist{when_de} stummgeschaltet. Sie können bis dahin nichts beitragen.{why_de}"
            en = f"Your account is muted{when_en}. You cannot contribute until then.{why_en}"
        else:
            de = f"Ihr Konto ist{when_de or ' dauerhaft'} gesperrt. Sie können nichts beitragen.{why_de}"
            en = f"Your account is blocked{when_en or ' indefinitely'}. You cannot contribute.{why_en}"
        super().__init__(de, en, field="author", kind=kind, until=until.isoformat() if until else None)
