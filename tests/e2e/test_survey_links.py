"""The links people get: the invitation letter's QR code link opens the survey with the code filled in (a second
answer with it is refused, clearly), and a link survey protected by a proof of work is answered in the browser
under the app's CSP without any e-mail."""

import json

import pytest

from backend.documents.survey import letters_context
from backend.links import SpaLinks
from geo.roles import Role
from surveys.definition import SurveyDefinition
from surveys.services.building import store_codes
from surveys.storage import load_responses
from surveys.tables import Survey, UsedProof
from tests.e2e.conftest import PHONE, assert_accessible, login, open_app, run
from tests.factories import person
from tests.support.mailbox import body_of

ADMIN = "admin@taunusstein.example"

DEFINITION = {
    "title": {"de": "Neue Bänke am Markt", "en": "New benches at the market"},
    "intro": {"de": "Drei Minuten, ohne Namen.", "en": "Three minutes, no names."},
    "audiences": ["residents"],
    "sections": [
        {
            "code": "s1",
            "title": {"de": "Bänke"},
            "questions": [
                {"code": "benches", "type": "yes_no", "text": {"de": "Brauchen wir mehr Bänke?"}, "required": True}
            ],
        }
    ],
}


def open_survey(municipality, **overrides) -> int:
    definition = SurveyDefinition.model_validate({**DEFINITION, **overrides})

    async def make() -> int:
        survey = Survey(
            municipality=municipality.id,
            title=definition.title.de,
            definition=definition.model_dump_json(),
            status="open",
        )
        await survey.save()
        return int(survey.id)

    return run(make())


@pytest.mark.browser
def test_the_letters_link_fills_in_the_code_and_a_second_answer_with_it_is_refused(new_page, live_server, taunusstein):
    survey_id = open_survey(taunusstein, access_modes=["code"])
    definition = SurveyDefinition.model_validate(DEFINITION)
    code = "ABCD-EFGH-JK"
    run(store_codes(survey_id, definition.audiences[0], [code]))
    letter = letters_context(
        definition,
        [code],
        SpaLinks(live_server.url).survey(taunusstein.slug, survey_id),  # what the letters endpoint prints
        text="Bitte machen Sie mit.",
        sender="Stadt Taunusstein",
        municipality_name="Taunusstein",
        lang="de",
        brand_color="#00577b",
    )["letters"][0]
    assert letter["link"].endswith(f"/#/m/taunusstein/surveys/{survey_id}?code={code}")
    route = letter["link"].removeprefix(f"{live_server.url}/")

    for attempt in range(2):
        phone = new_page(PHONE)
        open_app(phone, live_server, route, "/m/:slug/surveys/:id")
        code_field = phone.get_by_label("Einladungscode", exact=False)
        assert code_field.input_value() == code  # filled in, still there to see and change
        assert "schon eingetragen" in phone.locator("main").inner_text()
        if attempt == 0:
            assert_accessible(phone)
        phone.get_by_role("button", name="Umfrage beginnen").click()
        if attempt == 1:
            phone.locator(".error-summary").wait_for()
            assert "schon beantwortet" in phone.locator(".error-summary").inner_text()
            break
        phone.get_by_label("Ja").check()
        phone.get_by_role("button", name="Antworten absenden").click()
        phone.get_by_role("heading", name="Vielen Dank für Ihre Antworten!").wait_for()
    assert [r.answers for r in run(load_responses(survey_id))] == [{"benches": True}]


@pytest.mark.browser
def test_a_link_survey_with_a_proof_of_work_is_answered_without_e_mail(new_page, start_server, taunusstein):
    server = start_server(proof_of_work_max_number=3000)  # small puzzles: the test does not wait for seconds
    survey_id = open_survey(taunusstein, access_modes=["link"], link_protection="proof_of_work")
    phone = new_page(PHONE)
    open_app(phone, server, f"#/m/taunusstein/surveys/{survey_id}", "/m/:slug/surveys/:id")
    phone.get_by_role("button", name="Umfrage beginnen").click()
    phone.get_by_role("heading", name="Schutz gegen Mehrfach-Antworten").wait_for()
    assert "kleine Rechenaufgabe" in phone.locator("main").inner_text()
    assert phone.get_by_label("E-Mail", exact=False).count() == 0
    assert_accessible(phone)
    phone.get_by_label("Ja").check()
    phone.get_by_role("button", name="Antworten absenden").click()
    phone.get_by_role("heading", name="Vielen Dank für Ihre Antworten!").wait_for()
    assert [r.answers for r in run(load_responses(survey_id))] == [{"benches": True}]
    assert run(UsedProof.count()) == 1
    assert json.loads(run(Survey.select(Survey.definition).first())["definition"])["link_protection"] == "proof_of_work"


@pytest.mark.browser
def test_an_admin_mails_codes_to_a_pasted_list_and_the_mailed_link_opens_with_the_code(
    page, new_page, live_server, mailbox, taunusstein
):
    run(person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein, name="Verwaltung"))
    survey_id = open_survey(taunusstein, access_modes=["code"])
    login(page, live_server, ADMIN)
    open_app(page, live_server, "#/m/taunusstein/admin/surveys", "/m/:slug/admin/surveys")
    mailing = page.get_by_role("form", name="Codes per E-Mail verschicken: Neue Bänke am Markt")
    mailing.get_by_label("E-Mail-Adressen (eine je Zeile)", exact=False).fill(
        "ana@example.org\nbernd(at)example.org\nana@example.org"
    )
    mailing.get_by_role("button", name="Codes per E-Mail senden").click()
    summary = mailing.locator(".error-summary")
    summary.wait_for()
    assert "Zeile 2" in summary.inner_text()
    assert_accessible(page)
    mailing.get_by_label("E-Mail-Adressen (eine je Zeile)", exact=False).fill(
        "ana@example.org\nbernd@example.org\nana@example.org"
    )
    mailing.get_by_role("button", name="Codes per E-Mail senden").click()
    page.get_by_text("2 Einladungen für „Einwohnerinnen und Einwohner“ werden verschickt.", exact=False).wait_for()
    assert "1 Adresse stand doppelt" in page.locator("main").inner_text()

    body = body_of(mailbox.wait_for_sync("bernd@example.org", "Einladung"))
    link = next(line for line in body.splitlines() if line.startswith(live_server.url))
    assert f"/#/m/taunusstein/surveys/{survey_id}?code=" in link
    bernd = new_page(PHONE)
    open_app(bernd, live_server, link.removeprefix(f"{live_server.url}/"), "/m/:slug/surveys/:id")
    assert bernd.get_by_label("Einladungscode", exact=False).input_value() == link.split("?code=")[1]
