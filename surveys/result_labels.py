"""Names of the groups and channels of survey results as people read them (German first, English), and their
numeric codes for SPSS (in the order of the enums in surveys.definition)."""

from __future__ import annotations

from surveys.definition import Audience, Channel

AUDIENCE = {
    "de": {
        "residents": "Einwohnerinnen und Einwohner",
        "businesses": "Unternehmen",
        "staff": "Verwaltung",
        "council": "Gremium",
        "other": "Andere",
    },
    "en": {
        "residents": "Residents",
        "businesses": "Businesses",
        "staff": "Staff",
        "council": "Council",
        "other": "Others",
    },
}
CHANNEL = {
    "de": {"online": "online", "paper": "Papier", "phone": "Telefon"},
    "en": {"online": "online", "paper": "paper", "phone": "phone"},
}
NOT_STATED = {"de": "ohne Angabe", "en": "not stated"}
AUDIENCE_NUMBER = {audience.value: number for number, audience in enumerate(Audience, start=1)}
CHANNEL_NUMBER = {channel.value: number for number, channel in enumerate(Channel, start=1)}


def audience_label(key: str, lang: str = "de") -> str:
    return AUDIENCE[lang].get(key, key) if key else NOT_STATED[lang]


def channel_label(key: str, lang: str = "de") -> str:
    return CHANNEL[lang].get(key, key) if key else NOT_STATED[lang]


def district_label(key: str | None, lang: str = "de") -> str:
    return key or NOT_STATED[lang]
