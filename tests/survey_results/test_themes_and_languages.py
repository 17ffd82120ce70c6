"""Theme counts as the tally works them out, and every label of the results in English with German where the
builder left English empty."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from surveys.definition import SurveyDefinition
from surveys.plan import plan_of
from surveys.tally import Choice, Plan, QuestionPlan, tally

THEMES = (Choice("7", "Verkehr", 7), Choice("9", "Netz", 9), Choice("12", "Ruhe", 12))
PLAN = Plan((QuestionPlan("wish", "text", "Ihr Wunsch"),), THEMES)


@dataclass(frozen=True)
class R:
    id: int
    answers: dict[str, Any]
    approved_free_text: frozenset[str] = frozenset({"wish"})
    free_text_themes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    audience: str = "residents"
    day: date = date(2026, 5, 4)


def test_each_theme_counts_the_approved_answers_in_it_most_first_and_empty_themes_are_left_out():
    responses = [
        R(1, {"wish": "Radwege"}, free_text_themes={"wish": (7,)}),
        R(2, {"wish": "Schnelles Netz"}, free_text_themes={"wish": (9, 7)}),
        R(3, {"wish": "WLAN am Bahnhof"}, free_text_themes={"wish": (9,)}),
        R(4, {"wish": "Mehr Busse"}, free_text_themes={"wish": (7,)}),
        R(5, {"wish": "unbekannt"}, approved_free_text=frozenset(), free_text_themes={"wish": (12,)}),
        R(6, {"wish": "ohne Thema"}),
    ]
    (wish,) = tally(PLAN, responses)
    assert [(c.label, c.count) for c in wish.themes] == [("Verkehr", 3), ("Netz", 2)]  # Ruhe: only unapproved
    assert (len(wish.texts), wish.texts_total) == (5, 6)
    assert [t.themes for t in wish.texts][:2] == [(7,), (9, 7)]


def test_one_small_theme_is_shown_as_it_is():
    """Not a breakdown by group: a theme of one public answer says nothing its quoted text doesn't."""
    (wish,) = tally(PLAN, [R(1, {"wish": "Ruhe nachts"}, free_text_themes={"wish": (12,)})])
    assert [(c.label, c.count) for c in wish.themes] == [("Ruhe", 1)]


def test_english_labels_fall_back_to_german_where_the_builder_left_them_empty():
    definition = SurveyDefinition.model_validate(
        {
            "title": {"de": "Bus", "en": "Bus"},
            "intro": {"de": "Anonym."},
            "sections": [
                {
                    "code": "s1",
                    "title": {"de": "Der Bus"},
                    "questions": [
                        {
                            "code": "oft",
                            "type": "single",
                            "text": {"de": "Wie oft?", "en": "How often?"},
                            "choices": [
                                {"code": "daily", "label": {"de": "Täglich", "en": "Daily"}},
                                {"code": "never", "label": {"de": "Nie", "en": None}},
                            ],
                        },
                        {
                            "code": "gut",
                            "type": "scale",
                            "text": {"de": "Wie gut?"},
                            "scale": {"points": 5, "low": {"de": "schlecht", "en": "bad"}, "high": {"de": "gut"}},
                        },
                    ],
                }
            ],
        }
    )
    often, good = plan_of(definition, "en").questions
    assert (often.label, often.section, [c.label for c in often.choices]) == ("How often?", "Der Bus", ["Daily", "Nie"])
    assert (good.label, good.choices[0].label, good.choices[-1].label) == ("Wie gut?", "1 – bad", "5 – gut")
