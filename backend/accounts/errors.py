"""What can go wrong with an account."""

from geo.errors import Conflict, DomainError, Forbidden, Invalid


class InvalidCredentials(Forbidden):
    code = "invalid-credentials"

    def __init__(self, field: str = "password") -> None:
        # One message for an unknown address and a wrong password: nobody learns who has an account.
        super().__init__(
            "E-Mail-Adresse oder Passwort stimmen nicht.",
            "E-mail address or password is wrong.",
            field=field,
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

    def __init__(self, de: str, en: str, field: str = "password") -> None:
        super().__init__(de, en, field=field)


class AlreadyLoggedIn(Conflict):
    code = "already-logged-in"


class TooManyAttempts(DomainError):
    """Refused for now after repeated failures; `retry_after` says when to try again (seconds)."""

    code = "too-many-attempts"

    def __init__(self, retry_after: int) -> None:
        wait_de, wait_en = _wait_text(retry_after)
        super().__init__(
            f"Zu viele erfolglose Anmeldeversuche mit dieser E-Mail-Adresse. Bitte versuchen Sie es in {wait_de} "
            "wieder oder setzen Sie Ihr Passwort zurück.",
            f"Too many failed logins with this e-mail address. Please try again in {wait_en}, or reset your password.",
            field="email",
            retry_after=retry_after,
        )


def _wait_text(seconds: int) -> tuple[str, str]:
    if seconds == 1:
        return "1 Sekunde", "1 second"
    if seconds < 120:
        return f"{seconds} Sekunden", f"{seconds} seconds"
    minutes = -(-seconds // 60)
    return f"{minutes} Minuten", f"{minutes} minutes"


class AccountDeactivated(Forbidden):
    code = "account-deactivated"

    def __init__(self) -> None:
        super().__init__(
            "Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Verwaltung Ihrer Kommune.",
            "This account has been deactivated. Please contact your municipality's administration.",
            field="email",
        )


class LastAdmin(Conflict):
    """Refused: the municipality would be left without anyone to run its back office."""

    code = "last-admin"

    def __init__(self, field: str = "role") -> None:
        super().__init__(
            "Das ist die letzte Person mit Verwaltungsrechten in dieser Kommune. Geben Sie zuerst einer anderen "
            "Person die Rolle „Verwaltung“.",
            "This is the last person with administration rights in this municipality. Give another person the "
            "administration role first.",
            field=field,
        )


class NotYourself(Conflict):
    code = "not-yourself"

    def __init__(self) -> None:
        super().__init__(
            "Ihr eigenes Konto können Sie hier nicht deaktivieren.",
            "You cannot deactivate your own account here.",
            field="user_id",
        )
