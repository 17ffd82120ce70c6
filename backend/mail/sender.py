"""Delivers the outbox over SMTP (aiosmtplib), or into var/outbox/ as .eml files when no SMTP host is set.

Several workers may run senders at once: each claims a batch with one guarded UPDATE, so a mail is
sent by one of them; a claim older than ten minutes (a worker died) is taken over.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

import aiosmtplib

from backend.mail.tables import OutgoingMail
from backend.settings import Settings
from geo import clock

log = logging.getLogger(__name__)
BATCH = 20
MAX_ATTEMPTS = 8
STALE_CLAIM = timedelta(minutes=10)


def build_message(settings: Settings, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="stadtstimme.localhost")
    message.set_content(body)
    return message


async def _claim_batch() -> tuple[str, list[dict]]:
    claim = secrets.token_hex(8)
    now = clock.now()
    pending = (
        OutgoingMail.sent_at.is_null()
        & (OutgoingMail.attempts < MAX_ATTEMPTS)
        & (OutgoingMail.claim.is_null() | (OutgoingMail.claimed_at < now - STALE_CLAIM))
    )
    ids = [
        r["id"]
        for r in await OutgoingMail.select(OutgoingMail.id).where(pending).order_by(OutgoingMail.id).limit(BATCH)
    ]
    if not ids:
        return claim, []
    await OutgoingMail.update({OutgoingMail.claim: claim, OutgoingMail.claimed_at: now}).where(
        OutgoingMail.id.is_in(ids) & pending
    )
    rows = await OutgoingMail.select().where(OutgoingMail.claim == claim)
    return claim, rows


async def deliver(settings: Settings, message: EmailMessage) -> None:
    if settings.smtp_host:
        await aiosmtplib.send(
            message,
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password,
            start_tls=settings.smtp_starttls,
            timeout=30,
        )
        return
    settings.mail_outbox_dir.mkdir(parents=True, exist_ok=True)
    name = f"{clock.now():%Y%m%dT%H%M%S}-{secrets.token_hex(4)}.eml"
    (settings.mail_outbox_dir / name).write_bytes(bytes(message))
    # No address in the log (DSGVO): the file itself holds it, for the developer who needs it.
    log.info("Mail written to %s (no SMTP_HOST set): %s", settings.mail_outbox_dir / name, message["Subject"])


async def deliver_pending(settings: Settings) -> int:
    """Send what is due; returns how many mails went out."""
    sent = 0
    while True:
        _, rows = await _claim_batch()
        if not rows:
            return sent
        for row in rows:
            try:
                await deliver(settings, build_message(settings, row["to_address"], row["subject"], row["body"]))
            except (aiosmtplib.SMTPException, OSError) as error:
                log.warning("Mail %s failed (attempt %s): %s", row["id"], row["attempts"] + 1, error)
                await OutgoingMail.update(
                    {
                        OutgoingMail.attempts: OutgoingMail.attempts + 1,
                        OutgoingMail.last_error: str(error)[:500],
                        OutgoingMail.claim: None,
                    }
                ).where(OutgoingMail.id == row["id"])
                continue
            await OutgoingMail.update({OutgoingMail.sent_at: clock.now()}).where(OutgoingMail.id == row["id"])
            sent += 1


async def run_sender(settings: Settings, wake: asyncio.Event, stop: asyncio.Event, poll_seconds: float = 2.0) -> None:
    """Background loop of one worker: deliver whenever woken, and at least every `poll_seconds`.

    It ends between two deliveries once `stop` is set, never inside a database call: cancelling an
    aiosqlite call mid-way can leave its connection thread behind and hang the shutdown.
    """
    while not stop.is_set():
        try:
            await deliver_pending(settings)
        except Exception:  # the loop must survive a database hiccup
            log.exception("Mail sender failed; retrying")
        try:
            await asyncio.wait_for(wake.wait(), timeout=poll_seconds)
        except TimeoutError:
            pass
        wake.clear()
