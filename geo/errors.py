"""Domain errors: every one carries a German and an English message and the field it concerns.

The web shell maps the four kinds below to HTTP status codes in one table (backend/errors.py);
domain packages subclass a kind and never know about HTTP.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error a domain package raises on purpose."""

    code = "domain-error"

    def __init__(self, de: str, en: str, *, field: str | None = None, **extra: Any) -> None:
        super().__init__(en)
        self.de = de
        self.en = en
        self.field = field
        self.extra = extra


class NotFound(DomainError):
    """The thing asked for does not exist, or is not visible to the asker."""

    code = "not-found"


class Invalid(DomainError):
    """The input breaks a rule of the domain; nothing was changed."""

    code = "invalid"


class Conflict(DomainError):
    """The request clashes with the current state (a duplicate, a closed phase)."""

    code = "conflict"


class Forbidden(DomainError):
    """The actor may not do this."""

    code = "forbidden"


class MunicipalityNotFound(NotFound):
    code = "municipality-not-found"

    def __init__(self, slug: str) -> None:
        super().__init__(
            f"Die Kommune „{slug}“ gibt es hier nicht.",
            f"There is no municipality '{slug}' here.",
            field="slug",
        )


class UnknownAGS(NotFound):
    code = "unknown-ags"

    def __init__(self, ags: str) -> None:
        super().__init__(
            f"Zum Gemeindeschlüssel {ags} gibt es keine Grenze in den mitgelieferten Daten.",
            f"The shipped data has no boundary for the municipality key {ags}.",
            field="ags",
        )


class MunicipalityExists(Conflict):
    code = "municipality-exists"

    def __init__(self, ags: str) -> None:
        super().__init__(
            f"Die Kommune mit dem Gemeindeschlüssel {ags} ist schon angelegt.",
            f"The municipality with key {ags} already exists.",
            field="ags",
        )


class PointOutsideMunicipality(Invalid):
    code = "point-outside-municipality"

    def __init__(self, municipality: str, distance_m: float, field: str = "location") -> None:
        distance = _distance_text(distance_m)
        super().__init__(
            f"Der Ort liegt {distance[0]} außerhalb von {municipality}.",
            f"The location lies {distance[1]} outside {municipality}.",
            field=field,
            municipality=municipality,
            distance_m=round(distance_m),
        )


class InvalidBBox(Invalid):
    code = "invalid-bbox"

    def __init__(self, reason_de: str, reason_en: str) -> None:
        super().__init__(
            f"Ungültiger Kartenausschnitt: {reason_de}",
            f"Invalid bounding box: {reason_en}",
            field="bbox",
        )


class InvalidGeometry(Invalid):
    code = "invalid-geometry"


def _distance_text(metres: float) -> tuple[str, str]:
    if metres < 1000:
        return f"{round(metres)} m", f"{round(metres)} m"
    km = metres / 1000
    return f"{km:.1f} km".replace(".", ","), f"{km:.1f} km"
