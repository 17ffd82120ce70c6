"""What can be wrong with an upload."""

from geo.errors import Invalid


class UnsupportedImage(Invalid):
    code = "unsupported-image"

    def __init__(self, field: str = "photos") -> None:
        super().__init__(
            "Bitte laden Sie ein Foto als JPEG, PNG oder WebP hoch.",
            "Please upload a photo as JPEG, PNG or WebP.",
            field=field,
        )


class ImageTooLarge(Invalid):
    code = "image-too-large"

    def __init__(self, limit_mb: int, field: str = "photos") -> None:
        super().__init__(
            f"Ein Foto darf höchstens {limit_mb} MB groß sein.",
            f"A photo may be at most {limit_mb} MB.",
            field=field,
        )


class TooManyPixels(Invalid):
    code = "image-too-many-pixels"

    def __init__(self, limit_megapixels: int, field: str = "photos") -> None:
        super().__init__(
            f"Ein Foto darf höchstens {limit_megapixels} Megapixel haben.",
            f"A photo may have at most {limit_megapixels} megapixels.",
            field=field,
        )
