"""Comments: threads three deep with stance, up/down votes, sorting, 15-minute edits and placeholders."""

from datetime import timedelta

from geo.roles import Role
from proposals.tables import Comment
from tests.factories import logged_in, person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"


async def setup(taunusstein):
    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    anna = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna")
    await person("ben@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="")
    return await proposal(taunusstein, cid, anna)


async def test_replies_nest_three_levels_and_no_deeper(client, taunusstein):
    pid = await setup(taunusstein)
    await logged_in(client, "ben@example.org")
    parent = None
    for depth in (1, 2, 3):
        response = await client.post(
            f"{M}/proposals/{pid}/comments", json={"text": f"Ebene {depth}", "stance": "pro", "parent_id": parent}
        )
        assert response.status_code == 201, response.text
        assert response.json()["depth"] == depth and response.json()["author_name"] == "Anonym"
        parent = response.json()["id"]
    too_deep = await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Ebene 4", "parent_id": parent})
    assert too_deep.status_code == 422 and too_deep.json()["errors"][0]["field"] == "parent_id"
    thread = (await client.get(f"{M}/proposals/{pid}/comments")).json()
    assert thread["total"] == 3
    top = thread["items"][0]
    assert top["text"] == "Ebene 1" and top["replies"][0]["replies"][0]["text"] == "Ebene 3"
    assert top["stance"] == "pro" and top["reply_count"] == 2
    assert (await client.get(f"{M}/proposals/{pid}")).json()["comment_count"] == 3


async def test_a_deleted_comment_leaves_a_placeholder_and_its_replies_stay(client, taunusstein):
    pid = await setup(taunusstein)
    await logged_in(client, "ben@example.org")
    first = (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Weg damit"})).json()
    await logged_in(client, "anna@example.org")
    await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Antwort bleibt", "parent_id": first["id"]})
    assert (await client.delete(f"/api/v1/municipalities/taunusstein/comments/{first['id']}")).status_code == 403
    await logged_in(client, "ben@example.org")
    assert (await client.delete(f"{M}/comments/{first['id']}")).status_code == 204
    thread = (await client.get(f"{M}/proposals/{pid}/comments")).json()
    gone = thread["items"][0]
    assert gone["placeholder"] == "deleted" and gone["text"] is None and gone["author_name"] is None
    assert gone["replies"][0]["text"] == "Antwort bleibt"
    assert thread["total"] == 1 and gone["reply_count"] == 1
    assert (await Comment.select(Comment.text).where(Comment.id == first["id"]).first())["text"] == ""


async def test_a_rejected_comment_shows_the_public_reason(client, taunusstein):
    from moderation.hook import Outcome, Visibility, listener_for

    pid = await setup(taunusstein)
    await logged_in(client, "ben@example.org")
    comment = (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Beleidigung"})).json()
    await listener_for("comment")(
        Outcome(comment["id"], Visibility.REJECTED, reason_de="Verstößt gegen die Regeln", reason_en="Breaks rules")
    )
    thread = (await client.get(f"{M}/proposals/{pid}/comments")).json()
    assert thread["items"][0]["placeholder"] == "removed" and thread["items"][0]["text"] is None
    assert thread["items"][0]["reason_de"] == "Verstößt gegen die Regeln" and thread["total"] == 0
    assert (await client.get(f"{M}/proposals/{pid}")).json()["comment_count"] == 0


async def test_comments_can_be_edited_for_fifteen_minutes_by_their_author_only(client, taunusstein):
    pid = await setup(taunusstein)
    await logged_in(client, "ben@example.org")
    comment = (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Tippfeler"})).json()
    edited = await client.put(f"{M}/comments/{comment['id']}", json={"text": "Tippfehler", "stance": "contra"})
    assert edited.status_code == 200 and edited.json()["text"] == "Tippfehler" and edited.json()["edited_at"]
    await logged_in(client, "anna@example.org")
    assert (await client.put(f"{M}/comments/{comment['id']}", json={"text": "Fremd"})).status_code == 403
    row = await Comment.select(Comment.created_at).where(Comment.id == comment["id"]).first()
    await Comment.update({Comment.created_at: row["created_at"] - timedelta(minutes=16)}).where(
        Comment.id == comment["id"]
    )
    await logged_in(client, "ben@example.org")
    assert (await client.put(f"{M}/comments/{comment['id']}", json={"text": "Zu spät"})).status_code == 403


async def test_up_and_down_votes_sort_by_support_and_by_discussion(client, taunusstein):
    pid = await setup(taunusstein)
    await logged_in(client, "ben@example.org")
    a = (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "A"})).json()
    b = (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "B"})).json()
    c = (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "C"})).json()
    await client.post(f"{M}/proposals/{pid}/comments", json={"text": "zu A", "parent_id": a["id"]})
    await logged_in(client, "anna@example.org")
    up = await client.post(f"{M}/comments/{b['id']}/vote", json={"value": 1})
    assert up.status_code == 200 and up.json()["up_count"] == 1 and up.json()["my_vote"] == 1
    again = await client.post(f"{M}/comments/{b['id']}/vote", json={"value": 1})
    assert again.json()["up_count"] == 1  # one vote per person
    down = await client.post(f"{M}/comments/{c['id']}/vote", json={"value": -1})
    assert down.json()["down_count"] == 1

    def order(sort):
        return client.get(f"{M}/proposals/{pid}/comments", params={"sort": sort})

    assert [x["text"] for x in (await order("newest")).json()["items"]] == ["C", "B", "A"]
    assert [x["text"] for x in (await order("most_supported")).json()["items"]] == ["B", "A", "C"]
    assert (await order("most_discussed")).json()["items"][0]["text"] == "A"


