"""Frontend addresses (hash router) used in mails and in moderation's queue."""


def consultation(base_url: str, slug: str, consultation_id: int) -> str:
    return f"{base_url}/#/m/{slug}/consultations/{consultation_id}"


def proposal(base_url: str, slug: str, proposal_id: int) -> str:
    return f"{base_url}/#/m/{slug}/proposals/{proposal_id}"


def unsubscribe(base_url: str, token: str) -> str:
    return f"{base_url}/#/unsubscribe/{token}"
