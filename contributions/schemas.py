"""What the API says about a photo: every photo of every contribution has the same shape and URLs."""

from pydantic import BaseModel, Field


class Photo(BaseModel):
    id: int
    url: str = Field(description="the photo (JPEG, metadata removed)")
    thumb_url: str = Field(description="a small version, at most 400 px on the long edge")
    width: int
    height: int
