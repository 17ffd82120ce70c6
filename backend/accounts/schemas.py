"""What goes in and out of the account endpoints."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationInfo, field_validator

from geo.ids import RowId


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


MIN_PASSWORD_LENGTH = 10


def long_enough(password: str) -> str:
    """The length rule as a field check, so a 422 lists it together with every other field problem (a bad
    e-mail address and a short password at once); the other password rules stay in the service."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    return password


class RegistrationCreate(_In):
    email: EmailStr
    password: str = Field(min_length=1, max_length=256)
    _password_long_enough = field_validator("password")(long_enough)
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
    _password_long_enough = field_validator("password")(long_enough)


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


class EmailChange(_In):
    new_email: EmailStr = Field(description="The new address; it takes effect once its mailed link is opened")
    password: str = Field(min_length=1, max_length=256, description="Your current password, to confirm")


class AccountDeletion(_In):
    password: str = Field(min_length=1, max_length=256, description="Your current password, to confirm")


# --- the back office's people section -------------------------------------------------------------

InvitedRole = Literal["staff", "moderator", "admin", "council"]


class PersonRole(BaseModel):
    """One role a person holds in the municipality (`membership_id` revokes it)."""

    membership_id: int
    role: str
    department_id: int | None = None
    department: str | None = Field(default=None, description="The department's name, for staff")


class Person(BaseModel):
    """Someone who holds a role in the municipality, as its admins see them."""

    id: int
    display_name: str
    email: str
    verified: bool = Field(description="The address is confirmed (an invited person: the invitation was accepted)")
    invited: bool = Field(description="An invitation link was sent and not used yet")
    deactivated: bool
    roles: list[PersonRole]


class InvitationCreate(_In):
    """Invite a colleague by e-mail; an existing account simply gets the role (and a notice mail)."""

    email: EmailStr
    name: str = Field(min_length=1, max_length=60, description="How the person is shown")
    role: InvitedRole
    department_id: RowId | None = Field(default=None, validate_default=True, description="Required for staff")
    locale: Literal["de", "en"] = "de"

    @field_validator("department_id")
    @classmethod
    def _staff_name_their_department(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is None and info.data.get("role") == "staff":
            raise ValueError("Staff work in a department: choose one")
        return value


class InvitationSent(BaseModel):
    created: bool = Field(description="A new account was set up (false: an existing account got the role)")
    detail_de: str
    detail_en: str


class InvitationAccept(_In):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(min_length=1, max_length=256)


class Deactivated(BaseModel):
    scope: Literal["municipality", "platform"] = Field(
        description="municipality: only the roles here were removed (the account belongs elsewhere too); "
        "platform: the account can no longer log in"
    )
    detail_de: str
    detail_en: str
