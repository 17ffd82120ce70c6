"""The mail server is away for a while: mails wait in the outbox, go out once it is back, and each goes out once
(two workers' senders share the outbox)."""

from __future__ import annotations

import asyncio
import json
import time
import uuid

import asyncpg
import httpx

from tests.defects.factories import pothole
from tests.faults.conftest import DATABASE
from tests.faults.load import record_figures, until

MAILS = 12
DOWN_SECONDS = 6.0
DELIVERY_TIMEOUT = 45.0


async def outbox(url: str) -> list[dict]:
    connection = await asyncpg.connect(url, timeout=10)
    try:
        rows = await connection.fetch("SELECT to_address, attempts, sent_at FROM outgoing_mail")
    finally:
        await connection.close()
    return [dict(row) for row in rows]


async def test_mails_wait_while_the_mail_server_is_away_and_go_out_once_when_it_is_back(
    app, cluster, seeded, smtp_server
):
    mailbox = smtp_server.mailbox
    smtp_server.stop()
    addresses = [f"melder{i}@example.org" for i in range(MAILS)]
    async with httpx.AsyncClient(base_url=app.url, timeout=10) as client:
        await client.get("/api/health")
        csrf = {"x-csrftoken": client.cookies.get("csrftoken", "")}
        for index, address in enumerate(addresses):
            report = pothole(email=address, description=f"Schlagloch Nr. {index} während der Mailpause")
            response = await client.post(
                f"/api/v1/municipalities/{seeded['slug']}/reports",
                files=[("report", (None, json.dumps(report)))],
                headers={**csrf, "idempotency-key": str(uuid.uuid4())},
            )
            assert response.status_code == 201 and response.json()["needs_confirmation"], response.text
    await asyncio.sleep(DOWN_SECONDS)

    url = cluster.url(DATABASE)
    waiting = await outbox(url)
    attempts_while_down = sum(row["attempts"] for row in waiting)
    assert mailbox.messages == []
    assert len(waiting) == MAILS and all(row["sent_at"] is None for row in waiting), waiting
    assert all(row["attempts"] >= 1 for row in waiting), waiting  # tried, failed, kept for later

    smtp_server.start_again()
    back_at = time.monotonic()
    try:
        await until(lambda: len(mailbox.messages) >= MAILS, DELIVERY_TIMEOUT, "every mail delivered")
    finally:
        delivered_after = time.monotonic() - back_at
    await asyncio.sleep(3)  # both senders polled again: nothing goes out twice
    received = [str(message["To"]) for message in mailbox.messages]
    sent = await outbox(url)
    summary = {
        "mails_queued": MAILS,
        "attempts_while_down": attempts_while_down,
        "mails_received": len(received),
        "distinct_recipients": len(set(received)),
        "seconds_to_deliver_after_smtp_back": round(delivered_after, 2),
        "marked_sent": sum(row["sent_at"] is not None for row in sent),
    }
    record_figures("mail server outage", summary)
    assert sorted(received) == sorted(addresses), summary  # every mail, each exactly once
    assert all(row["sent_at"] is not None for row in sent), sent
