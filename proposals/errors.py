"""Errors of participation; each names the field concerned, in German and English."""

from __future__ import annotations

from geo.errors import Conflict, Forbidden, Invalid, NotFound


class ConsultationNotFound(NotFound):
    code = "consultation-not-found"

    def __init__(self) -> None:
        super().__init__("Dieses Beteiligungsverfahren gibt es hier nicht.", "There is no such consultation here.")


class ProposalNotFound(NotFound):
    code = "proposal-not-found"

    def __init__(self) -> None:
        super().__init__("Diesen Vorschlag gibt es hier nicht.", "There is no such proposal here.")


class CommentNotFound(NotFound):
    code = "comment-not-found"

    def __init__(self) -> None:
        super().__init__("Diesen Kommentar gibt es hier nicht.", "There is no such comment here.")


class PhaseClosed(Forbidden):
    """The current phase does not allow this action (or no phase is running)."""

    code = "phase-closed"

    def __init__(self, action_de: str, action_en: str) -> None:
        super().__init__(
            f"In der aktuellen Phase können Sie nicht {action_de}.",
            f"You cannot {action_en} in the current phase.",
        )


class VotingClosed(PhaseClosed):
    code = "voting-closed"

    def __init__(self) -> None:
        super().__init__("abstimmen", "vote")


class NotAResident(Forbidden):
    code = "not-a-resident"

    def __init__(self) -> None:
        super().__init__(
            "Hier können nur bestätigte Einwohnerinnen und Einwohner mitmachen. Die Stadtverwaltung schaltet Sie "
            "dafür frei.",
            "Only confirmed residents can take part here. The municipality's administration grants this.",
        )


class NotAllowed(Forbidden):
    code = "not-allowed"


class AlreadyVoted(Conflict):
    code = "already-voted"

    def __init__(self) -> None:
        super().__init__(
            "Sie haben für diesen Vorschlag schon abgestimmt.",
            "You have already voted on this proposal.",
            field="proposal",
        )


class VoteLimitReached(Conflict):
    code = "vote-limit-reached"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"Sie haben alle {limit} Stimmen in diesem Verfahren vergeben. Ziehen Sie eine Stimme zurück, um neu "
            "abzustimmen.",
            f"You have used all {limit} votes in this consultation. Withdraw one to vote again.",
            field="value",
            limit=limit,
        )


class NoVote(NotFound):
    code = "no-vote"

    def __init__(self) -> None:
        super().__init__("Sie haben hier nicht abgestimmt.", "You have not voted here.")


class InvalidInput(Invalid):
    code = "invalid-proposal-input"


class OutsideArea(Invalid):
    code = "outside-consultation-area"

    def __init__(self) -> None:
        super().__init__(
            "Der Ort liegt außerhalb des Gebiets dieses Verfahrens.",
            "The location lies outside this consultation's area.",
            field="location",
        )
