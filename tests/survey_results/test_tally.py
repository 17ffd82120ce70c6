"""Counting a survey: every figure below was worked out by hand from the ten (or eleven) responses listed."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from surveys.tally import HIDDEN, Choice, Plan, QuestionPlan, breakdown, cross_tabs, tally


@dataclass(frozen=True)
class R:
    id: int
    answers: dict[str, Any]
    audience: str = "residents"
    channel: str = "online"
    district: str | None = "Hahn"
    day: date = field(default=date(2026, 5, 4))
    approved_free_text: frozenset[str] = frozenset()


def c(*codes: str) -> tuple[Choice, ...]:
    return tuple(Choice(code, code.title(), number) for number, code in enumerate(codes, start=1))


SCALE = tuple(Choice(str(n), str(n), n) for n in range(1, 6))
PLAN = Plan(
    (
        QuestionPlan("q1", "single", "Wie oft?", c("daily", "weekly", "never")),
        QuestionPlan("q2", "multiple", "Was nutzen Sie?", c("web", "app", "mail"), other=True),
        QuestionPlan("q3", "scale", "Wie zufrieden?", SCALE),
        QuestionPlan("q4", "matrix", "Bewerten Sie", SCALE, items=c("wlan", "forms")),
        QuestionPlan("q5", "ranking", "Ordnen Sie", items=c("a", "b", "c")),
        QuestionPlan("q6", "number", "Alter"),
        QuestionPlan("q7", "yes_no", "Kennen Sie die App?", c("yes", "no")),
        QuestionPlan("q8", "date", "Wann zuletzt?"),
        QuestionPlan("q9", "text", "Anmerkungen"),
    )
)

RESPONSES = [
    R(
        1,
        {
            "q1": "daily",
            "q2": ["web", "app"],
            "q3": 5,
            "q4": {"wlan": 5, "forms": 2},
            "q5": ["a", "b", "c"],
            "q6": 30,
            "q7": True,
            "q8": "2026-04-02",
            "q9": "Mehr WLAN",
        },
    ),
    R(
        2,
        {
            "q1": "daily",
            "q2": ["web"],
            "q3": 4,
            "q4": {"wlan": 4},
            "q5": ["b", "a", "c"],
            "q6": 40,
            "q7": True,
            "q8": "2026-04-20",
        },
    ),
    R(
        3,
        {
            "q1": "weekly",
            "q2": ["mail", "other"],
            "q2_other": "Zeitung",
            "q3": 4,
            "q4": {"wlan": 3, "forms": 3},
            "q5": ["a", "c", "b"],
            "q6": 50,
            "q7": False,
            "q8": "2026-05-01",
            "q9": "Ruft mich an: 0171 2345",
        },
    ),
    R(4, {"q1": "never", "q3": 1, "q7": False}),
    R(5, {"q1": "daily", "q2": [], "q3": None, "q9": ""}),
]


def test_each_question_kind_is_counted_with_shares_of_those_who_answered():
    results = {r.code: r for r in tally(PLAN, iter(RESPONSES), approved={(1, "q9"), (3, "q2_other")})}

    q1 = results["q1"]
    assert (q1.answered, q1.skipped) == (5, 0)
    assert [(r.code, r.count, r.percent) for r in q1.rows] == [
        ("daily", 3, 60.0),
        ("weekly", 1, 20.0),
        ("never", 1, 20.0),
    ]

    q2 = results["q2"]  # three people answered (response 5's empty list is no answer); shares may add past 100
    assert (q2.answered, q2.skipped) == (3, 2)
    assert [(r.code, r.count, r.percent) for r in q2.rows] == [
        ("web", 2, 66.7),
        ("app", 1, 33.3),
        ("mail", 1, 33.3),
        ("other", 1, 33.3),
    ]
    assert [t.text for t in q2.texts] == ["Zeitung"]

    q3 = results["q3"]  # 5, 4, 4, 1: mean 14/4 = 3.5, median (4+4)/2 = 4
    assert [r.count for r in q3.rows] == [1, 0, 0, 2, 1]
    assert (q3.stats.n, q3.stats.mean, q3.stats.median) == (4, 3.5, 4.0)

    wlan, forms = results["q4"].items  # wlan 5, 4, 3: mean 4; forms 2, 3: mean 2.5
    assert results["q4"].answered == 3
    assert (wlan.stats.n, wlan.stats.mean, wlan.stats.median) == (3, 4.0, 4.0)
    assert (forms.stats.n, forms.stats.mean, forms.stats.median) == (2, 2.5, 2.5)
    assert [r.percent for r in forms.rows] == [0.0, 50.0, 50.0, 0.0, 0.0]

    ranking = results["q5"].items  # a: 1, 2, 1 → 1.33; b: 2, 1, 3 → 2; c: 3, 3, 2 → 2.67
    assert [(i.code, i.mean_rank, i.first) for i in ranking] == [("a", 1.33, 2), ("b", 2.0, 1), ("c", 2.67, 0)]

    age = results["q6"].stats
    assert (age.n, age.mean, age.median, age.minimum, age.maximum) == (3, 40.0, 40.0, 30, 50)

    assert [(r.code, r.count, r.percent) for r in results["q7"].rows] == [("yes", 2, 50.0), ("no", 2, 50.0)]
    assert [(m.code, m.count) for m in results["q8"].months] == [("2026-04", 2), ("2026-05", 1)]


def test_only_free_text_that_moderation_approved_leaves_the_tally():
    q9 = {r.code: r for r in tally(PLAN, RESPONSES, approved={(1, "q9")})}["q9"]
    assert (q9.answered, q9.texts_total) == (2, 2)
    assert [(t.response, t.text) for t in q9.texts] == [(1, "Mehr WLAN")]
    nothing = {r.code: r for r in tally(PLAN, RESPONSES)}["q9"]  # the records approve nothing
    assert nothing.texts == () and nothing.texts_total == 2
    flagged = [R(1, {"q9": "Mehr WLAN"}, approved_free_text=frozenset({"q9"})), R(2, {"q9": "0171 2345"})]
    assert [t.text for t in {r.code: r for r in tally(PLAN, flagged)}["q9"].texts] == ["Mehr WLAN"]
    by_predicate = {r.code: r for r in tally(PLAN, RESPONSES, approved=lambda rid, code: rid == 3)}["q9"]
    assert [t.text for t in by_predicate.texts] == ["Ruft mich an: 0171 2345"]


def _town() -> list[R]:
    """12 residents (7 daily, 5 weekly), 6 businesses (5 daily, 1 never), 3 staff (all daily)."""
    out = [R(i, {"q1": "daily", "q3": 4}) for i in range(7)]
    out += [R(10 + i, {"q1": "weekly", "q3": 2}) for i in range(5)]
    out += [R(20 + i, {"q1": "daily", "q3": 5}, audience="businesses", district="Wehen") for i in range(5)]
    out += [R(30, {"q1": "never", "q3": 1}, audience="businesses", district="Wehen")]
    out += [R(40 + i, {"q1": "daily", "q3": 3}, audience="staff", district=None) for i in range(3)]
    return out


def test_a_breakdown_by_audience_hides_every_cell_under_five_and_the_one_that_would_give_it_away():
    tabs = {t.code: t for t in cross_tabs(PLAN, _town(), by="audience", groups=["residents", "businesses", "staff"])}
    q1 = tabs["q1"]
    assert [r.code for r in q1.rows] == ["daily", "weekly", "never"]
    residents, businesses, staff = q1.groups
    assert (residents.key, residents.n) == ("residents", 12)
    # 7 daily (58.3 %), 5 weekly (41.7 %), 0 never: 0 is under five, so hidden, and then the smallest shown (5)
    # too, or 12 - 7 - 0 would reveal it (only 0 here, but a 3 would read the same way)
    assert [cell.display for cell in residents.cells] == ["7", HIDDEN, HIDDEN]
    assert residents.cells[0].percent == 58.3
    # staff: 3 respondents, fewer than five: no figure at all
    assert (staff.n, staff.n_display, {cell.display for cell in staff.cells}) == (None, HIDDEN, {HIDDEN})
    # businesses (6, the next-smallest group) hidden too: else staff are 21 - 12 - 6 = 3, all 15 - 7 - 5 daily
    assert (businesses.n, {cell.display for cell in businesses.cells}) == (None, {HIDDEN})
    q3 = tabs["q3"]  # residents' mean (7*4 + 5*2)/12 = 38/12 = 3.17; businesses and staff hidden
    assert [g.mean for g in q3.groups] == [3.17, None, None]


def test_a_breakdown_by_district_puts_not_stated_last_as_a_group_of_its_own():
    q1 = {t.code: t for t in cross_tabs(PLAN, _town(), by="district")}["q1"]
    assert [(g.key, g.n) for g in q1.groups] == [("", None), ("Hahn", 12), ("Wehen", None)]  # 6: next-smallest


def test_the_method_table_counts_respondents_per_audience_channel_and_district():
    paper = [*_town(), R(99, {"q1": "daily"}, channel="paper")]
    counts = breakdown(paper)
    assert counts.total == 22
    assert [(r.code, r.count, r.percent) for r in counts.audience] == [
        ("residents", 13, 59.1),
        ("businesses", 6, 27.3),
        ("staff", 3, 13.6),
    ]
    assert [(r.code, r.count) for r in counts.channel] == [("online", 21), ("paper", 1)]


def test_a_real_definition_is_counted_with_the_records_own_moderation_marks():
    from surveys.plan import plan_of
    from tests.survey_results.sample import DEFINITION, RECORDS

    results = {r.code: r for r in tally(plan_of(DEFINITION), RECORDS)}
    # often: daily 11, 12, 15; weekly 13, 16; never 14 → 3/6 = 50 %, 2/6 = 33.3 %, 1/6 = 16.7 %
    assert [(r.label, r.count, r.percent) for r in results["often"].rows] == [
        ("täglich", 3, 50.0),
        ("wöchentlich", 2, 33.3),
        ("nie", 1, 16.7),
    ]
    assert [r.code for r in results["channels"].rows] == ["web", "app", "mail", "other"]
    assert [(t.key, t.text) for t in results["channels"].texts] == [("channels_other", "Zeitung")]
    assert [t.text for t in results["notes"].texts] == ["Mehr WLAN", '=HYPERLINK("http://evil.example")']
    assert results["notes"].texts_total == 3
    happy = results["happy"].stats  # 5, 4, 4, 1, 2: mean 16/5 = 3.2, median 4
    assert (happy.n, happy.mean, happy.median) == (5, 3.2, 4.0)
    assert [(i.code, i.mean_rank) for i in results["order"].items] == [("a", 1.33), ("b", 2.0), ("c", 2.67)]
