"""Demo surveys for Taunusstein: the strategy's survey, closed with results published, and an open one.

"Digitale Stadt: Wo sollen wir anfangen?" asked residents, businesses and the administration's staff (as
Taunusstein's digital strategy did); its answers are generated with a fixed seed so the results read the same
on every load. Curated free texts are public directly (they do not wait in the moderation queue).
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from contributions.actor import actor_in
from geo import clock
from surveys import services
from surveys.definition import Audience, Channel, Status, SurveyDefinition
from surveys.schemas import FreeTextThemesUpdate, SurveyCreate, SurveyThemeCreate, ThemeLabel
from surveys.services import themes
from surveys.storage import store_response
from surveys.tables import Survey

ADMIN = "admin@taunusstein.example"
DISTRICTS = ["Wehen", "Hahn", "Bleidenstadt", "Neuhof", "Orlen", "Seitzenhahn", "Watzhahn", "Hambach"]
INTRO_DE = (
    "Die Stadt entwickelt ihre Digitalstrategie und fragt zuerst Sie. Die Umfrage dauert etwa 5 Minuten. "
    "Wir speichern nur Ihre Antworten, Ihre Gruppe, den Ortsteil (wenn Sie ihn angeben) und den Tag – ohne Namen, "
    "Konto, Code oder IP-Adresse. Die Antworten werden zwei Jahre nach dem Ratsbeschluss gelöscht. Die Auswertung "
    "sehen die Verwaltung und der Stadtrat; Ergebnisse werden nur für Gruppen mit mindestens 5 Antworten gezeigt."
)
INTRO_EN = (
    "The town is drafting its digital strategy and asks you first. The survey takes about 5 minutes. We store only "
    "your answers, your group, the district (if you give it) and the day – no name, account, code or IP address. "
    "Answers are deleted two years after the council's decision. The administration and the council see the "
    "results; results are shown only for groups with at least 5 answers."
)


def t(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


def _choices(*pairs: tuple[str, str, str]) -> list[dict[str, Any]]:
    return [{"code": code, "label": t(de, en)} for code, de, en in pairs]


AREAS = _choices(
    ("antraege", "Anträge online stellen", "Applying online"),
    ("termine", "Termine online buchen", "Booking appointments online"),
    ("wlan", "Freies WLAN in der Stadt", "Free wifi in town"),
    ("schulen", "Digitale Schulen", "Digital schools"),
    ("beteiligung", "Online-Beteiligung", "Online participation"),
    ("mobilitaet", "Mobilität und Parken", "Mobility and parking"),
)

STRATEGY: dict[str, Any] = {
    "title": t("Digitale Stadt: Wo sollen wir anfangen?", "Digital town: where shall we start?"),
    "intro": t(INTRO_DE, INTRO_EN),
    "audiences": ["residents", "businesses", "staff"],
    "access_modes": ["account", "link", "code"],
    "anonymous": True,
    "sections": [
        {
            "code": "heute",
            "title": t("Wie Sie die Stadt heute erleben", "How you experience the town today"),
            "questions": [
                {
                    "code": "online_genutzt",
                    "type": "yes_no",
                    "required": True,
                    "text": t(
                        "Haben Sie im letzten Jahr ein Anliegen online mit der Stadt erledigt?",
                        "Did you settle a matter with the town online in the last year?",
                    ),
                },
                {
                    "code": "zufriedenheit",
                    "type": "scale",
                    "condition": {"question": "online_genutzt", "value": True},
                    "text": t("Wie zufrieden waren Sie damit?", "How satisfied were you?"),
                    "scale": {"points": 5, "low": t("gar nicht", "not at all"), "high": t("sehr", "very")},
                },
            ],
        },
        {
            "code": "prioritaeten",
            "title": t("Was zuerst?", "What first?"),
            "questions": [
                {
                    "code": "anfangen",
                    "type": "multiple",
                    "required": True,
                    "max_choices": 3,
                    "allow_other": True,
                    "choices": AREAS,
                    "text": t("Wo soll die Stadt anfangen? (höchstens 3)", "Where should the town start? (at most 3)"),
                },
                {
                    "code": "wichtigkeit",
                    "type": "matrix",
                    "items": _choices(
                        ("datenschutz", "Datenschutz", "Data protection"),
                        ("barrierefreiheit", "Barrierefreiheit", "Accessibility"),
                        ("analog", "Es bleibt auch analog möglich", "Paper stays possible"),
                    ),
                    "scale": {"points": 5, "low": t("unwichtig", "unimportant"), "high": t("sehr wichtig", "very")},
                    "text": t("Wie wichtig ist Ihnen dabei …", "How important is to you …"),
                },
                {"code": "wunsch", "type": "long_text", "text": t("Ihr wichtigster Wunsch", "Your main wish")},
            ],
        },
    ],
}

PLAYGROUNDS: dict[str, Any] = {
    "title": t("Spielplätze in Taunusstein", "Playgrounds in Taunusstein"),
    "intro": t(
        "Welche Spielplätze nutzen Sie, und was fehlt? Etwa 3 Minuten. Wir speichern Ihre Antworten ohne Namen, "
        "Konto oder IP-Adresse und löschen sie ein Jahr nach Ende der Umfrage. Die Auswertung sieht die Verwaltung.",
        "Which playgrounds do you use, and what is missing? About 3 minutes. We store your answers without name, "
        "account or IP address and delete them a year after the survey ends. The administration sees the results.",
    ),
    "audiences": ["residents"],
    "access_modes": ["account", "link"],
    "link_protection": "proof_of_work",  # answering by link needs no mail in the demo: the browser solves a puzzle
    "anonymous": True,
    "allow_change": True,
    "sections": [
        {
            "code": "nutzung",
            "title": t("Ihre Spielplätze", "Your playgrounds"),
            "questions": [
                {
                    "code": "kinder",
                    "type": "number",
                    "minimum": 0,
                    "maximum": 15,
                    "text": t("Wie viele Kinder leben in Ihrem Haushalt?", "How many children live in your home?"),
                },
                {
                    "code": "oft",
                    "type": "single",
                    "required": True,
                    "choices": _choices(
                        ("woechentlich", "jede Woche", "every week"),
                        ("monatlich", "jeden Monat", "every month"),
                        ("selten", "selten", "rarely"),
                    ),
                    "text": t("Wie oft sind Sie auf einem Spielplatz?", "How often are you at a playground?"),
                },
            ],
        },
        {
            "code": "wuensche",
            "title": t("Was fehlt", "What is missing"),
            "questions": [
                {
                    "code": "reihenfolge",
                    "type": "ranking",
                    "choices": _choices(
                        ("schatten", "Schatten", "Shade"),
                        ("toiletten", "Toiletten", "Toilets"),
                        ("baenke", "Bänke", "Benches"),
                    ),
                    "text": t("Was ist am wichtigsten? Ordnen Sie.", "What matters most? Put in order."),
                },
                {"code": "idee", "type": "short_text", "text": t("Ihre Idee", "Your idea")},
            ],
        },
    ],
}

WISHES = [
    "Alle Anträge online, ohne Termin im Rathaus.",
    "Bitte nicht die vergessen, die kein Internet haben.",
    "Schnelles Internet in allen Ortsteilen zuerst.",
    "Gewerbeanmeldung digital und in einem Schritt.",
    "Ein gemeinsames Ticketsystem für die Ämter.",
]
# The themes staff sorted the wishes into (label de, label en, the wishes in it by their place in WISHES).
THEMES = [
    ("Online-Anträge", "Online applications", (0, 3)),
    ("Niemand abgehängt", "Nobody left behind", (1,)),
    ("Netzausbau", "Broadband", (2,)),
    ("Arbeit im Rathaus", "Work in the town hall", (3, 4)),
]
# Each audience leans differently (as the strategy found): weights of the six areas.
LEANINGS = {
    Audience.RESIDENTS: [5, 5, 3, 3, 2, 3],
    Audience.BUSINESSES: [6, 2, 4, 1, 1, 3],
    Audience.STAFF: [4, 3, 1, 2, 3, 1],
}
SIZES = {Audience.RESIDENTS: 64, Audience.BUSINESSES: 23, Audience.STAFF: 19}


def _answers(rng: random.Random, audience: Audience) -> dict[str, Any]:
    used = rng.random() < (0.8 if audience != Audience.RESIDENTS else 0.55)
    codes = [c["code"] for c in AREAS]
    picked: list[str] = []
    while len(picked) < rng.randint(1, 3):
        choice = rng.choices(codes, weights=LEANINGS[audience])[0]
        if choice not in picked:
            picked.append(choice)
    answers: dict[str, Any] = {
        "online_genutzt": used,
        "anfangen": picked,
        "wichtigkeit": {
            "datenschutz": rng.randint(3, 5),
            "barrierefreiheit": rng.randint(2, 5),
            "analog": rng.randint(1, 5) if audience != Audience.RESIDENTS else rng.randint(3, 5),
        },
    }
    if used:
        answers["zufriedenheit"] = rng.randint(2, 5)
    if rng.random() < 0.15:
        answers["wunsch"] = rng.choice(WISHES)
    return answers


async def _sort_into_themes(municipality: Any, survey_id: int, admin: Any) -> None:
    """Staff's work on the closed survey: its wishes sorted into themes, as the council report shows them."""
    made = [
        await themes.create_theme(municipality, survey_id, admin, SurveyThemeCreate(label=ThemeLabel(de=de, en=en)))
        for de, en, _ in THEMES
    ]
    for answer in await themes.taggable_answers(municipality, survey_id, admin):
        place = WISHES.index(answer.text) if answer.text in WISHES else -1
        ids = [theme.id for theme, (_, _, places) in zip(made, THEMES, strict=True) if place in places]
        if ids:
            await themes.tag_answer(municipality, survey_id, answer.id, admin, FreeTextThemesUpdate(themes=ids))


