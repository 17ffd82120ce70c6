"""What can go wrong in the Mängelmelder, in German and English, naming the field."""

from __future__ import annotations

from geo.errors import Conflict, DomainError, Forbidden, Invalid, NotFound


class DefectError(Invalid):
    code = "defect-invalid"


class ReportNotFound(NotFound):
    code = "report-not-found"

    def __init__(self) -> None:
        super().__init__("Diese Meldung gibt es nicht.", "There is no such report.", field="id")


class UpdateNotFound(NotFound):
    code = "report-update-not-found"

    def __init__(self) -> None:
        super().__init__(
            "Diese Ergänzung gibt es nicht (oder sie ist nicht Ihre).",
            "There is no such update (or it is not yours).",
            field="update_id",
        )


class CategoryNotFound(NotFound):
    code = "category-not-found"

    def __init__(self, field: str = "category") -> None:
        super().__init__("Diese Kategorie gibt es hier nicht.", "There is no such category here.", field=field)


class UnknownCategory(Invalid):
    code = "unknown-category"

    def __init__(self, field: str = "category") -> None:
        super().__init__(
            "Bitte wählen Sie eine der angebotenen Kategorien.",
            "Please choose one of the offered categories.",
            field=field,
        )


class InvalidAnswer(Invalid):
    code = "invalid-answer"


class EmailRequired(Invalid):
    code = "email-required"

    def __init__(self) -> None:
        super().__init__(
            "Ohne Konto brauchen wir Ihre E-Mail-Adresse, um die Meldung zu bestätigen.",
            "Without an account we need your e-mail address to confirm the report.",
            field="email",
        )


class InvalidConfirmation(Invalid):
    code = "invalid-confirmation"

    def __init__(self) -> None:
        super().__init__(
            "Dieser Bestätigungslink ist ungültig oder wurde schon benutzt.",
            "This confirmation link is invalid or has been used already.",
            field="token",
        )


class TransitionNotAllowed(Conflict):
    code = "transition-not-allowed"

    def __init__(self, current_de: str, target_de: str, current_en: str, target_en: str) -> None:
        super().__init__(
            f"Von „{current_de}“ geht es nicht zu „{target_de}“.",
            f"A report cannot move from '{current_en}' to '{target_en}'.",
            field="status",
        )


class NotYourDepartment(Forbidden):
    code = "not-your-department"

    def __init__(self) -> None:
        super().__init__(
            "Diese Meldung gehört zu einem anderen Fachbereich.",
            "This report belongs to another department.",
            field="id",
        )


class AlreadyAffected(Conflict):
    code = "already-affected"

    def __init__(self) -> None:
        super().__init__(
            "Sie haben schon „Betrifft mich auch“ gesagt.", "You said already that this affects you.", field="id"
        )


class ReportClosed(Conflict):
    code = "report-closed"

    def __init__(self) -> None:
        super().__init__("Diese Meldung ist schon abgeschlossen.", "This report is closed already.", field="id")


class InvalidApiKey(Forbidden):
    code = "invalid-api-key"

    def __init__(self) -> None:
        super().__init__(
            "Der API-Schlüssel fehlt oder ist ungültig.", "The API key is missing or invalid.", field="api_key"
        )


class TooManyRequests(DomainError):
    """An Open311 key or a reporter address is over its hourly limit; `retry_after` says how many seconds
    until the next request may pass (the web shell answers 429 with Retry-After)."""

    code = "too-many-requests"

    def __init__(self, retry_after: int, field: str) -> None:
        super().__init__(
            f"Zu viele Meldungen in der letzten Stunde. Bitte in {retry_after} Sekunden erneut versuchen.",
            f"Too many requests in the last hour. Please try again in {retry_after} seconds.",
            field=field,
            retry_after=retry_after,
        )
        self.retry_after = retry_after


class NotYourReport(Forbidden):
    """Only the reporter, the people affected and the followers of a report speak to it (updates, reopening)."""

    code = "not-your-report"

    def __init__(self) -> None:
        super().__init__(
            "Nur wer die Meldung abgegeben hat, betroffen ist oder ihr folgt, kann hier etwas ergänzen.",
            "Only the reporter, people affected and followers of this report can add to it.",
            field="id",
        )


class NotReopenable(Conflict):
    code = "not-reopenable"

    def __init__(self, days: int | None = None) -> None:
        if days is None:
            super().__init__(
                "Nur eine als erledigt abgeschlossene Meldung kann wieder geöffnet werden.",
                "Only a report closed as fixed can be reopened.",
                field="status",
            )
        else:
            super().__init__(
                f"Eine Meldung kann bis {days} Tage nach dem Abschluss wieder geöffnet werden; "
                "bitte melden Sie den Mangel neu.",
                f"A report can be reopened up to {days} days after it was closed; please file a new report.",
                field="status",
            )


class InvalidCheckToken(Invalid):
    code = "invalid-check-token"

    def __init__(self) -> None:
        super().__init__(
            "Dieser Link ist ungültig oder die Frage wurde schon beantwortet.",
            "This link is invalid or the question has been answered already.",
            field="token",
        )
