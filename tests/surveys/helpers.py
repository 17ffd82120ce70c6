"""Shared steps of the survey tests: a definition with a condition and a matrix, an admin building it."""

from __future__ import annotations

from typing import Any

from geo.roles import Role
from tests.factories import logged_in, person

BASE = "/api/v1/municipalities/{slug}/surveys"
ADMIN = "admin@taunusstein.example"


def url(rest: str = "", slug: str = "taunusstein") -> str:
    return BASE.format(slug=slug) + rest


def t(de: str, en: str | None = None) -> dict[str, str]:
    return {"de": de, "en": en or de}


def definition(**overrides: Any) -> dict[str, Any]:
    """Digital town: two sections, a condition on the second question, a matrix, free text, a number."""
    found: dict[str, Any] = {
        "title": t("Digitale Stadt: Wo sollen wir anfangen?", "Digital town: where shall we start?"),
        "intro": t("Wir speichern Ihre Antworten ohne Namen.", "We store your answers without names."),
        "audiences": ["residents", "businesses", "staff"],
        "access_modes": ["account", "code", "link"],
        "anonymous": True,
        "allow_change": True,
        "sections": [
            {
                "code": "s1",
                "title": t("Sie und die Verwaltung", "You and the administration"),
                "questions": [
                    {
                        "code": "used_online",
                        "type": "yes_no",
                        "text": t("Haben Sie schon einen Antrag online gestellt?", "Have you applied online?"),
                        "required": True,
                    },
                    {
                        "code": "which_service",
                        "type": "multiple",
                        "text": t("Welche Dienste?", "Which services?"),
                        "max_choices": 2,
                        "allow_other": True,
                        "choices": [
                            {"code": "ausweis", "label": t("Personalausweis", "ID card")},
                            {"code": "kfz", "label": t("Kfz-Zulassung", "Car registration")},
                            {"code": "gewerbe", "label": t("Gewerbeanmeldung", "Business registration")},
                        ],
                        "condition": {"question": "used_online", "value": True},
                    },
                ],
            },
            {
                "code": "s2",
                "title": t("Was ist Ihnen wichtig?", "What matters to you?"),
                "questions": [
                    {
                        "code": "priorities",
                        "type": "matrix",
                        "text": t("Wie wichtig ist …", "How important is …"),
                        "required": True,
                        "items": [
                            {"code": "wlan", "label": t("freies WLAN", "free wifi")},
                            {"code": "termine", "label": t("Online-Termine", "online appointments")},
                        ],
                        "scale": {"points": 5, "low": t("unwichtig", "unimportant"), "high": t("sehr wichtig")},
                    },
                    {"code": "age", "type": "number", "text": t("Ihr Alter", "Your age"), "minimum": 14},
                    {"code": "wish", "type": "long_text", "text": t("Ihr Wunsch", "Your wish")},
                ],
            },
        ],
    }
    found.update(overrides)
    return found


GOOD = {"used_online": True, "which_service": ["ausweis"], "priorities": {"wlan": 5, "termine": 3}, "age": 40}


async def admin_in(client: Any, taunusstein: Any) -> None:
    await person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein)
    await logged_in(client, ADMIN)


async def open_survey(client: Any, **overrides: Any) -> int:
    """As the logged-in admin: build and open a survey; returns its id."""
    made = await client.post(url("/"), json={"definition": definition(**overrides)})
    assert made.status_code == 201, made.text
    survey_id = int(made.json()["id"])
    opened = await client.post(url(f"/{survey_id}/open"))
    assert opened.status_code == 200, opened.text
    return survey_id


async def log_out(client: Any) -> None:
    client.cookies.clear()
    await client.get("/api/health")
