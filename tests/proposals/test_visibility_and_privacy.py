"""Only public contributions are listed and counted; authors' accounts can go, their contributions stay anonymised;
areas drawn as polygons are enforced; the cover image is cleaned and served."""

import io

from piccolo.apps.user.tables import BaseUser
from PIL import Image

from contributions.actor import actor_in
from geo.roles import Role
from moderation.hook import Outcome, Visibility, listener_for
from tests.factories import INSIDE, logged_in, person, proposal_form
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"


async def setup(taunusstein, **settings):
    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein), **settings)
    anna = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna")
    return cid, anna


async def test_a_hidden_proposal_leaves_lists_pins_and_counts_but_its_author_still_sees_it(client, taunusstein):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    await listener_for("proposal")(Outcome(pid, Visibility.HIDDEN, reason_de="Wird geprüft", reason_en="In review"))
    assert (await client.get(f"{M}/consultations/{cid}/proposals")).json()["total"] == 0
    assert (await client.get(f"{M}/consultations/{cid}/pins")).json() == []
    assert (await client.get(f"{M}/consultations/{cid}")).json()["proposal_count"] == 0
    assert (await client.get(f"{M}/proposals/{pid}")).status_code == 404
    await logged_in(client, "anna@example.org")
    own = await client.get(f"{M}/proposals/{pid}")
    assert own.status_code == 200 and own.json()["visibility"] == "hidden"


async def test_a_redacted_proposal_shows_the_redacted_text(client, taunusstein):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna, "Bänke", body="Ruf mich an: 0171 1234567")
    await listener_for("proposal")(Outcome(pid, Visibility.PUBLIC, redacted_text="Bänke\n\nRuf mich an: [entfernt]"))
    assert (await client.get(f"{M}/proposals/{pid}")).json()["body"] == "Ruf mich an: [entfernt]"


async def test_contributions_survive_account_deletion_anonymised(client, taunusstein):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    ben = await person("ben@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Ben")
    from backend.links import SpaLinks
    from proposals import services
    from proposals.services import Post

    class Quiet:
        async def send(self, **_):
            return None

    from proposals.schemas import CommentCreate

    ben_actor = await actor_in(ben, taunusstein.id)
    await services.add_comment(
        taunusstein, pid, ben_actor, CommentCreate(text="Bin dafür"), Post(Quiet(), SpaLinks(""), "s")
    )
    await services.vote(taunusstein, pid, ben_actor)
    await BaseUser.delete().where(BaseUser.id.is_in([anna, ben]))
    got = (await client.get(f"{M}/proposals/{pid}")).json()
    assert got["author_name"] == "Anonym" and got["support_count"] == 1
    thread = (await client.get(f"{M}/proposals/{pid}/comments")).json()
    assert thread["items"][0]["author_name"] == "Anonym" and thread["items"][0]["text"] == "Bin dafür"


async def test_a_drawn_polygon_area_refuses_pins_outside_it(client, taunusstein):
    lat, lon = INSIDE["lat"], INSIDE["lon"]
    square = {
        "type": "Polygon",
        "coordinates": [
            [
                [lon - 0.002, lat - 0.002],
                [lon + 0.002, lat - 0.002],
                [lon + 0.002, lat + 0.002],
                [lon - 0.002, lat + 0.002],
                [lon - 0.002, lat - 0.002],
            ]
        ],
    }
    cid, _ = await setup(taunusstein, area_kind="polygon", area_polygon=square)
    await logged_in(client, "anna@example.org")
    inside = await client.post(
        f"{M}/consultations/{cid}/proposals", files=proposal_form({"title": "Am Platz", "location": INSIDE})
    )
    assert inside.status_code == 201
    near = {"lat": lat + 0.01, "lon": lon}
    outside = await client.post(
        f"{M}/consultations/{cid}/proposals", files=proposal_form({"title": "Daneben", "location": near})
    )
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "location"


async def test_the_cover_image_is_uploaded_by_admins_and_served_without_metadata(client, taunusstein, settings):
    cid, _ = await setup(taunusstein)
    buffer = io.BytesIO()
    image = Image.new("RGB", (80, 50), "blue")
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"
    image.save(buffer, format="JPEG", exif=exif)
    files = {"data": ("cover.jpg", buffer.getvalue(), "image/jpeg")}
    assert (await client.put(f"{M}/consultations/{cid}/cover", files=files)).status_code == 401
    await logged_in(client, "anna@example.org")
    assert (await client.put(f"{M}/consultations/{cid}/cover", files=files)).status_code == 403
    await logged_in(client, "admin@taunusstein.example")
    response = await client.put(f"{M}/consultations/{cid}/cover", files=files)
    assert response.status_code == 200 and response.json()["has_cover"] is True
    served = await client.get(f"{M}/consultations/{cid}/cover")
    assert served.status_code == 200
    assert not Image.open(io.BytesIO(served.content)).getexif()
