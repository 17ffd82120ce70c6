"""What can go wrong with an account."""

from geo.errors import Conflict, Forbidden, Invalid


class InvalidCredentials(Forbidden):
    code = "invalid-credentials"

    def __init__(self) -> None:
        # One message for an unknown address and a wrong password: nobody learns who has an account.
        super().__init__(
            "E-Mail-Adresse oder Passwort stimmen nicht.",
            "E-mail address or password is wrong.",
            field="password",
        )


class NotVerified(Forbidden):
    code = "email-not-verified"

    def __init__(self) -> None:
        super().__init__(
            "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link in unserer Nachricht.",
            "Please confirm your e-mail address first, using the link in our message.",
            field="email",
        )


class InvalidToken(Invalid):
    code = "invalid-token"

    def __init__(self) -> None:
        super().__init__(
            "Dieser Link ist ungültig oder abgelaufen. Fordern Sie bitte einen neuen an.",
            "This link is invalid or has expired. Please request a new one.",
            field="token",
        )


class WeakPassword(Invalid):
    code = "weak-password"

    def __init__(self, de: str, en: str) -> None:
        super().__init__(de, en, field="password")


class AlreadyLoggedIn(Conflict):
    code = "already-logged-in"
