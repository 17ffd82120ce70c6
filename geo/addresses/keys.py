"""Search keys of addresses: one normal form for what is stored and what is typed.

"Aarstraße 150", "aarstr. 150" and "AARSTRASSE 150" all become "aarstr 150": lower case, umlauts and ß
spelled out, "straße"/"strasse"/"str." shortened to "str", punctuation dropped, spaces collapsed. The key only
holds [a-z0-9 ], so a prefix search is a plain range on a btree index (`key >= p AND key < p || '~'`), which
SQLite and PostgreSQL (with the column in the "C" collation) both answer from the index.
"""

from __future__ import annotations

import re
import unicodedata

UPPER_BOUND = "~"  # sorts after every character a key can hold
_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_STREET = re.compile(r"(stra(ss|s)e|str)\b\.?")
_NOT_KEY = re.compile(r"[^a-z0-9 ]+")
_NUMBER_LETTER = re.compile(r"(\d)\s+([a-z])\b")


def normalise(text: str) -> str:
    """The search key of a text (street, street and number, or place)."""
    lowered = text.casefold().translate(_SPELLED)
    lowered = _STREET.sub("str", lowered)
    plain = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    plain = _NOT_KEY.sub(" ", plain)
    plain = _NUMBER_LETTER.sub(r"\1\2", plain)  # "12 a" and "12a" are one house number
    return " ".join(plain.split())


def address_key(street: str, house_number: str) -> str:
    return normalise(f"{street} {house_number}")


def upper_bound(prefix: str) -> str:
    return prefix + UPPER_BOUND
