"""DSGVO Art. 15/17/20 across every package: a resident with one of everything finds all of it in their export,
and after they delete their account no row names them any more, while their public contributions stay."""

from __future__ import annotations

from typing import Any

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import ForeignKey, Text, Varchar
from piccolo.conf.apps import Finder

from geo.roles import Role
from proposals.tables import Comment, Proposal
from tests.defects.factories import file, jpeg, pothole, town_with_categories
from tests.factories import INSIDE, PASSWORD, logged_in, person, proposal_form
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"
LENA = "lena.everything@example.org"


async def _comment(client: Any, proposal_id: int, text: str) -> int:
    response = await client.post(f"{M}/proposals/{proposal_id}/comments", json={"text": text, "stance": "pro"})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def a_resident_with_one_of_everything(client: Any, taunusstein: Any) -> dict[str, Any]:
    """Lena proposes (with a photo), comments, votes, votes on a comment, follows, flags, files a defect report
    with a photo, is affected by another report, chooses the daily digest, and is warned by a moderator."""
    await post_moderated(taunusstein)
    await town_with_categories(taunusstein)
    admin = await admin_of(taunusstein)
    cid = await consultation(taunusstein, admin)
    ben = await person("ben.other@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Ben")
    lena = await person(LENA, roles=(Role.RESIDENT,), municipality=taunusstein, name="Lena Everything")
    await person("moderation@taunusstein.example", roles=(Role.MODERATOR,), municipality=taunusstein)
    bens_proposal = await proposal(taunusstein, cid, ben, title="Ein Trinkbrunnen am Markt")

    await logged_in(client, "ben.other@example.org")
    bens_comment = await _comment(client, bens_proposal, "Ein Brunnen wäre im Sommer eine große Hilfe.")
    bens_report = await file(client, "taunusstein", pothole(email=None, description="Tiefes Loch vor Hausnummer 3"))
    assert bens_report.status_code == 201, bens_report.text
    await client.post("/api/v1/auth/logout")

    await logged_in(client, LENA)
    created = await client.post(
        f"{M}/consultations/{cid}/proposals",
        files=proposal_form(
            {"title": "Schattenplätze am Spielplatz", "body": "Bäume pflanzen, bitte.", "location": INSIDE}, [jpeg()]
        ),
    )
    assert created.status_code == 201, created.text
    own_proposal = int(created.json()["id"])
    own_comment = await _comment(client, bens_proposal, "Gern auch mit Sitzbank daneben, das fehlt dort sehr.")
    assert (await client.post(f"{M}/proposals/{bens_proposal}/vote", json={"value": 1})).status_code in (200, 201)
    assert (await client.post(f"{M}/comments/{bens_comment}/vote", json={"value": 1})).status_code in (200, 201)
    assert (await client.post(f"{M}/consultations/{cid}/follow")).status_code in (200, 201, 204)
    flagged = await client.post(
        f"{M}/moderation/flags",
        json={"content_type": "comment", "content_id": bens_comment, "reason": "off_topic", "text": ""},
    )
    assert flagged.status_code in (200, 201), flagged.text
    own_report = await file(
        client, "taunusstein", pothole(email=None, description="Gullydeckel klappert"), photos=[jpeg()]
    )
    assert own_report.status_code == 201, own_report.text
    affected = await client.post(f"{M}/reports/{bens_report.json()['id']}/affected")
    assert affected.status_code in (200, 201), affected.text
    assert (await client.put("/api/v1/me/notifications", json={"mode": "daily"})).status_code in (200, 204)
    await client.post("/api/v1/auth/logout")

    await logged_in(client, "moderation@taunusstein.example")
    warned = await client.post(
        f"{M}/moderation/sanctions", json={"user_id": lena, "kind": "warn", "reason": "Bitte beim Thema bleiben"}
    )
    assert warned.status_code == 201, warned.text
    await client.post("/api/v1/auth/logout")
    return {
        "user_id": lena,
        "proposal": own_proposal,
        "comment": own_comment,
        "report": int(own_report.json()["id"]),
        "consultation": cid,
        "bens_proposal": bens_proposal,
        "bens_comment": bens_comment,
        "bens_report": int(bens_report.json()["id"]),
    }


def _text(document: Any) -> str:
    return repr(document)


async def test_the_export_holds_every_kind_of_data_a_resident_left(client, taunusstein, mailbox):
    lena = await a_resident_with_one_of_everything(client, taunusstein)
    await logged_in(client, LENA)
    export = (await client.get("/api/v1/me/export")).json()

    assert export["account"]["email"] == LENA
    assert [p["id"] for p in export["proposal"]] == [lena["proposal"]]
    assert [c["id"] for c in export["comment"]] == [lena["comment"]]
    assert [r["id"] for r in export["defect_report"]] == [lena["report"]]
    assert export["votes"]["proposal_votes"][0]["proposal"] == lena["bens_proposal"]
    assert export["votes"]["comment_votes"][0]["comment"] == lena["bens_comment"]
    assert [f["content_id"] for f in export["flags"]] == [lena["bens_comment"]]
    assert [s["kind"] for s in export["sanctions"]] == ["warn"]
    assert export["mails"] and all(m["subject"] for m in export["mails"])  # e.g. the warning
    # Photos: the proposal's and the report's, whatever the section is called.
    photo_sections = [v for k, v in export.items() if "photo" in k or "image" in k]
    assert sum(len(v) for v in photo_sections) == 2, export.keys()
    # Following: the consultation, and the report she is affected by (affected people follow it).
    text = _text(export)
    assert str(lena["bens_report"]) in text
    follows = {(f["content_type"], f["content_id"]) for f in export["following"]["follows"]}
    assert {("consultation", lena["consultation"]), ("defect_report", lena["bens_report"])} <= follows
    affected_sections = [v for k, v in export.items() if "affected" in k]
    assert [a["report"] for a in affected_sections[0]] == [lena["bens_report"]]
    assert "'daily'" in text  # her choice of the daily digest


async def _rows_naming(user_id: int, email: str) -> dict[str, int]:
    """Every row of every table that still points at the person or holds their address."""
    found: dict[str, int] = {}
    for table in Finder().get_table_classes():
        if table is BaseUser:
            continue
        for column in table._meta.columns:
            if isinstance(column, ForeignKey) and column._foreign_key_meta.resolved_references is BaseUser:
                count = await table.count().where(column == user_id)
            elif isinstance(column, (Varchar, Text)):
                count = await table.count().where(column.ilike(f"%{email}%"))
            else:
                continue
            if count:
                found[f"{table._meta.tablename}.{column._meta.name}"] = count
    return found


async def test_deleting_the_account_anonymises_everything_and_keeps_public_contributions(client, taunusstein, mailbox):
    lena = await a_resident_with_one_of_everything(client, taunusstein)
    assert await _rows_naming(lena["user_id"], LENA)  # the check sees her before
    await logged_in(client, LENA)
    assert (await client.post("/api/v1/me/delete", json={"password": PASSWORD})).status_code == 204

    assert await _rows_naming(lena["user_id"], LENA) == {}
    proposal_row = await Proposal.select(Proposal.author, Proposal.title).where(Proposal.id == lena["proposal"]).first()
    assert proposal_row == {"author": None, "title": "Schattenplätze am Spielplatz"}
    comment_row = await Comment.select(Comment.author).where(Comment.id == lena["comment"]).first()
    assert comment_row == {"author": None}
    bens = (await client.get(f"{M}/proposals/{lena['bens_proposal']}")).json()
    assert bens["support_count"] == 1  # her vote still counts, without her name
