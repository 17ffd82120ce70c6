"""The demo has the strategy's survey with answers from three groups, results published, and an open one."""

from backend.demo import load_demo
from contributions.actor import ANONYMOUS
from surveys import services
from surveys.storage import load_responses


async def test_the_demo_has_a_published_strategy_survey_and_an_open_one(db):
    context = await load_demo(hashing="fast-insecure")
    assert context is not None
    found = {s.title: s for s in await services.list_surveys(context.municipality, ANONYMOUS)}
    strategy = found["Digitale Stadt: Wo sollen wir anfangen?"]
    assert strategy.status == "results_published"
    assert found["Spielplätze in Taunusstein"].status == "open"
    records = await load_responses(strategy.id)
    groups = {r.audience.value for r in records}
    assert groups == {"residents", "businesses", "staff"} and len(records) == 106
    assert {r.channel.value for r in records} == {"online", "paper"}
    assert any(r.approved_free_text for r in records)
    assert all(r.free_text_themes.get("wunsch") for r in records if "wunsch" in r.approved_free_text)  # sorted
