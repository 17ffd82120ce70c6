"""Render one document job: `python -m backend.documents.worker JOB_ID` (started by the app's job loop)."""

from __future__ import annotations

import asyncio
import sys

import backend  # noqa: F401  (sets PICCOLO_CONF)
from backend.documents.kinds import register_builders
from backend.documents.runner import run

if __name__ == "__main__":
    register_builders()
    asyncio.run(run(int(sys.argv[1])))
