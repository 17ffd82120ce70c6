"""Render one report job: `python -m backend.reports.worker JOB_ID` (started by the app's job loop)."""

from __future__ import annotations

import asyncio
import sys

import backend  # noqa: F401  (sets PICCOLO_CONF)
from backend.reports.runner import run

if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1])))
