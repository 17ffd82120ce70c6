"""Demo participation for Taunusstein: one running consultation full of life, one finished with results.

Demo content is curated, so it is made public directly (it does not wait in the moderation queue).
Phases are placed relative to today, so the demo stays "running" whenever it is loaded.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import Column

from contributions.actor import Actor, actor_in
from contributions.notifications import Post
from geo import clock
from geo import services as geo
from geo.demo_districts import DISTRICT_CENTRES
from geo.roles import Role
from geo.schemas import Location
from geo.tables import District
from moderation.tables import ModerationItem
from proposals import services
from proposals.schemas import AnswerIn, CommentCreate, ConsultationCreate, PhaseIn, ProposalCreate
from proposals.tables import Comment, Proposal, ProposalVote

DAY = timedelta(days=1)
PROPOSE_FROM, VOTE_FROM, VOTE_UNTIL = 35, 11, 19  # days before (from) and after (until) the demo is loaded


def body(vote_until: datetime) -> str:
    """The consultation's text (Markdown), its date the voting phase's real end."""
    return (
        "Der Platz der Deutschen Einheit in Wehen soll ein Ort zum Verweilen werden. Die Stadt möchte wissen, "
        f"was Ihnen wichtig ist.\n\n- Bis {_german_date(vote_until)}: Vorschläge machen, kommentieren und "
        "abstimmen\n- Danach prüft die Verwaltung die Vorschläge und antwortet auf jeden.\n\n"
        "Mehr zum Projekt: [www.taunusstein.de](https://www.taunusstein.de)"
    )


MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def _german_date(moment: datetime) -> str:
    local = moment.astimezone(ZoneInfo("Europe/Berlin"))
    return f"{local.day}. {MONTHS[local.month - 1]} {local.year}"


# The demo town's district centres (geo/demo_districts.py); None: a proposal without a pin.
PLACES = DISTRICT_CENTRES
PROPOSALS = [
    (
        "Schattenspendende Bäume pflanzen",
        "Im Sommer ist der Platz zu heiß. Vier große Bäume würden helfen.",
        "Grün und Umwelt",
        "Wehen",
    ),
    (
        "Trinkwasserbrunnen aufstellen",
        "Ein Trinkbrunnen für alle, besonders für Kinder und Ältere.",
        "Grün und Umwelt",
        "Wehen",
    ),
    (
        "Mehr Sitzbänke mit Rückenlehne",
        "Ältere Menschen brauchen Bänke mit Lehne und Armstützen.",
        "Soziales und Kultur",
        "Wehen",
    ),
    ("Überdachte Fahrradständer", "Sichere Abstellplätze für Fahrräder, auch für Lastenräder.", "Verkehr", "Wehen"),
    (
        "Wochenmarkt am Samstag",
        "Ein kleiner Markt mit regionalen Produkten belebt den Platz.",
        "Soziales und Kultur",
        "Wehen",
    ),
    (
        "Spielgeräte für Kleinkinder",
        "Ein Sandkasten und eine kleine Rutsche am Rand des Platzes.",
        "Spiel und Freizeit",
        "Wehen",
    ),
    (
        "Tempo 20 rund um den Platz",
        "Die Autos fahren zu schnell; Tempo 20 macht den Platz sicherer.",
        "Verkehr",
        "Wehen",
    ),
    ("Bücherschrank aufstellen", "Ein offener Bücherschrank zum Tauschen.", "Soziales und Kultur", "Hahn"),
    ("Bessere Busanbindung aus Bleidenstadt", "Der Bus zum Platz fährt abends zu selten.", "Verkehr", "Bleidenstadt"),
    ("Beleuchtung des Fußwegs", "Der Weg vom Parkplatz zum Platz ist abends dunkel.", "Verkehr", "Orlen"),
    ("Blühwiese statt Rasen", "Eine Blühwiese für Insekten am Rand.", "Grün und Umwelt", "Seitzenhahn"),
    (
        "Kleine Bühne für Vereine",
        "Eine Bühne für Konzerte der Taunussteiner Vereine.",
        "Soziales und Kultur",
        "Hambach",
    ),
    ("Öffentliche Toilette", "Eine barrierefreie Toilette fehlt bisher.", "Soziales und Kultur", None),
    ("Ladesäulen für E-Bikes", "Zwei Ladepunkte für E-Bikes am Fahrradständer.", "Verkehr", "Wingsbach"),
    ("Wasserspiel für heiße Tage", "Bodendüsen, in denen Kinder spielen können.", "Spiel und Freizeit", "Neuhof"),
]
COMMENTS = [
    (0, "pro", "Unbedingt! Im August war es dort kaum auszuhalten.", [("pro", "Und Bäume binden Staub.")]),
    (
        0,
        "contra",
        "Bäume brauchen viele Jahre. Wie wäre es mit Sonnensegeln?",
        [("neutral", "Beides wäre gut: erst Segel, dann Bäume."), ("pro", "Sonnensegel sind schnell da.")],
    ),
    (1, "pro", "Gute Idee, gerade für Familien mit Kindern.", []),
    (2, "pro", "Meine Mutter würde sich sehr freuen.", [("pro", "Meine auch!")]),
    (4, "neutral", "Wer soll den Markt organisieren?", [("neutral", "Vielleicht der Gewerbeverein?")]),
    (6, "contra", "Tempo 30 reicht doch.", [("pro", "Am Platz spielen Kinder, 20 ist besser.")]),
    (8, "pro", "Der letzte Bus fährt um 19 Uhr, das ist zu früh.", []),
    (12, "pro", "Das fehlt wirklich.", []),
]
RESIDENTS = ["Carla", "Deniz", "Emil", "Frieda", "Gül", "Hannes", "Ida", "Jonas"]


class _NoMail:
    async def send(self, **_: Any) -> None:
        """The demo loads silently: nobody is mailed about demo activity."""


async def _resident(name: str, municipality_id: int) -> int:
    """A demo resident who cannot log in (no usable password): their votes and comments make the demo lively."""
    rows = await BaseUser.raw(
        "INSERT INTO piccolo_user (username, password, email, first_name, last_name, active, admin, superuser) "
        "VALUES ({}, {}, {}, {}, '', {}, false, false) RETURNING id",
        f"demo-{secrets.token_hex(6)}",
        "!",  # no hash matches this: the account cannot log in
        f"{name.lower()}@demo.invalid",
        name,
        True,
    )
    user_id = int(rows[0]["id"])
    await geo.grant_role(user_id, municipality_id, Role.RESIDENT)
    return user_id


HOUR = timedelta(hours=1)


async def _dated(content_type: str, content_id: int, moment: datetime) -> None:
    """Date a demo contribution (and moderation's record of it) when it would have been written."""
    table = Proposal if content_type == "proposal" else Comment
    values: dict[Column | str, Any] = {table.created_at: moment}
    if table is Proposal:
        values[Proposal.updated_at] = moment
    await table.update(values).where(table.id == content_id)
    await ModerationItem.update({ModerationItem.created_at: moment, ModerationItem.queued_at: moment}).where(
        (ModerationItem.content_type == content_type) & (ModerationItem.content_id == content_id)
    )


async def _votes_spread(proposal_ids: list[int], start: datetime, end: datetime) -> None:
    """The votes, cast when they are loaded, spread evenly over the voting phase until an hour ago."""
    votes = (
        await ProposalVote.select(ProposalVote.id)
        .where(ProposalVote.proposal.is_in(proposal_ids))
        .order_by(ProposalVote.id)
    )
    for number, row in enumerate(votes):
        moment = start + (end - start) * (number + 0.5) / len(votes)
        await ProposalVote.update({ProposalVote.created_at: moment}).where(ProposalVote.id == row["id"])


async def _publish(proposal_ids: list[int]) -> None:
    await Proposal.update({Proposal.visibility: "public"}).where(Proposal.id.is_in(proposal_ids))


async def _running(context: Any, admin: Actor, people: list[Actor]) -> None:
    municipality = context.municipality
    now = clock.now()
    phases = [
        PhaseIn(
            name_de="Information",
            name_en="Information",
            starts_at=now - 50 * DAY,
            ends_at=now - PROPOSE_FROM * DAY,
            description="Die Stadt stellt das Projekt vor.",
        ),
        PhaseIn(
            name_de="Vorschläge",
            name_en="Proposals",
            starts_at=now - PROPOSE_FROM * DAY,
            ends_at=now - VOTE_FROM * DAY,
            may_propose=True,
            may_comment=True,
        ),
        PhaseIn(
            name_de="Diskussion und Abstimmung",
            name_en="Discussion and vote",
            starts_at=now - VOTE_FROM * DAY,
            ends_at=now + VOTE_UNTIL * DAY,
            may_propose=True,
            may_comment=True,
            may_vote=True,
        ),
        PhaseIn(name_de="Auswertung", name_en="Evaluation", starts_at=now + VOTE_UNTIL * DAY, ends_at=now + 55 * DAY),
        PhaseIn(name_de="Ergebnis", name_en="Result", starts_at=now + 55 * DAY, ends_at=now + 90 * DAY),
    ]
    consultation = await services.create_consultation(
        municipality,
        admin,
        ConsultationCreate(
            title="Neugestaltung Platz der Deutschen Einheit",
            summary="Wie soll der Platz in Wehen künftig aussehen? Machen Sie Vorschläge und stimmen Sie ab.",
            body=body(now + VOTE_UNTIL * DAY),
            status="published",
            voting_mode="support",
            vote_limit=5,
            support_threshold=6,
            contact_name="Stadtplanung Taunusstein",
            contact_info="06128 241-0, Aarstraße 150",
            phases=phases,
        ),
    )
    districts = {
        d["name"]: d["id"]
        for d in await District.select(District.id, District.name).where(District.municipality == municipality.id)
    }
    ids: list[int] = []
    created_at: dict[int, datetime] = {}
    for index, (title, text, category, place) in enumerate(PROPOSALS):
        author = people[index % len(people)]
        # Several ideas for the square itself: spread them a little so each pin can be clicked.
        spread = 0.0007 * (index % 7) if place == "Wehen" else 0.0
        pin = Location(lat=PLACES[place][0] + spread / 2, lon=PLACES[place][1] + spread) if place else None
        created = await services.create_proposal(
            municipality,
            consultation.id,
            author,
            ProposalCreate(title=title, body=text, category=category, location=pin),
            links=context.links,
        )
        ids.append(created.id)
        # Spread over the phases that take proposals: from the first day of "Vorschläge" to two days ago.
        made = now - PROPOSE_FROM * DAY + (index + 0.5) * (PROPOSE_FROM - 2) * DAY / len(PROPOSALS)
        created_at[created.id] = made
        await _dated("proposal", created.id, made)
        if place and created.district is None:  # demo districts have no polygons: set the named one
            await Proposal.update({Proposal.district: districts.get(place)}).where(Proposal.id == created.id)
    await _publish(ids)
    post = Post(_NoMail(), context.links, "demo")
    for number, (index, stance, text, replies) in enumerate(COMMENTS):
        top = await services.add_comment(
            municipality,
            ids[index],
            people[(index + 3) % len(people)],
            CommentCreate.model_validate({"text": text, "stance": stance}),
            post,
        )
        # A comment comes a day or two after its proposal, a reply some hours after the comment; none in the future.
        said = min(created_at[ids[index]] + (1 + number % 3) * DAY, now - DAY / 2)
        await _dated("comment", top.id, said)
        for offset, (reply_stance, reply) in enumerate(replies):
            answer = await services.add_comment(
                municipality,
                ids[index],
                people[(index + 5 + offset) % len(people)],
                CommentCreate.model_validate({"text": reply, "stance": reply_stance, "parent_id": top.id}),
                post,
            )
            await _dated("comment", answer.id, min(said + (3 + 5 * offset) * HOUR, now - HOUR))
    await Comment.update({Comment.visibility: "public"}).where(Comment.proposal.is_in(ids))
    for proposal_id in ids:
        await services.comments.recount(proposal_id)
    # Popular ideas get more support; each resident spends up to five votes.
    for person_index, person in enumerate(people):
        for proposal_index in range(len(ids)):
            if (proposal_index * 7 + person_index * 3) % 10 < 3 + (6 - min(proposal_index, 6)):
                try:
                    await services.vote(municipality, ids[proposal_index], person)
                except Exception:  # noqa: S112 (a spent budget is expected in the demo)
                    continue
    await _votes_spread(ids, now - VOTE_FROM * DAY, now - HOUR)
    await services.save_answer(
        municipality,
        ids[2],
        admin,
        AnswerIn(status="accepted", text="Wir stellen im Frühjahr sechs Bänke mit Rückenlehne auf."),
    )
    await services.publish_answer(municipality, ids[2], admin, post)
    await services.save_answer(
        municipality, ids[0], admin, AnswerIn(status="in_review", text="Das Grünflächenamt prüft die Standorte.")
    )
    await services.publish_answer(municipality, ids[0], admin, post)


async def _finished(context: Any, admin: Actor, people: list[Actor]) -> None:
    municipality = context.municipality
    now = clock.now()
    phases = [
        PhaseIn(
            name_de="Vorschläge",
            name_en="Proposals",
            starts_at=now - 200 * DAY,
            ends_at=now - 170 * DAY,
            may_propose=True,
            may_comment=True,
        ),
        PhaseIn(
            name_de="Abstimmung",
            name_en="Vote",
            starts_at=now - 170 * DAY,
            ends_at=now - 150 * DAY,
            may_comment=True,
            may_vote=True,
        ),
        PhaseIn(name_de="Ergebnis", name_en="Result", starts_at=now - 150 * DAY, ends_at=now - 60 * DAY),
    ]
    consultation = await services.create_consultation(
        municipality,
        admin,
        ConsultationCreate(
            title="Bürgerhaushalt 2026",
            summary="Wofür soll die Stadt 100.000 Euro ausgeben? Das Ergebnis steht fest.",
            body="Die Bürgerinnen und Bürger haben entschieden. Danke fürs Mitmachen!",
            status="published",
            vote_limit=3,
            support_threshold=4,
            phases=phases,
        ),
    )
    ideas = [
        (
            "Neue Spielgeräte am Spielplatz Hahn",
            "Spiel und Freizeit",
            "Hahn",
            "implemented",
            "Die Geräte stehen seit September.",
        ),
        ("Sitzgruppe am Aartalradweg", "Verkehr", "Bleidenstadt", "accepted", "Wird im Frühjahr gebaut."),
        ("Defibrillator am Bürgerhaus Hambach", "Soziales und Kultur", "Hambach", "implemented", "Ist installiert."),
        ("Hundekotbeutel-Spender", "Grün und Umwelt", "Orlen", "rejected", "Dafür reichte das Budget nicht."),
    ]
    during = {"propose": now - 185 * DAY, "vote": now - 160 * DAY}
    ids: list[int] = []
    for index, (title, category, place, _, _) in enumerate(ideas):
        created = await services.create_proposal(
            municipality,
            consultation.id,
            people[index],
            ProposalCreate(
                title=title, category=category, location=Location(lat=PLACES[place][0], lon=PLACES[place][1])
            ),
            now=during["propose"],
            links=context.links,
        )
        ids.append(created.id)
        await _dated("proposal", created.id, during["propose"] + index * DAY)
    await _publish(ids)
    for person_index, person in enumerate(people):
        for k in range(3 if person_index % 2 else 2):
            await services.vote(municipality, ids[(person_index + k) % 4], person, now=during["vote"])
    await _votes_spread(ids, now - 170 * DAY, now - 150 * DAY)
    for proposal_id, (_, _, _, status, text) in zip(ids, ideas, strict=True):
        await services.save_answer(
            municipality, proposal_id, admin, AnswerIn.model_validate({"status": status, "text": text})
        )
    await services.publish_all(municipality, consultation.id, admin, Post(_NoMail(), context.links, "demo"))


async def load(context: Any) -> None:
    municipality_id = context.municipality.id
    ids = [context.users["anna@example.org"], context.users["ben@example.org"]]
    ids += [await _resident(name, municipality_id) for name in RESIDENTS]
    admin = await actor_in(context.users["admin@taunusstein.example"], municipality_id)
    people = [await actor_in(user_id, municipality_id) for user_id in ids]
    await _running(context, admin, people)
    await _finished(context, admin, people)