async def load(context: Any) -> None:
    admin = await actor_in(context.users[ADMIN], context.municipality.id)
    municipality = context.municipality
    today = clock.now().date()
    strategy = SurveyDefinition.model_validate(
        {**STRATEGY, "starts_on": today - timedelta(days=60), "ends_on": today - timedelta(days=20)}
    )
    closed = await services.create_survey(municipality, admin, SurveyCreate(definition=strategy))
    rng = random.Random(14)  # noqa: S311 (demo data, not security)
    for audience, size in SIZES.items():
        for _ in range(size):
            channel = Channel.PAPER if audience == Audience.RESIDENTS and rng.random() < 0.15 else Channel.ONLINE
            await store_response(
                closed.id,
                _answers(rng, audience),
                audience=audience,
                channel=channel,
                district=rng.choice(DISTRICTS) if audience == Audience.RESIDENTS else None,
                day=today - timedelta(days=rng.randint(21, 59)),
                free_text_visibility="public",
            )
    await _sort_into_themes(municipality, closed.id, admin)
    await Survey.update({Survey.status: Status.RESULTS_PUBLISHED.value}).where(Survey.id == closed.id)
    playgrounds = SurveyDefinition.model_validate({**PLAYGROUNDS, "ends_on": today + timedelta(days=30)})
    running = await services.create_survey(municipality, admin, SurveyCreate(definition=playgrounds))
    await services.change_status(municipality, running.id, admin, Status.OPEN)
