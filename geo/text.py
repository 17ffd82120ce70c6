"""Which characters text input may hold, written once for every field, query and form value.

C0 control characters other than tab, line feed and carriage return (NUL included) are refused: PostgreSQL
cannot store NUL, XML 1.0 (Open311) cannot carry any of them, and no person types them. Lone UTF-16 surrogates
cannot be encoded as UTF-8 at all. The web shell applies the rule to every request (backend/inputs.py).
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

MESSAGE_DE = "Steuerzeichen (außer Tabulator und Zeilenumbruch) sind nicht erlaubt."
MESSAGE_EN = "Control characters (other than tab and line breaks) are not allowed."


def is_clean(text: str) -> bool:
    """True when `text` holds none of the forbidden characters."""
    return FORBIDDEN.search(text) is None
