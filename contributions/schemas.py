"""What goes in and out of the shared layer: following, notifications, photos."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Following(BaseModel):
    following: bool


class NotificationPreference(BaseModel):
    """How a person hears of what they follow: each at once, one daily digest, or not at all."""

    model_config = ConfigDict(extra="forbid")

    mode: Literal["immediate", "daily", "off"]


class UnsubscribeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=10, max_length=1000)


class Unsubscribed(BaseModel):
    detail_de: str
    detail_en: str


class Photo(BaseModel):
    """Every photo of every contribution has the same shape and URLs."""

    id: int
    url: str = Field(description="the photo (JPEG, metadata removed)")
    thumb_url: str = Field(description="a small version, at most 400 px on the long edge")
    width: int
    height: int
