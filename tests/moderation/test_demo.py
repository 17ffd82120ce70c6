"""The demo's moderator approves what waits only because of the policy; screening hits stay in the queue."""

from backend.demo import DemoContext
from moderation import demo
from moderation import services as moderation
from tests.factories import person
from tests.moderation.factories import recording


async def test_the_demo_leaves_a_realistic_queue(taunusstein):
    notes = recording()
    moderator, resident = await person(demo.MODERATOR), await person("anna@example.org")
    plain = await notes.create(taunusstein.id, resident, "Mehr Bänke am Marktplatz, bitte.")
    phone = await notes.create(taunusstein.id, resident, "Ruft mich an: 06128 123456")
    await demo.load(DemoContext(municipality=taunusstein, users={demo.MODERATOR: moderator}))
    assert (await moderation.state_of("note", plain)).visibility == "public"
    assert (await moderation.state_of("note", phone)).visibility == "pending"
