"""The icons a category may show: the map, the list, the report form and the back office know these."""

from __future__ import annotations

# The icons a category may show (key, German, English): the map, the list and the form all know these.
ICONS: list[tuple[str, str, str]] = [
    ("bulb", "Leuchte", "Light"),
    ("road", "Straße", "Road"),
    ("sign", "Verkehrszeichen", "Traffic sign"),
    ("traffic-light", "Ampel", "Traffic light"),
    ("trash", "Müll", "Rubbish"),
    ("bin", "Abfallbehälter", "Litter bin"),
    ("playground", "Spielplatz", "Playground"),
    ("tree", "Baum", "Tree"),
    ("water", "Wasser", "Water"),
    ("toilet", "Toilette", "Toilet"),
    ("spray", "Graffiti", "Graffiti"),
    ("snow", "Schnee", "Snow"),
    ("warning", "Warnzeichen", "Warning sign"),
]
ICON_KEYS = frozenset(key for key, _, _ in ICONS)
