"""A frozen listing query is built once per distinct arguments, and every run still reads the rows as they are."""

from contributions.actor import ANONYMOUS
from geo.frozen import frozen
from geo.roles import Role
from proposals.services.listing import list_proposals
from tests.factories import person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated


async def test_a_listing_reads_new_rows_through_its_frozen_query(taunusstein):
    await post_moderated(taunusstein)  # contributions are public at once, checked afterwards
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    resident = await person("r@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="R")
    await proposal(taunusstein, cid, resident, title="Mehr Bänke am Bahnhof")
    first = await list_proposals(taunusstein, cid, ANONYMOUS)
    await proposal(taunusstein, cid, resident, title="Radweg nach Wehen")
    second = await list_proposals(taunusstein, cid, ANONYMOUS)
    assert (first.total, second.total) == (1, 2)
    assert [p.title for p in second.items] == ["Radweg nach Wehen", "Mehr Bänke am Bahnhof"]


def test_the_builder_runs_once_per_distinct_arguments():
    from proposals.tables import Proposal

    calls = []

    @frozen
    def titles_of(consultation_id):
        calls.append(consultation_id)
        return Proposal.select(Proposal.title).where(Proposal.consultation == consultation_id)

    assert titles_of(1) is titles_of(1)
    titles_of(2)
    assert calls == [1, 2]
