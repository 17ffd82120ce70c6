"""What goes in and out of the account endpoints."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RegistrationCreate(_In):
    email: EmailStr
    password: str = Field(min_length=1, max_length=256)
    display_name: str = Field(default="", max_length=60, description="Shown with your contributions; may stay empty")
    locale: Literal["de", "en"] = "de"
    accept_terms: bool = Field(default=False, description="The person accepts the terms of use (required: true)")
    terms_of: str | None = Field(
        default=None,
        max_length=64,
        pattern=r"^[a-z0-9-]+$",
        description="Slug of the municipality whose terms were shown; default: the first listed one",
    )


class Login(_In):
    email: EmailStr
    password: str = Field(min_length=1, max_length=256)


class EmailOnly(_In):
    email: EmailStr


class TokenOnly(_In):
    token: str = Field(min_length=10, max_length=200)


class PasswordReset(_In):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(min_length=1, max_length=256)


class Notice(BaseModel):
    """A plain confirmation for the person, in both languages."""

    detail_de: str
    detail_en: str


class MembershipOut(BaseModel):
    municipality: str
    role: str


class Me(BaseModel):
    id: int
    email: str
    display_name: str
    verified: bool
    locale: str
    memberships: list[MembershipOut]


class ProfileUpdate(_In):
    display_name: str | None = Field(default=None, max_length=60)
    locale: Literal["de", "en"] | None = None


class PasswordChange(_In):
    current_password: str = Field(min_length=1, max_length=256)
    new_password: str = Field(min_length=1, max_length=256)


class AccountDeletion(_In):
    password: str = Field(min_length=1, max_length=256, description="Your current password, to confirm")
