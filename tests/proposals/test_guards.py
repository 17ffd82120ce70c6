"""Every participation endpoint has a rule: anonymous people get 401 on writes, residents 403 on admin work,
and nothing of one municipality is reachable under another's address (404)."""

import pytest

from contributions.actor import actor_in
from geo import services as geo
from geo.roles import Role
from tests.factories import logged_in, person, proposal_form
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated

WRITES = [
    ("post", "/consultations", {"title": "Neu", "phases": []}),
    ("put", "/consultations/{cid}", {"title": "Neu", "phases": []}),
    ("post", "/consultations/{cid}/proposals", {"title": "Idee"}),
    ("post", "/consultations/{cid}/follow", None),
    ("post", "/consultations/{cid}/unfollow", None),
    ("post", "/consultations/{cid}/answers/publish", None),
    ("put", "/proposals/{pid}", {"title": "Anders"}),
    ("post", "/proposals/{pid}/withdraw", None),
    ("post", "/proposals/{pid}/vote", {"value": 1}),
    ("delete", "/proposals/{pid}/vote", None),
    ("post", "/proposals/{pid}/comments", {"text": "Hallo"}),
    ("post", "/proposals/{pid}/follow", None),
    ("post", "/proposals/{pid}/unfollow", None),
    ("put", "/proposals/{pid}/answer", {"status": "accepted", "text": "Ja"}),
    ("post", "/proposals/{pid}/answer/publish", None),
    ("put", "/comments/{comment}", {"text": "Anders"}),
    ("delete", "/comments/{comment}", None),
    ("post", "/comments/{comment}/vote", {"value": 1}),
]
ADMIN_ONLY = [
    ("post", "/consultations", {"title": "Neu", "phases": []}),
    ("put", "/consultations/{cid}", {"title": "Neu", "phases": []}),
    ("get", "/consultations/{cid}/answers", None),
    ("post", "/consultations/{cid}/answers/publish", None),
    ("put", "/proposals/{pid}/answer", {"status": "accepted", "text": "Ja"}),
    ("post", "/proposals/{pid}/answer/publish", None),
]
READS = [
    "/consultations/{cid}",
    "/consultations/{cid}/proposals",
    "/consultations/{cid}/pins",
    "/consultations/{cid}/similar?title=x",
    "/proposals/{pid}",
    "/proposals/{pid}/comments",
]


@pytest.fixture
async def world(taunusstein):
    from backend.links import SpaLinks
    from proposals import services
    from proposals.schemas import CommentCreate
    from proposals.services import Post

    class Quiet:
        async def send(self, **_):
            return None

    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    anna = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    post = Post(Quiet(), SpaLinks(""), "s")
    comment = await services.add_comment(
        taunusstein, pid, await actor_in(anna, taunusstein.id), CommentCreate(text="Hallo"), post
    )
    other = await geo.create_from_ags("06439001")
    await person("other-admin@example.org", roles=(Role.ADMIN,), municipality=other)
    return {"cid": cid, "pid": pid, "comment": comment.id, "other": other.slug}


async def call(client, method, path, body):
    kwargs = {"json": body} if body is not None and method in {"post", "put"} else {}
    if method == "post" and path.endswith("/proposals"):
        kwargs = {"files": proposal_form(body)}  # a new proposal is multipart: its JSON and its photos
    return await getattr(client, method)(path, **kwargs)


async def test_anonymous_people_cannot_write_anything(client, world):
    for method, path, body in WRITES:
        url = "/api/v1/municipalities/taunusstein" + path.format(**world)
        response = await call(client, method, url, body)
        assert response.status_code == 401, (method, path, response.status_code)


async def test_residents_cannot_do_admin_work(client, world):
    await logged_in(client, "anna@example.org")
    for method, path, body in ADMIN_ONLY:
        url = "/api/v1/municipalities/taunusstein" + path.format(**world)
        response = await call(client, method, url, body)
        assert response.status_code == 403, (method, path, response.status_code)


async def test_an_admin_of_another_municipality_is_a_stranger_here(client, world):
    await logged_in(client, "other-admin@example.org")
    for method, path, body in ADMIN_ONLY:
        url = "/api/v1/municipalities/taunusstein" + path.format(**world)
        assert (await call(client, method, url, body)).status_code == 403, (method, path)
    # Under the other municipality's own address, this one's consultations and proposals do not exist.
    for path in READS:
        url = f"/api/v1/municipalities/{world['other']}" + path.format(**world)
        assert (await client.get(url)).status_code == 404, path
    for method, path, body in WRITES[2:]:
        url = f"/api/v1/municipalities/{world['other']}" + path.format(**world)
        response = await call(client, method, url, body)
        assert response.status_code == 404, (method, path, response.status_code)


async def test_reads_are_public(client, world):
    for path in READS:
        assert (await client.get("/api/v1/municipalities/taunusstein" + path.format(**world))).status_code == 200
