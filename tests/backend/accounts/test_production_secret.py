"""With SECURE_COOKIES=true (production) the app refuses to start without a real SECRET_KEY; development
keeps working out of the box."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from backend.settings import DEVELOPMENT_SECRET_KEY, Settings


@pytest.mark.parametrize("secret", [DEVELOPMENT_SECRET_KEY, "short-but-random-9f8e7d"])
def test_production_refuses_to_start_without_a_real_secret(secret):
    with pytest.raises(ValidationError) as refused:
        Settings(secure_cookies=True, secret_key=secret)
    message = str(refused.value)
    assert "SECURE_COOKIES=true" in message and "SECRET_KEY" in message
    assert secret not in message  # the refused key is not printed into logs


def test_production_starts_with_a_real_secret():
    settings = Settings(secure_cookies=True, secret_key="x7Jq0b1H-3pVn2yZr8LwEoTgK5sUcAdMfIh9")
    assert settings.secure_cookies


def test_development_starts_with_the_default_secret():
    assert Settings(secure_cookies=False).secret_key == DEVELOPMENT_SECRET_KEY
