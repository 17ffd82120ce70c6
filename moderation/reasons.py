"""Every reason moderation knows, with its German and English label, in one module.

Queue reasons say why an item waits; flag reasons are what residents pick; reject reasons become the
public placeholder ("Von der Moderation entfernt: personenbezogene Daten").
"""

from __future__ import annotations

from moderation.screening import BURST, EMAIL, INSULT, LINK, PHONE, REPEATED

PRE_MODERATION = "pre_moderation"
NEW_ACCOUNT = "new_account"
PHOTO = "photo"
ANONYMOUS = "anonymous"
FLAGS = "flags"
POST_REVIEW = "post_review"

QUEUE_REASONS: dict[str, tuple[str, str]] = {
    INSULT: ("Beleidigung (Wortliste)", "Insult (word list)"),
    EMAIL: ("E-Mail-Adresse im Text", "E-mail address in the text"),
    PHONE: ("Telefonnummer im Text", "Phone number in the text"),
    LINK: ("Link im Text", "Link in the text"),
    REPEATED: ("Gleicher Text schon einmal eingereicht", "Same text submitted before"),
    BURST: ("Viele Beiträge in kurzer Zeit", "Many contributions in a short time"),
    PRE_MODERATION: ("Vorab-Moderation", "Pre-moderation"),
    NEW_ACCOUNT: ("Neues Konto", "New account"),
    PHOTO: ("Foto", "Photo"),
    ANONYMOUS: ("Ohne Konto eingereicht", "Submitted without an account"),
    FLAGS: ("Von Nutzenden gemeldet", "Flagged by users"),
    POST_REVIEW: ("Nachträgliche Prüfung", "Review after publication"),
}

FLAG_REASONS: dict[str, tuple[str, str]] = {
    "spam": ("Spam", "Spam"),
    "insult": ("beleidigend", "offensive"),
    "personal_data": ("personenbezogene Daten", "personal data"),
    "off_topic": ("nicht zum Thema", "off-topic"),
    "other": ("anderer Grund", "other reason"),
}

REJECT_REASONS: dict[str, tuple[str, str]] = {
    "personal_data": ("personenbezogene Daten", "personal data"),
    "insult": ("beleidigend", "offensive"),
    "spam": ("Spam oder Werbung", "spam or advertising"),
    "off_topic": ("nicht zum Thema", "off-topic"),
    "illegal": ("rechtswidriger Inhalt", "unlawful content"),
    "duplicate": ("doppelt eingereicht", "duplicate"),
    "other": ("anderer Grund", "other reason"),
}


def placeholder(reason: str) -> tuple[str, str]:
    """The public text that stands where rejected content was."""
    de, en = REJECT_REASONS.get(reason, REJECT_REASONS["other"])
    return f"Von der Moderation entfernt: {de}", f"Removed by the moderators: {en}"


def encode(reasons: list[str]) -> str:
    """Reasons as stored: "|phone|new_account|" so that LIKE '%|phone|%' filters exactly."""
    unique = list(dict.fromkeys(r for r in reasons if r))
    return f"|{'|'.join(unique)}|" if unique else ""


def decode(stored: str) -> list[str]:
    return [r for r in stored.split("|") if r]
