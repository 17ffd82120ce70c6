"""The frontend's addresses (hash router) from BASE_URL: the one implementation of `contributions.links.Links`."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from backend.settings import Settings
from contributions.notifications import Post
from contributions.photos import photo_url
from geo.ports import Mailer


def _part(value: object) -> str:
    return quote(str(value), safe="")


@dataclass(frozen=True, slots=True)
class SpaLinks:
    """Absolute URLs of the single-page app's screens; `base_url` is the site's address without a trailing /."""

    base_url: str

    def _at(self, route: str) -> str:
        return f"{self.base_url.rstrip('/')}/#/{route}"

    def consultation(self, slug: str, consultation_id: int) -> str:
        return self._at(f"m/{_part(slug)}/consultations/{consultation_id}")

    def proposal(self, slug: str, proposal_id: int) -> str:
        return self._at(f"m/{_part(slug)}/proposals/{proposal_id}")

    def report(self, slug: str, report_id: int) -> str:
        return self._at(f"m/{_part(slug)}/reports/{report_id}")

    def report_confirmation(self, slug: str, token: str) -> str:
        return self._at(f"m/{_part(slug)}/reports/confirm/{_part(token)}")

    def survey(self, slug: str, survey_id: int) -> str:
        """The answering page; invitation letters and mails append `?code=…` (the page fills the code in)."""
        return self._at(f"m/{_part(slug)}/surveys/{survey_id}")

    def staff_queue(self, slug: str) -> str:
        return self._at(f"m/{_part(slug)}/reports/queue")

    def photo(self, slug: str, photo_id: int, *, thumb: bool = False) -> str:
        return self.base_url.rstrip("/") + photo_url(slug, photo_id, thumb=thumb)

    def unsubscribe(self, token: str) -> str:
        return self._at(f"unsubscribe/{_part(token)}")

    def area_alert_unsubscribe(self, token: str) -> str:
        return self._at(f"area-alerts/unsubscribe/{_part(token)}")


def post_office(settings: Settings, mailer: Mailer) -> Post:
    """What domain use cases need to send notifications: the mailer, these links and the signing secret."""
    return Post(mailer=mailer, links=SpaLinks(settings.base_url), secret=settings.secret_key)
