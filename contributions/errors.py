"""What can be wrong with the photos of a contribution."""

from geo.errors import Invalid, NotFound


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