async def test_commenting_needs_login(client, taunusstein):
    pid = await setup(taunusstein)
    assert (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Hallo"})).status_code == 401
    assert (await client.post(f"{M}/comments/1/vote", json={"value": 1})).status_code == 401


async def test_long_threads_come_in_pages_of_top_level_comments_with_their_replies(
    client, taunusstein, many_contributions
):
    pid = await setup(taunusstein)
    await logged_in(client, "ben@example.org")
    ids = []
    for n in range(5):
        ids.append((await client.post(f"{M}/proposals/{pid}/comments", json={"text": f"Nr. {n}"})).json()["id"])
    await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Antwort auf Nr. 0", "parent_id": ids[0]})
    first = (await client.get(f"{M}/proposals/{pid}/comments", params={"sort": "oldest", "limit": 2})).json()
    assert [c["text"] for c in first["items"]] == ["Nr. 0", "Nr. 1"] and first["next_cursor"]
    assert first["total"] == 6 and first["items"][0]["replies"][0]["text"] == "Antwort auf Nr. 0"
    params = {"sort": "oldest", "cursor": first["next_cursor"]}
    rest = (await client.get(f"{M}/proposals/{pid}/comments", params=params)).json()
    assert [c["text"] for c in rest["items"]] == ["Nr. 2", "Nr. 3", "Nr. 4"] and rest["next_cursor"] is None


async def test_pages_sorted_by_replies_show_each_thread_once(client, taunusstein, many_contributions):
    pid = await setup(taunusstein)
    await logged_in(client, "ben@example.org")
    ids = [
        (await client.post(f"{M}/proposals/{pid}/comments", json={"text": f"Nr. {n}"})).json()["id"] for n in range(5)
    ]
    for parent in (ids[3], ids[3], ids[1]):
        await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Antwort", "parent_id": parent})
    seen, cursor = [], None
    while True:
        params = {"sort": "most_discussed", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(f"{M}/proposals/{pid}/comments", params=params)).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [ids[3], ids[1], ids[4], ids[2], ids[0]]  # most replies first, then newest


async def test_a_reply_hidden_by_moderation_no_longer_counts_for_the_discussion(client, taunusstein):
    from moderation.hook import Outcome, Visibility, listener_for

    pid = await setup(taunusstein)
    await logged_in(client, "ben@example.org")
    top = (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Oben"})).json()
    reply = (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Unten", "parent_id": top["id"]})).json()
    await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Ganz unten", "parent_id": reply["id"]})
    assert (await client.get(f"{M}/proposals/{pid}/comments")).json()["items"][0]["reply_count"] == 2
    await listener_for("comment")(Outcome(reply["id"], Visibility.HIDDEN, reason_de="Prüfung", reason_en="Review"))
    thread = (await client.get(f"{M}/proposals/{pid}/comments")).json()
    assert thread["items"][0]["reply_count"] == 1 and thread["total"] == 2
