"""How moderation's later decisions reach the Mängelmelder's rows (listed in defects.content_types)."""

from __future__ import annotations

from defects import mapcache
from defects.tables import Report
from moderation import hook


async def apply_report_outcome(outcome: hook.Outcome) -> None:
    values: dict[object, object] = {Report.visibility: outcome.visibility.value}
    if outcome.redacted_text is not None:
        values[Report.description] = outcome.redacted_text
    await Report.update(values).where(Report.id == outcome.content_id)  # type: ignore[arg-type]
    mapcache.forget()
