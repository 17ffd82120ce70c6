"""What the database holds after a fault: read straight from the test's own cluster, not through the app."""

from __future__ import annotations

from collections import Counter

import asyncpg


async def stored_votes(url: str) -> Counter[tuple[str, int]]:
    """(voter's e-mail, proposal id) -> how many rows; the unique index allows one."""
    connection = await asyncpg.connect(url, timeout=10)
    try:
        rows = await connection.fetch(
            'SELECT u.email, v.proposal FROM proposal_vote v JOIN piccolo_user u ON u.id = v."user"'
        )
    finally:
        await connection.close()
    return Counter((row["email"], int(row["proposal"])) for row in rows)


async def support_counts(url: str) -> dict[int, tuple[int, int]]:
    """proposal id -> (its support_count counter, the votes actually stored)."""
    connection = await asyncpg.connect(url, timeout=10)
    try:
        rows = await connection.fetch(
            "SELECT p.id, p.support_count, (SELECT count(*) FROM proposal_vote v WHERE v.proposal = p.id) AS votes "
            "FROM proposal p"
        )
    finally:
        await connection.close()
    return {int(row["id"]): (int(row["support_count"]), int(row["votes"])) for row in rows}


async def stored_reports(url: str) -> Counter[str]:
    """Description of each load report -> how many rows carry it (each was filed as one logical write)."""
    connection = await asyncpg.connect(url, timeout=10)
    try:
        rows = await connection.fetch("SELECT description FROM defect_report WHERE description LIKE 'Lastprobe %'")
    finally:
        await connection.close()
    return Counter(str(row["description"]) for row in rows)
