"""Delivers the outbox over SMTP (aiosmtplib), or into var/outbox/ as .eml files when no SMTP host is set.

Several workers may run senders at once: each claims a batch with one guarded UPDATE, so a mail is
sent by one of them; a claim older than ten minutes (a worker died) is taken over.

While the mail server is away, mails wait in the outbox: each failed attempt doubles the wait before the next
(1 s, 2 s, 4 s … up to 15 minutes), for about two days, as a mail server's own queue would. A permanent refusal
(an SMTP 5xx answer, e.g. an unknown recipient) is not retried.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import aiosmtplib

from backend.mail.tables import OutgoingMail
from backend.settings import Settings
from geo import clock

log = logging.getLogger(__name__)
BATCH = 20
STALE_CLAIM = timedelta(minutes=10)
FIRST_RETRY = timedelta(seconds=1)
LONGEST_RETRY = timedelta(minutes=15)
MAX_ATTEMPTS = 200  # with the waits above: about two days


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt."""
    return min(FIRST_RETRY * 2 ** min(attempts - 1, 20), LONGEST_RETRY)


def is_permanent(error: Exception) -> bool:
    """An SMTP 5xx answer will not change by asking again; a refused connection or a 4xx answer may."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        return all(500 <= refusal.code < 600 for refusal in error.recipients)
    return isinstance(error, aiosmtplib.SMTPResponseException) and 500 <= error.code < 600


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
        & (OutgoingMail.next_attempt_at.is_null() | (OutgoingMail.next_attempt_at <= now))
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
                permanent = is_permanent(error)
                attempts = MAX_ATTEMPTS if permanent else row["attempts"] + 1
                verdict = "refused for good" if permanent else f"retry in {retry_delay(attempts)}"
                log.warning("Mail %s failed (attempt %s, %s): %s", row["id"], row["attempts"] + 1, verdict, error)
                await OutgoingMail.update(
                    {
                        OutgoingMail.attempts: attempts,
                        OutgoingMail.next_attempt_at: clock.now() + retry_delay(attempts),
                        OutgoingMail.last_error: str(error)[:500],
                        OutgoingMail.claim: None,
                    }
                ).where(OutgoingMail.id == row["id"])
                continue
            done: dict[Any, Any] = {OutgoingMail.sent_at: clock.now()}
            if row.get("forget"):
                done |= {OutgoingMail.to_address: "", OutgoingMail.body: ""}
            await OutgoingMail.update(done).where(OutgoingMail.id == row["id"])
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
