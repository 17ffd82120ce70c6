"""Errors of the shared contribution layer."""

from __future__ import annotations

from geo.errors import Invalid


class InvalidToken(Invalid):
    code = "invalid-unsubscribe-token"

    def __init__(self) -> None:
        super().__init__("Dieser Abmeldelink ist ungültig.", "This unsubscribe link is not valid.", field="token")
