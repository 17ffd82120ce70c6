"""The definition checks itself (codes, choices, conditions on earlier questions) and one set of answers (pure)."""

import pytest
from pydantic import ValidationError

from surveys.definition import SurveyDefinition, check_answers, free_text_codes
from tests.surveys.helpers import GOOD, definition


def parsed(**overrides):
    return SurveyDefinition.model_validate(definition(**overrides))


def test_good_answers_pass_and_a_hidden_question_may_stay_empty():
    survey = parsed()
    assert check_answers(survey, GOOD) == []
    assert check_answers(survey, {"used_online": False, "priorities": {"wlan": 1, "termine": 1}}) == []


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"priorities": {"wlan": 1, "termine": 1}}, "used_online"),  # required
        ({**GOOD, "which_service": ["ausweis", "kfz", "gewerbe"]}, "which_service"),  # more than 2
        ({**GOOD, "which_service": ["bus"]}, "which_service"),  # no such choice
        ({**GOOD, "which_service": ["other"]}, "which_service"),  # "other" without its text
        ({**GOOD, "priorities": {"wlan": 6, "termine": 1}}, "priorities"),  # off the scale
        ({**GOOD, "priorities": {"wlan": 5}}, "priorities"),  # a row missing
        ({**GOOD, "age": 13}, "age"),  # below the bound
        ({**GOOD, "age": 40.5}, "age"),  # not whole
        ({"used_online": "ja", "priorities": {"wlan": 1, "termine": 1}}, "used_online"),  # not yes/no
        ({**GOOD, "wish": "x" * 5001}, "wish"),  # too long
        ({**GOOD, "nonsense": 1}, "nonsense"),  # no such question
        ({"used_online": False, "which_service": ["kfz"], "priorities": {"wlan": 1, "termine": 1}}, "which_service"),
    ],
)
def test_each_broken_answer_is_named_by_its_code(answers, field):
    assert [e.field for e in check_answers(parsed(), answers)] == [field]


def test_a_partial_draft_skips_only_the_required_checks():
    survey = parsed()
    assert check_answers(survey, {"used_online": True}, partial=True) == []
    assert [e.field for e in check_answers(survey, {"age": 3}, partial=True)] == ["age"]


@pytest.mark.parametrize(
    "breaking",
    [
        lambda d: d["sections"][0]["questions"][0].update(condition={"question": "which_service", "value": "kfz"}),
        lambda d: d["sections"][1]["questions"][0].update(code="used_online"),
        lambda d: d["sections"][0]["questions"][1]["choices"].append({"code": "ausweis", "label": {"de": "Neu"}}),
        lambda d: d["sections"][0]["questions"][1]["choices"].append(
            {"code": "neu", "label": {"de": "Personalausweis"}}
        ),
        lambda d: d["sections"][0]["questions"][1].update(condition={"question": "nobody", "value": 1}),
        lambda d: d["sections"][1].update(code="s1"),
        lambda d: d["sections"][1]["questions"][0].update(items=[]),
        lambda d: d["sections"][1]["questions"][0].update(scale={"points": 7}),
    ],
)
def test_a_broken_definition_is_refused(breaking):
    raw = definition()
    breaking(raw)
    with pytest.raises(ValidationError):
        SurveyDefinition.model_validate(raw)


def test_free_text_keys_are_the_text_questions_and_the_other_fields():
    assert free_text_codes(parsed()) == ["which_service_other", "wish"]


def test_a_condition_on_a_section_hides_all_its_questions():
    raw = definition()
    raw["sections"][1]["condition"] = {"question": "used_online", "value": True}
    survey = SurveyDefinition.model_validate(raw)
    assert [q.code for q in survey.visible_questions({"used_online": False})] == ["used_online"]
    assert check_answers(survey, {"used_online": False}) == []
