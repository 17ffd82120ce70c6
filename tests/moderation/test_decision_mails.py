"""What an author reads after decisions: one mail per bulk decision, no empty quotes, no invitation to reply
to a no-reply sender."""

import asyncio
from pathlib import Path

import pytest

from backend.mail.render import TEMPLATE_DIRS, render
from moderation import services as moderation
from tests.factories import logged_in, person
from tests.moderation.conftest import MODERATOR, RESIDENT
from tests.support.mailbox import body_of

pytestmark = pytest.mark.usefixtures("delivered_mail")


async def test_a_bulk_decision_sends_each_author_one_summary_mail(client, scene, mailbox):
    texts = ["Ruft an: 06128 111111", "Ruft an: 06128 222222", "Ruft an: 06128 333333"]
    mine = [await scene.notes.create(scene.municipality.id, scene.resident, text) for text in texts]
    await person("bert@example.org", name="Bert")
    from piccolo.apps.user.tables import BaseUser

    bert = (await BaseUser.select(BaseUser.id).where(BaseUser.email == "bert@example.org").first())["id"]
    theirs = await scene.notes.create(scene.municipality.id, bert, "Ruft an: 06128 444444")
    items = [(await moderation.state_of("note", c)).item_id for c in [*mine, theirs]]
    await logged_in(client, MODERATOR)
    response = await client.post(
        scene.url("/decisions"), json={"item_ids": items, "action": "reject", "reason": "personal_data"}
    )
    assert response.status_code == 200, response.text
    summary = await mailbox.wait_for(RESIDENT, "3 Ihrer Beiträge")
    single = await mailbox.wait_for("bert@example.org", "entfernt")
    await asyncio.sleep(0.5)  # anything else would have been sent with these
    assert len(mailbox.to(RESIDENT)) == 1 and len(mailbox.to("bert@example.org")) == 1
    text = body_of(summary)
    for excerpt in texts:
        assert f"„{excerpt}“" in text
    assert text.count("Entfernt. Grund: personenbezogene Daten") == 3
    assert "Bitte antworten Sie nicht auf diese E-Mail" in text and "antworten Sie bitte" not in text
    assert "06128 444444" in body_of(single) and "06128 111111" not in body_of(single)


ACTIONS = ("approve", "restore", "reject", "hide", "redact")


@pytest.mark.parametrize("locale", ["de", "en"])
@pytest.mark.parametrize("action", ACTIONS)
def test_a_photo_decision_describes_the_photo_instead_of_quoting_empty_text(action, locale):
    base = {"name": "Anna", "municipality": "Taunusstein", "contact": "rathaus@taunusstein.example"}
    decision = {
        "action": action,
        "reason_de": "personenbezogene Daten",
        "reason_en": "personal data",
        "note": "",
        "excerpt": "",
        "url": "",
        "text_redacted": False,
        "photo_redacted": action == "redact",
        "has_photo": True,
        "content_type": "photo",
    }
    for template, context in (
        ("moderation/decision", {**base, **decision}),
        ("moderation/decisions", {**base, "decisions": [decision, {**decision, "excerpt": "Ein Text"}]}),
    ):
        _subject, body = render(template, context, locale)
        assert "„“" not in body and '""' not in body and "None" not in body, body
        assert ("Foto ohne Text" if locale == "de" else "photo without text") in body
        assert "rathaus@taunusstein.example" in body


def test_no_mail_template_quotes_a_value_without_a_guard():
    """Every „{{ x }}“ in a mail template is either always filled (a category name) or inside {% if x %}."""
    always_filled = {"category", "category_de", "category_en", "title", "title_en"}  # a title is required (en: else de)
    found = []
    for directory in TEMPLATE_DIRS:
        for path in Path(directory).rglob("*.txt"):
            for line in path.read_text(encoding="utf-8").splitlines():
                for opening, closing in (("„{{ ", " }}“"), ('"{{ ', ' }}"')):
                    start = line.find(opening)
                    while start != -1:
                        name = line[start + len(opening) : line.find(closing, start)]
                        if name not in always_filled and f"{{% if {name} %}}" not in line:
                            found.append(f"{path.name}: {name}")
                        start = line.find(opening, start + 1)
    assert found == []
