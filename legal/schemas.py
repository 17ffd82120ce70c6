"""What goes in and out of the legal pages."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from legal.kinds import Kind

MAX_BODY = 60_000


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class LegalPageUpdate(_In):
    body: str = Field(max_length=MAX_BODY, description="Markdown (CommonMark); raw HTML is shown as text")


class LegalPage(BaseModel):
    """A published page as the public reads it."""

    kind: Kind
    title: str
    title_en: str
    version: int
    published_at: datetime
    html: str = Field(description="The Markdown rendered and sanitised (paragraphs, headings, lists, links)")


class LegalPageDraft(BaseModel):
    """One page as its admins see it: the published version (if any) and the text they are working on."""

    kind: Kind
    title: str
    title_en: str
    published_version: int | None
    published_at: datetime | None
    body: str = Field(description="The newest text: the draft when there is one, else the published text")
    draft: bool = Field(description="The newest text is not published yet")
    version: int | None = Field(description="Version number of the newest text")
    updated_at: datetime | None


class LegalDetailsUpdate(_In):
    representative: str = Field(default="", max_length=200, description="Who represents the municipality")
    vat_id: str = Field(default="", max_length=20, pattern=r"^(DE[0-9]{9})?$", description="USt-IdNr., if any")
    supervisory_authority: str = Field(default="", max_length=500)
    dpo_contact: str = Field(default="", max_length=500, description="The data protection officer's contact")


class LegalDetails(BaseModel):
    representative: str
    vat_id: str
    supervisory_authority: str
    dpo_contact: str


class LegalOverview(BaseModel):
    pages: list[LegalPageDraft]
    details: LegalDetails
    listed: bool = Field(description="Anonymous visitors see the municipality in the list of municipalities")


class LegalTemplate(BaseModel):
    kind: Kind
    lang: Literal["de", "en"]
    body: str


class AccessibilityFeedback(_In):
    """A barrier someone met, sent to the municipality's contact address (BITV 2.0 § 7 feedback mechanism)."""

    message: str = Field(min_length=10, max_length=5000)
    page: str = Field(default="", max_length=500, description="Where the barrier is (address or description)")
    name: str = Field(default="", max_length=100)
    email: EmailStr | None = Field(default=None, description="For an answer; may stay empty")
    locale: Literal["de", "en"] = "de"


class PublishedPages(BaseModel):
    """Which legal pages of a municipality are published (for links and the go-live check)."""

    kinds: list[Kind]
