"""JSON columns come back as text from Piccolo selects; this reads them either way."""

from __future__ import annotations

import json
from typing import Any


def json_value(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value
