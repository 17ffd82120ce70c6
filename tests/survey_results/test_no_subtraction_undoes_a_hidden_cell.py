"""The "< 5" of a breakdown cannot be undone by subtracting the shown groups from the overall count."""

import datetime as dt

from surveys.definition import Audience, Channel, Status, SurveyDefinition
from surveys.records import Record
from surveys.results import SurveyForResults, compute
from tests.surveys.helpers import definition


def _records() -> list[Record]:
    """District Hahn: one respondent, who said yes. Wehen: seven yes, five no. Overall: eight yes."""
    answers = [("Hahn", True)] + [("Wehen", True)] * 7 + [("Wehen", False)] * 5
    return [
        Record(i, {"used_online": yes}, Audience.RESIDENTS, Channel.ONLINE, district, dt.date(2026, 11, 2))
        for i, (district, yes) in enumerate(answers, start=1)
    ]


def _survey() -> SurveyForResults:
    found = SurveyDefinition.model_validate(definition())
    return SurveyForResults(1, 1, "t", Status.RESULTS_PUBLISHED, found)


def test_one_respondent_in_a_district_cannot_be_worked_out_from_the_overall_yes_and_the_other_district():
    published = compute(_survey(), _records(), "published")
    overall = {row.code: row.count for row in published.questions[0].rows}
    assert overall["yes"] == 8  # the overall count stays
    tab = next(t for t in published.by_district if t.code == "used_online")
    groups = {g.key: g for g in tab.groups}
    assert groups["Hahn"].n is None
    wehen_yes = groups["Wehen"].cells[[r.code for r in tab.rows].index("yes")]
    assert wehen_yes.count is None and wehen_yes.display == "< 5"  # else 8 − 7: Hahn's one person said yes
    assert groups["Wehen"].n is None  # else Hahn's respondents are the total minus Wehen's
    districts = {row.code: row.count for row in published.breakdown.district}
    assert "Hahn" not in districts and "Wehen" not in districts  # 1 respondent, and 12 = 13 − 1


def test_the_admins_live_view_still_shows_the_respondents_per_district():
    live = compute(_survey(), _records(), "live")
    assert {row.code: row.count for row in live.breakdown.district} == {"Hahn": 1, "Wehen": 12}
