"""The document kinds: each turns a domain's results into a PDF.

`register_builders()` is called once by `create_app` and once by the worker subprocess (its own entry point).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from backend.documents import consultation, defects, jobs
from backend.documents.pdf import Cover
from backend.documents.tables import DocumentJob
from backend.settings import Settings
from defects.services.statistics import period_statistics
from geo import services as geo
from geo.tables import Municipality
from media.photos import PhotoStore
from proposals.results import consultation_results

CONSULTATION_RESULTS = "consultation-results"
DEFECTS_PERIOD = "defects-period"


async def _municipality(municipality_id: int) -> Municipality:
    row = await Municipality.objects().where(Municipality.id == municipality_id).first()
    assert row is not None
    return row


def cover_of(municipality: Municipality, settings: Settings) -> Cover:
    """The logo (when the municipality has one and its file is there) and the council for the first page."""
    logo = PhotoStore(settings.media_dir).path(municipality.logo_key) if municipality.logo_key else None
    return Cover(logo=logo if logo and logo.is_file() else None, council_name=municipality.council_name)


def cover_fingerprint(municipality: Municipality) -> str:
    """What of the profile the first page shows, for the job's params: a change renders the document anew."""
    return f"{municipality.logo_key}|{municipality.council_name}"


async def build_consultation_results(
    job: DocumentJob, settings: Settings, target: Path, progress: jobs.Progress
) -> int:
    params = json.loads(job.params)
    municipality = await _municipality(job.municipality)
    await progress(10, "collecting")
    results = await consultation_results(municipality.id, params["consultation_id"], lang=params["lang"])
    await progress(30, "rendering")
    return await consultation.render(
        results,
        await geo.territory_of(municipality),
        target,
        lang=params["lang"],
        draft=job.audience == "internal",
        brand_color=municipality.brand_color,
        cover=cover_of(municipality, settings),
    )


async def build_defects_period(job: DocumentJob, settings: Settings, target: Path, progress: jobs.Progress) -> int:
    params = json.loads(job.params)
    municipality = await _municipality(job.municipality)
    await progress(10, "collecting")
    statistics = await period_statistics(
        municipality.id, date.fromisoformat(params["from"]), date.fromisoformat(params["to"]), lang=params["lang"]
    )
    await progress(40, "rendering")
    return await defects.render(
        statistics,
        target,
        municipality_name=municipality.name,
        lang=params["lang"],
        brand_color=municipality.brand_color,
        cover=cover_of(municipality, settings),
    )


def register_builders() -> None:
    jobs.register(CONSULTATION_RESULTS, build_consultation_results)
    jobs.register(DEFECTS_PERIOD, build_defects_period)
