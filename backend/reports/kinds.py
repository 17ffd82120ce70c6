"""Which report kinds exist: each domain's results become a PDF through one builder registered here."""

from __future__ import annotations


def load_builders() -> None:
    """Import the modules that call `jobs.register(...)`; the worker process does this before rendering."""
