"""The queue over HTTP: oldest first, filters, counts, keyset pages, and who may see it."""

import pytest

from tests.factories import logged_in, person
from tests.moderation.conftest import ADMIN, MODERATOR, OTHER_MODERATOR, RESIDENT


async def _fill(scene):
    """Three waiting notes from a new account, one comment with a phone number in consultation 4."""
    comments = __import__("tests.moderation.factories", fromlist=["recording"]).recording("comment")
    ids = [
        await scene.notes.create(scene.municipality.id, scene.resident, f"Vorschlag Nummer {i} für Hahn")
        for i in range(3)
    ]
    phone = await comments.create(scene.municipality.id, scene.resident, "Ruft an: 06128 123456", context_id=4)
    return ids, phone


async def test_a_moderator_sees_the_waiting_items_oldest_first_with_their_reasons(client, scene):
    ids, phone = await _fill(scene)
    await logged_in(client, MODERATOR)
    response = await client.get(scene.url("/queue"))
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["content_id"] for i in items] == [*ids, phone]
    assert items[-1]["reasons"][0] == {
        "code": "phone",
        "label_de": "Telefonnummer im Text",
        "label_en": "Phone number in the text",
    }
    assert items[0]["author_name"] == "Anna" and "email" not in str(items[0]).lower()


async def test_the_queue_filters_by_type_reason_consultation_and_age(client, scene):
    ids, phone = await _fill(scene)
    await logged_in(client, MODERATOR)

    async def content_ids(**params):
        response = await client.get(scene.url("/queue"), params=params)
        assert response.status_code == 200, response.text
        return [i["content_id"] for i in response.json()["items"]]

    assert await content_ids(type="comment") == [phone]
    assert await content_ids(reason="phone") == [phone]
    assert await content_ids(reason="new_account") == [*ids, phone]
    assert await content_ids(context=4) == [phone]
    assert await content_ids(min_age_hours=1) == []
    assert await content_ids(type="note", reason="phone") == []


async def test_counts_per_filter_value_tell_the_moderator_where_the_work_is(client, scene):
    await _fill(scene)
    await logged_in(client, MODERATOR)
    counts = (await client.get(scene.url("/queue/counts"), params={"type": "note"})).json()
    assert counts["total"] == 4 and counts["matching"] == 3
    assert counts["by_type"] == {"note": 3, "comment": 1}
    assert counts["by_reason"] == {"new_account": 4, "phone": 1}
    assert counts["by_context"] == {"none": 3, "4": 1}
    assert counts["by_visibility"] == {"pending": 4}


