"""The four legal pages, their public slugs (German, as the URL a resident reads) and titles."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    IMPRESSUM = "impressum"
    DATENSCHUTZ = "datenschutz"
    BARRIEREFREIHEIT = "barrierefreiheit"
    NUTZUNGSBEDINGUNGEN = "nutzungsbedingungen"


TITLES: dict[Kind, tuple[str, str]] = {
    Kind.IMPRESSUM: ("Impressum", "Legal notice"),
    Kind.DATENSCHUTZ: ("Datenschutzerklärung", "Privacy policy"),
    Kind.BARRIEREFREIHEIT: ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
    Kind.NUTZUNGSBEDINGUNGEN: ("Nutzungsbedingungen und Netiquette", "Terms of use and netiquette"),
}

# Without these two published, a municipality that `municipality-add` created is not listed publicly.
REQUIRED_TO_GO_LIVE = (Kind.IMPRESSUM, Kind.DATENSCHUTZ)
