"""Invitation codes by mail: the admin pastes addresses, each gets one code; the addresses are not kept.

Only the codes' hashes are stored, as for printed letters; no row ties an address to a code (anonymity).
The whole list is checked before anything is sent: one bad line and nothing goes out.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from contributions.actor import Actor
from geo.ports import Mailer
from geo.tables import Municipality
from moderation import audit
from surveys import keys, schemas
from surveys.errors import InvalidAddresses, NoAddresses, WrongAudience
from surveys.services.building import _ensure_admin, definition_of, store_codes, survey_row
from surveys.tables import InvitationCode

MAX_ADDRESSES = 5000


def addresses(text: str) -> tuple[list[str], int]:
    """The distinct addresses of a pasted list (one per line, blank lines skipped) and how many repeated;
    raises InvalidAddresses naming every line that is no address."""
    found: list[str] = []
    seen: set[str] = set()
    bad: list[tuple[int, str]] = []
    duplicates = 0
    for number, line in enumerate(text.splitlines(), start=1):
        raw = line.strip().strip(",;").strip()
        if not raw:
            continue
        try:
            address = validate_email(raw, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            bad.append((number, raw[:80]))
            continue
        if address in seen:
            duplicates += 1
            continue
        seen.add(address)
        found.append(address)
    if bad:
        raise InvalidAddresses(bad)
    if not found or len(found) > MAX_ADDRESSES:
        raise NoAddresses(MAX_ADDRESSES)
    return found, duplicates


async def mail_codes(
    municipality: Municipality,
    survey_id: int,
    actor: Actor,
    data: schemas.InvitationCodesMail,
    mailer: Mailer,
    link: str,
) -> schemas.InvitationCodesMailed:
    """One fresh code per distinct address, mailed with the survey's link (`link` + `?code=`)."""
    _ensure_admin(actor)
    row = await survey_row(municipality, survey_id, actor)
    definition = definition_of(row)
    if data.audience not in definition.audiences:
        raise WrongAudience()
    recipients, duplicates = addresses(data.emails)
    # Codes are drawn independently of the list's order and the list is forgotten after sending.
    codes = [keys.new_code() for _ in recipients]
    async with InvitationCode._meta.db.transaction():
        batch = await store_codes(survey_id, data.audience, codes)
        for address, code in zip(recipients, codes, strict=True):
            await mailer.send(
                to=address,
                template="surveys/invitation_code",
                context={
                    "code": code,
                    "link": f"{link}?code={code}",
                    "title": definition.title.de,
                    "title_en": definition.title.get("en"),
                    "municipality": municipality.name,
                },
                municipality_id=municipality.id,
                forget=True,  # delivered, the outbox keeps neither the address nor the code
            )
        await audit.record(
            municipality.id,
            "survey_codes_mailed",
            actor_id=actor.id,
            after={"survey": survey_id, "audience": data.audience.value, "count": len(codes), "batch": batch},
        )
    return schemas.InvitationCodesMailed(audience=data.audience, batch=batch, sent=len(codes), duplicates=duplicates)
