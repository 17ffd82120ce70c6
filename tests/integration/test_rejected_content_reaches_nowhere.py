"""One queue for every content type: what a moderator rejects never reaches an anonymous reader, a list,
the map, the Open311 feed, an open data export or the council's PDF."""

import subprocess

from backend.links import SpaLinks
from contributions.actor import actor_in
from contributions.notifications import Post
from geo.roles import Role
from moderation import services as moderation
from moderation.schemas import DecisionCreate
from proposals import services
from proposals.schemas import CommentCreate
from tests.defects.factories import confirmed_report, town_with_categories
from tests.factories import logged_in, person
from tests.proposals.factories import admin_of, close_voting, consultation, proposal
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"
SECRET = "Ruft mich an unter 0171 2345678"


async def reject(municipality, content_type: str, content_id: int) -> None:
    state = await moderation.state_of(content_type, content_id)
    assert state is not None, f"{content_type} {content_id} never reached moderation"
    moderator = await person(
        f"mod-{content_type}-{content_id}@example.org", roles=(Role.MODERATOR,), municipality=municipality
    )
    await moderation.decide(
        municipality.id, state.item_id, moderator, DecisionCreate(action="reject", reason="personal_data"), mailer=None
    )
    assert (await moderation.state_of(content_type, content_id)).visibility == "rejected"


async def test_a_rejected_comment_and_proposal_appear_nowhere(client, taunusstein, tmp_path):
    await post_moderated(taunusstein)
    admin = await admin_of(taunusstein)
    anna = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    ben = await person("ben@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    cid = await consultation(taunusstein, admin)
    kept = await proposal(taunusstein, cid, anna, title="Radweg nach Wehen", body="Sicher zur Schule.")
    # Nothing a screening could see: public at once, then a moderator removes it (post-moderation).
    removed = await proposal(
        taunusstein, cid, ben, title="Bänke am Bahnhof", body="Frau Beispiel von nebenan weiß mehr."
    )
    assert "Bänke am Bahnhof" in (await client.get(f"{M}/consultations/{cid}/proposals")).text
    post = Post(_outbox(), SpaLinks("http://stadtstimme.test"), "secret")
    # A phone number: screening holds the comment back before anyone sees it (pre-screening).
    comment = await services.add_comment(
        taunusstein,
        kept,
        await actor_in(ben, taunusstein.id),
        CommentCreate(text=f"Gern! {SECRET}", stance="pro"),
        post,
    )
    await reject(taunusstein, "proposal", removed)
    await reject(taunusstein, "comment", comment.id)

    thread = (await client.get(f"{M}/proposals/{kept}/comments")).text
    listing = (await client.get(f"{M}/consultations/{cid}/proposals")).text
    pins = (await client.get(f"{M}/consultations/{cid}/pins")).text
    detail = await client.get(f"{M}/proposals/{removed}")
    exports = [(await client.get(f"{M}/consultations/{cid}/proposals.{fmt}")).text for fmt in ("csv", "geojson")]
    for body in (thread, listing, pins, *exports):
        assert "0171" not in body
    assert "Bänke am Bahnhof" not in listing and "Bänke am Bahnhof" not in pins
    assert detail.status_code == 404
    assert "Von der Moderation entfernt" in thread  # the placeholder keeps the thread readable

    await close_voting(cid)
    await logged_in(client, "admin@taunusstein.example")
    assert (await client.post(f"{M}/consultations/{cid}/results/publish")).status_code == 200
    pdf = tmp_path / "results.pdf"
    pdf.write_bytes((await client.get(f"{M}/consultations/{cid}/results.pdf")).content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Radweg nach Wehen" in text and "0171" not in text and "Bänke am Bahnhof" not in text


async def test_a_rejected_defect_report_leaves_map_list_open311_and_open_data(client, taunusstein, mailbox):
    await post_moderated(taunusstein)
    await town_with_categories(taunusstein)
    report_id = await confirmed_report(client, "taunusstein", mailbox)
    assert report_id in _ids((await client.get(f"{M}/reports")).json())
    await reject(taunusstein, "defect_report", report_id)

    assert report_id not in _ids((await client.get(f"{M}/reports")).json())
    assert (await client.get(f"{M}/reports/{report_id}")).status_code == 404
    feed = (await client.get("/open311/v2/requests.json", params={"jurisdiction_id": "taunusstein"})).json()
    assert str(report_id) not in [str(r["service_request_id"]) for r in feed]
    single = await client.get(f"/open311/v2/requests/{report_id}.json", params={"jurisdiction_id": "taunusstein"})
    assert single.status_code == 404
    from datetime import UTC, datetime, timedelta

    today = datetime.now(UTC).date()
    csv = (
        await client.get(
            f"{M}/open-data/defect-reports.csv",
            params={"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()},
        )
    ).text
    assert f"\n{report_id}," not in csv


def _ids(collection: dict) -> list[int]:
    return [f["id"] if "id" in f else f["properties"].get("id") for f in collection["features"]]


def _outbox():
    from backend.mail.outbox import Outbox

    return Outbox()