async def test_pages_follow_each_other_without_gaps_or_repeats(client, scene):
    ids = [await scene.notes.create(scene.municipality.id, scene.resident, f"Idee {i} für den Platz") for i in range(7)]
    await logged_in(client, MODERATOR)
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = (await client.get(scene.url("/queue"), params=params)).json()
        seen += [i["content_id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == ids


async def test_a_broken_cursor_is_a_422_naming_the_field(client, scene):
    await logged_in(client, MODERATOR)
    response = await client.get(scene.url("/queue"), params={"cursor": "kaputt"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "cursor"


@pytest.mark.parametrize("path", ["/queue", "/queue/counts", "/policies", "/words", "/sanctions"])
async def test_anonymous_people_and_residents_cannot_open_the_moderation(client, scene, path):
    assert (await client.get(scene.url(path))).status_code == 401
    await logged_in(client, RESIDENT)
    assert (await client.get(scene.url(path))).status_code == 403


async def test_a_moderator_of_another_municipality_sees_nothing(client, scene):
    await _fill(scene)
    await scene.notes.create(scene.other.id, scene.resident, "Ein Vorschlag für Wiesbaden")
    await logged_in(client, OTHER_MODERATOR)
    assert (await client.get(scene.url("/queue"))).status_code == 403
    assert (await client.get(scene.url("/queue/counts"))).status_code == 403
    own = (await client.get(scene.url("/queue", slug=scene.other.slug))).json()["items"]
    assert [i["text"] for i in own] == ["Ein Vorschlag für Wiesbaden"]
    taunusstein_item = await _first_item_id(client, scene, ADMIN)
    await logged_in(client, OTHER_MODERATOR)
    # Even with a known id, the item is not found through the moderator's own municipality.
    response = await client.get(scene.url(f"/items/{taunusstein_item}", slug=scene.other.slug))
    assert response.status_code == 404
    decided = await client.post(
        scene.url(f"/items/{taunusstein_item}/decision", slug=scene.other.slug), json={"action": "approve"}
    )
    assert decided.status_code == 404


async def test_an_admin_of_the_municipality_may_moderate_too(client, scene):
    await _fill(scene)
    await logged_in(client, ADMIN)
    assert len((await client.get(scene.url("/queue"))).json()["items"]) == 4


async def test_the_reasons_catalogue_is_public_for_the_flag_button(client, scene):
    body = (await client.get(scene.url("/reasons"))).json()
    assert {r["code"] for r in body["flag"]} == {"spam", "insult", "personal_data", "off_topic", "other"}
    assert any(r["label_de"] == "personenbezogene Daten" for r in body["reject"])


async def _first_item_id(client, scene, email):
    await person("helper@example.org")
    await logged_in(client, email)
    return (await client.get(scene.url("/queue"))).json()["items"][0]["id"]


@pytest.mark.parametrize(("param", "value"), [("reason", "gibtsnicht"), ("reason", "%"), ("visibility", "weg")])
async def test_an_unknown_reason_or_state_is_a_422_naming_it(client, scene, param, value):
    await logged_in(client, MODERATOR)
    for path in ("/queue", "/queue/counts"):
        response = await client.get(scene.url(path), params={param: value})
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == param


async def test_the_queue_filters_by_visibility(client, scene):
    from tests.support.moderation import decide, post_moderated

    await post_moderated(scene.municipality)
    public = await scene.notes.create(scene.municipality.id, scene.resident, "Mehr Bänke am Markt")
    waiting = await scene.notes.create(scene.municipality.id, scene.resident, "Ruft an: 06128 123456")
    await logged_in(client, MODERATOR)
    pending = (await client.get(scene.url("/queue"), params={"visibility": "pending"})).json()["items"]
    assert [i["content_id"] for i in pending] == [waiting]
    assert await decide("note", public, "reject", "spam") == "rejected"
    assert scene.notes.visibility[public] == "rejected"


async def test_waiting_items_come_before_post_moderation_review_oldest_first_across_pages(client, scene):
    """A busy evening: what nobody can see yet is decided first, then the review of what is already public."""
    from tests.support.moderation import post_moderated

    await post_moderated(scene.municipality)
    public_old = await scene.notes.create(scene.municipality.id, scene.resident, "Mehr Bänke am Markt")
    public_new = await scene.notes.create(scene.municipality.id, scene.resident, "Ein Brunnen am Rathaus")
    waiting_old = await scene.notes.create(scene.municipality.id, scene.resident, "Ruft an: 06128 123456")
    waiting_new = await scene.notes.create(scene.municipality.id, scene.resident, "Ruft an: 06128 654321")
    await logged_in(client, MODERATOR)
    body = (await client.get(scene.url("/queue"))).json()
    assert [i["content_id"] for i in body["items"]] == [waiting_old, waiting_new, public_old, public_new]
    assert [i["visibility"] for i in body["items"]] == ["pending", "pending", "public", "public"]
    for limit in (1, 2, 3):
        seen, cursor = [], None
        while True:
            params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
            page = (await client.get(scene.url("/queue"), params=params)).json()
            seen += [i["content_id"] for i in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == [waiting_old, waiting_new, public_old, public_new], limit


async def test_each_item_names_the_proposal_it_belongs_to_and_the_consultation_by_title(client, scene):
    """From the content registry: a comment row says which proposal it is on, the filter shows titles, not "#1"."""
    from backend.links import SpaLinks
    from backend.mail.outbox import Outbox
    from contributions.actor import actor_in
    from contributions.notifications import Post
    from proposals import services
    from proposals.schemas import CommentCreate
    from tests.proposals.factories import admin_of, consultation, proposal
    from tests.support.moderation import post_moderated

    municipality = scene.municipality
    await post_moderated(municipality)
    cid = await consultation(municipality, await admin_of(municipality, "chef@taunusstein.example"))
    pid = await proposal(municipality, cid, scene.resident, title="Breiterer Gehweg an der Schule")
    post = Post(Outbox(), SpaLinks("http://stadtstimme.test"), "secret")
    comment = await services.add_comment(
        municipality,
        pid,
        await actor_in(scene.resident, municipality.id),
        CommentCreate(text="Ruft an: 06128 123456"),
        post,
    )
    await logged_in(client, MODERATOR)
    items = (await client.get(scene.url("/queue"), params={"type": "comment"})).json()["items"]
    assert [(i["content_id"], i["parent_title"]) for i in items] == [(comment.id, "Breiterer Gehweg an der Schule")]
    title = (await client.get(f"/api/v1/municipalities/taunusstein/consultations/{cid}")).json()["title"]
    assert items[0]["context_title"] == title
    counts = (await client.get(scene.url("/queue/counts"))).json()
    assert counts["context_titles"] == {str(cid): title}
    detail = (await client.get(scene.url(f"/items/{items[0]['id']}"))).json()
    assert detail["item"]["parent_title"] == "Breiterer Gehweg an der Schule"
