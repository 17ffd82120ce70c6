"""A small survey of every question kind and six responses whose figures the tests work out by hand."""

from __future__ import annotations

from datetime import date
from typing import Any

from surveys.definition import Audience, Channel, SurveyDefinition
from surveys.records import Record


def t(de: str, en: str | None = None) -> dict[str, Any]:
    return {"de": de, "en": en or de}


def choices(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"code": code, "label": t(de, en)} for code, de, en in ((c, d, d) for c, d in pairs)]


DEFINITION = SurveyDefinition.model_validate(
    {
        "title": t("Digitale Stadt: Wo sollen wir anfangen?", "Digital town: where shall we start?"),
        "intro": t("Ihre Meinung zählt.", "Your opinion counts."),
        "audiences": ["residents", "businesses", "staff"],
        "sections": [
            {
                "code": "s1",
                "title": t("Nutzung", "Use"),
                "questions": [
                    {
                        "code": "often",
                        "type": "single",
                        "text": t("Wie oft nutzen Sie Online-Dienste?", "How often?"),
                        "choices": choices(("daily", "täglich"), ("weekly", "wöchentlich"), ("never", "nie")),
                        "required": True,
                    },
                    {
                        "code": "channels",
                        "type": "multiple",
                        "text": t("Welche Wege nutzen Sie?", "Which ways?"),
                        "choices": choices(("web", "Website"), ("app", "App"), ("mail", "E-Mail")),
                        "allow_other": True,
                    },
                    {"code": "happy", "type": "scale", "text": t("Wie zufrieden sind Sie?", "How satisfied?")},
                ],
            },
            {
                "code": "s2",
                "title": t("Prioritäten", "Priorities"),
                "questions": [
                    {
                        "code": "rate",
                        "type": "matrix",
                        "text": t("Wie wichtig ist …", "How important is …"),
                        "items": choices(("wifi", "WLAN"), ("forms", "Online-Formulare")),
                    },
                    {
                        "code": "order",
                        "type": "ranking",
                        "text": t("Ordnen Sie", "Put in order"),
                        "choices": choices(("a", "Schulen"), ("b", "Rathaus"), ("c", "Verkehr")),
                    },
                    {"code": "age", "type": "number", "text": t("Alter", "Age"), "minimum": 14, "maximum": 120},
                    {"code": "knows", "type": "yes_no", "text": t("Kennen Sie die Stadt-App?", "Know the app?")},
                    {"code": "when", "type": "date", "text": t("Wann waren Sie zuletzt im Rathaus?", "When?")},
                    {"code": "notes", "type": "long_text", "text": t("Was möchten Sie uns sagen?", "Anything else?")},
                ],
            },
        ],
    }
)


def record(
    rid: int,
    answers: dict[str, Any],
    audience: str = "residents",
    channel: str = "online",
    district: str | None = "Hahn",
    approved: frozenset[str] = frozenset(),
) -> Record:
    return Record(rid, answers, Audience(audience), Channel(channel), district, date(2026, 5, 4), approved)


RECORDS = [
    record(
        11,
        {
            "often": "daily",
            "channels": ["web", "app"],
            "happy": 5,
            "rate": {"wifi": 5, "forms": 2},
            "order": ["a", "b", "c"],
            "age": 30,
            "knows": True,
            "when": "2026-04-02",
            "notes": "Mehr WLAN",
        },
        approved=frozenset({"notes"}),
    ),
    record(
        12,
        {
            "often": "daily",
            "channels": ["web"],
            "happy": 4,
            "rate": {"wifi": 4},
            "order": ["b", "a", "c"],
            "age": 40,
            "knows": True,
            "when": "2026-04-20",
        },
        audience="businesses",
        district="Wehen",
    ),
    record(
        13,
        {
            "often": "weekly",
            "channels": ["mail", "other"],
            "channels_other": "Zeitung",
            "happy": 4,
            "rate": {"wifi": 3, "forms": 3},
            "order": ["a", "c", "b"],
            "age": 50,
            "knows": False,
            "when": "2026-05-01",
            "notes": "Ruft mich an: 0171 2345",
        },
        channel="paper",
        approved=frozenset({"channels_other"}),
    ),
    record(14, {"often": "never", "happy": 1, "knows": False}, audience="staff", district=None),
    record(15, {"often": "daily", "notes": '=HYPERLINK("http://evil.example")'}, approved=frozenset({"notes"})),
    record(16, {"often": "weekly", "happy": 2}, channel="phone"),
]
