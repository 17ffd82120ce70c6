"""All configuration, read once from environment variables (documented in .env.example)."""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache
from pathlib import Path

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'stadtstimme.sqlite'}"
DEVELOPMENT_SECRET_KEY = "change-me-in-production-this-is-only-for-development"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 32


class Settings(BaseSettings):
    """Deployment settings; every field maps to an upper-case environment variable."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", hide_input_in_errors=True)

    database_url: str = DEFAULT_DATABASE_URL
    # Connections each worker keeps open to PostgreSQL (0: a new connection per query, as the tests need).
    database_pool_size: int = 10
    redis_url: str | None = None
    redis_namespace: str = "stadtstimme"
    map_cache: bool = True  # remember map cluster answers (off: every request counts afresh, for benchmarks)
    redis_max_connections: int = 50  # per worker; a request waits for a free one
    base_url: str = "http://127.0.0.1:8000"
    secret_key: str = DEVELOPMENT_SECRET_KEY
    session_max_age_seconds: int = 14 * 24 * 3600
    # A login also ends after this long without a request (ASVS 4.0 3.3.2, level 2: 30 minutes).
    session_idle_timeout_seconds: int = 30 * 60
    secure_cookies: bool = False

    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    mail_from: str = "stadtstimme <noreply@stadtstimme.localhost>"
    mail_outbox_dir: Path = PROJECT_ROOT / "var" / "outbox"

    # No tiles unless the municipality sets a tile server: a third-party server would receive residents' IP
    # addresses without their consent. Point this at a self-hosted tile server (or one under a DPA).
    tile_url: str = ""
    tile_attribution: str = ""
    media_dir: Path = PROJECT_ROOT / "var" / "media"

    # Mängelmelder: departments are reminded of reports without a status change for this many days.
    defect_reminder_days: int = 14
    # Residents may reopen a report closed as fixed ("nicht behoben") for this many days after it was closed.
    defect_reopen_days: int = 30
    # Moderation: a decision's mail to the author waits this long after the moderator's last decision on that
    # author's contributions, so a run of decisions reaches them as one mail (0: each decision mails at once).
    moderation_mail_quiet_seconds: int = 120
    # Scheduled work (reminders, digests, purge of unconfirmed reports) runs inside the app: each worker polls,
    # one takes a job's lease in the database. Off when the jobs run from cron instead.
    scheduler_enabled: bool = True
    scheduler_poll_seconds: float = 60
    scheduler_lease_seconds: int = 1800

    # Proof of work (ALTCHA) against ballot stuffing in surveys answered by link without an e-mail code: the HMAC
    # key that signs the challenges (empty: derived from SECRET_KEY), the largest number a browser may have to try
    # (measured with WebCrypto in headless Chromium here: 50000 tries in 2.5 s, so ~1.3 s on average) and how many
    # minutes a challenge holds.
    proof_of_work_hmac_key: str = ""
    proof_of_work_max_number: int = 50_000
    proof_of_work_minutes: int = 10

    password_hashing: str = "argon2id"  # noqa: S105 (a profile name, not a secret)
    rate_limit_per_minute: int = 10
    address_search_per_minute: int = 120  # suggestions while typing, per client address
    # Open311 POSTs per API key and hour, and reports per reporter e-mail address and hour (confirmation mails).
    open311_posts_per_key_per_hour: int = 100
    open311_posts_per_address_per_hour: int = 5
    log_level: str = "INFO"
    # Where `just run` serves; without an explicit BASE_URL, links (mails, Open311 discovery) point there.
    port: int = 8000

    @model_validator(mode="after")
    def _base_url_follows_port(self) -> Settings:
        if "base_url" not in self.model_fields_set and "port" in self.model_fields_set:
            self.base_url = f"http://127.0.0.1:{self.port}"
        return self

    @model_validator(mode="after")
    def _production_needs_a_real_secret(self) -> Settings:
        """SECURE_COOKIES=true means production: the development key (public in this repository) or a short
        one would let anyone forge CSRF tokens and unsubscribe links, so the app refuses to start."""
        if self.secure_cookies and (
            self.secret_key == DEVELOPMENT_SECRET_KEY or len(self.secret_key) < MIN_SECRET_KEY_LENGTH
        ):
            raise ValueError(
                f"SECURE_COOKIES=true (production) needs a real SECRET_KEY of at least {MIN_SECRET_KEY_LENGTH} "
                "characters, not the development default. Create one with "
                '`python -c "import secrets; print(secrets.token_urlsafe(48))"` and set it in .env or the '
                "environment."
            )
        return self

    def proof_of_work_key(self) -> str:
        """The ALTCHA HMAC key: the configured one, else one derived from SECRET_KEY (never the key itself)."""
        if self.proof_of_work_hmac_key:
            return self.proof_of_work_hmac_key
        return hmac.new(self.secret_key.encode(), b"altcha-proof-of-work", hashlib.sha256).hexdigest()


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, parsed once."""
    return Settings()
