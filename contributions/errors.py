"""Errors of the shared contribution layer: unsubscribe links and photos."""

from __future__ import annotations

from geo.errors import Invalid, NotFound


class InvalidToken(Invalid):
    code = "invalid-unsubscribe-token"

    def __init__(self) -> None:
        super().__init__("Dieser Abmeldelink ist ungültig.", "This unsubscribe link is not valid.", field="token")


class TooManyPhotos(Invalid):
    code = "too-many-photos"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"Höchstens {limit} Fotos pro Beitrag.", f"At most {limit} photos per contribution.", field="photos"
        )


class PhotoNotFound(NotFound):
    code = "photo-not-found"

    def __init__(self) -> None:
        super().__init__("Dieses Foto gibt es nicht.", "There is no such photo.", field="photo_id")
