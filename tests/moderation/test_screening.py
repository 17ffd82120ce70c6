"""Pre-screening finds insults, personal data and links; ordinary text passes."""

import pytest

from moderation import screening
from moderation.screening import default_words, screen_text

WORDS = default_words()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Radweg an der Aar ist in der Kurve zu eng.", []),
        ("Das ist ein Vorschlag für 2026 in 65232 Taunusstein, Hausnummer 12.", []),
        ("Der Bürgermeister ist ein Idiot.", ["insult"]),
        ("Ihr seid alles Vollidioten", ["insult"]),
        ("What a moron proposal", ["insult"]),
        ("Schreiben Sie mir: max.mustermann@example.org", ["email"]),
        ("Mail an max (at) example.org bitte", ["email"]),
        ("Rufen Sie mich an: 06128 123456", ["phone"]),
        ("Handy 0171/1234567", ["phone"]),
        ("International +49 6128 9270", ["phone"]),
        ("Mehr Infos auf www.billige-uhren.example.com", ["link"]),
        ("Siehe https://example.org/x", ["link"]),
        ("Kauft bei shop-angebote.de ein", ["link"]),
    ],
)
def test_screening_reports_what_a_moderator_must_look_at(text, expected):
    assert screen_text(text, WORDS) == expected


def test_a_word_is_matched_at_its_start_not_inside_another_word():
    assert screening.insults_in("Die Scheune am Markt", ["arsch"]) == []
    assert screening.insults_in("Das Marschland", ["arsch"]) == []


def test_admins_extra_words_are_one_per_line_with_comments():
    words = screening.parse_words("# Lokales\nSchwachmat\n\n  Dorfdepp  \n")
    assert words == ["dorfdepp", "schwachmat"]
    assert screen_text("Du Schwachmat", words) == ["insult"]


def test_the_same_text_spaced_or_cased_differently_has_the_same_hash():
    assert screening.text_hash("Kauft  Uhren\nhier") == screening.text_hash("kauft uhren hier")
    assert screening.text_hash("   ") == ""
