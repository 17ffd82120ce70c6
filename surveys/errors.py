"""Errors of surveys; each names the field concerned, in German and English."""

from __future__ import annotations

from typing import Any

from geo.errors import Conflict, Forbidden, Invalid, NotFound


class SurveyNotFound(NotFound):
    code = "survey-not-found"

    def __init__(self) -> None:
        super().__init__("Diese Umfrage gibt es hier nicht.", "There is no such survey here.")


class SurveyNotOpen(Forbidden):
    code = "survey-not-open"

    def __init__(self) -> None:
        super().__init__(
            "Diese Umfrage nimmt gerade keine Antworten an.", "This survey does not take answers right now."
        )


class NotADraft(Conflict):
    code = "survey-not-a-draft"

    def __init__(self) -> None:
        super().__init__(
            "Nur ein Entwurf kann geändert oder gelöscht werden.",
            "Only a draft can be changed or deleted.",
            field="status",
        )


class WrongStatus(Conflict):
    code = "survey-wrong-status"

    def __init__(self, current: str, wanted: str) -> None:
        super().__init__(
            f"Die Umfrage kann nicht von „{current}“ zu „{wanted}“ wechseln.",
            f"The survey cannot go from '{current}' to '{wanted}'.",
            field="status",
        )


class AlreadyAnswered(Conflict):
    code = "survey-already-answered"

    def __init__(self) -> None:
        super().__init__(
            "Mit diesem Zugang wurde die Umfrage schon beantwortet. Jede Person (jeder Code) antwortet einmal.",
            "This survey has already been answered with this access. Each person (each code) answers once.",
        )


class NoAccess(Forbidden):
    code = "survey-no-access"

    def __init__(self, de: str | None = None, en: str | None = None, field: str | None = None) -> None:
        super().__init__(
            de or "Für diese Umfrage brauchen Sie einen Einladungscode, eine Anmeldung oder einen E-Mail-Code.",
            en or "This survey needs an invitation code, a login or an e-mail code.",
            field=field,
        )


class UnknownCode(Invalid):
    code = "survey-unknown-code"

    def __init__(self) -> None:
        super().__init__(
            "Diesen Einladungscode kennen wir für diese Umfrage nicht. Bitte prüfen Sie die Schreibweise.",
            "We do not know this invitation code for this survey. Please check how it is written.",
            field="code",
        )


class WrongEmailCode(Invalid):
    code = "survey-wrong-email-code"

    def __init__(self) -> None:
        super().__init__(
            "Der E-Mail-Code stimmt nicht oder ist abgelaufen. Fordern Sie bitte einen neuen an.",
            "The e-mail code is wrong or has expired. Please ask for a new one.",
            field="email_code",
        )


class ChangeNotAllowed(Forbidden):
    code = "survey-change-not-allowed"

    def __init__(self) -> None:
        super().__init__(
            "Antworten dieser Umfrage lassen sich nicht ändern, oder der Änderungsschlüssel stimmt nicht.",
            "Answers to this survey cannot be changed, or the change key is wrong.",
            field="change_token",
        )


class InvalidAnswers(Invalid):
    """One set of answers breaks the definition; `errors` lists every problem with its question code."""

    code = "survey-invalid-answers"

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        first = errors[0]["field"] if errors else None
        super().__init__(
            f"Bitte prüfen Sie {len(errors)} Antwort(en).",
            f"Please check {len(errors)} answer(s).",
            field=first,
            errors=errors,
        )


class InvalidDefinition(Invalid):
    code = "survey-invalid-definition"

    def __init__(self, en: str, field: str = "definition") -> None:
        super().__init__(
            f"Die Umfrage ist so nicht gültig: {en}", f"The survey is not valid as built: {en}", field=field
        )


class UnknownDistrict(Invalid):
    code = "survey-unknown-district"

    def __init__(self) -> None:
        super().__init__("Diesen Ortsteil gibt es hier nicht.", "There is no such district here.", field="district")


class WrongAudience(Invalid):
    code = "survey-wrong-audience"

    def __init__(self) -> None:
        super().__init__(
            "Diese Gruppe fragt die Umfrage nicht.", "This survey does not ask this group.", field="audience"
        )


class WrongProof(Invalid):
    code = "survey-wrong-proof"

    def __init__(self, *, expired: bool = False) -> None:
        if expired:
            de = "Die Rechenaufgabe ist abgelaufen. Bitte senden Sie Ihre Antworten noch einmal ab."
            en = "The puzzle has expired. Please send your answers again."
        else:
            de = "Die Rechenaufgabe Ihres Browsers ist nicht gelöst. Bitte senden Sie Ihre Antworten noch einmal ab."
            en = "Your browser's puzzle is not solved. Please send your answers again."
        super().__init__(de, en, field="proof")


class ProofUsed(Conflict):
    code = "survey-proof-used"

    def __init__(self) -> None:
        super().__init__(
            "Diese gelöste Rechenaufgabe wurde schon für eine Antwort verwendet. Jede Antwort braucht eine neue.",
            "This solved puzzle has already been used for an answer. Each answer needs a new one.",
            field="proof",
        )


class InvalidAddresses(Invalid):
    """Lines of a pasted address list that are no e-mail address; `errors` names each line."""

    code = "survey-invalid-addresses"

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        errors = [
            {
                "field": "emails",
                "line": number,
                "detail_de": f"Zeile {number}: „{text}“ ist keine gültige E-Mail-Adresse.",
                "detail_en": f"Line {number}: '{text}' is not a valid e-mail address.",
            }
            for number, text in lines
        ]
        numbers = ", ".join(str(number) for number, _ in lines)
        super().__init__(
            f"Bitte prüfen Sie die Adressen in Zeile {numbers}. Es wurde noch nichts verschickt.",
            f"Please check the addresses on line(s) {numbers}. Nothing has been sent yet.",
            field="emails",
            errors=errors,
        )


class NoAddresses(Invalid):
    code = "survey-no-addresses"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"Bitte fügen Sie eine bis {limit} E-Mail-Adressen ein, eine je Zeile.",
            f"Please paste one to {limit} e-mail addresses, one per line.",
            field="emails",
        )


class MayNotTag(Forbidden):
    code = "survey-themes-staff-only"

    def __init__(self) -> None:
        super().__init__(
            "Themen vergeben nur Mitarbeitende und Administratorinnen und Administratoren der Kommune.",
            "Only the municipality's staff and administrators tag answers with themes.",
            field="survey_id",
        )


class ThemeNotFound(NotFound):
    code = "survey-theme-not-found"

    def __init__(self) -> None:
        super().__init__(
            "Dieses Thema gibt es in dieser Umfrage nicht.", "This survey has no such theme.", field="theme_id"
        )


class ThemeExists(Conflict):
    code = "survey-theme-exists"

    def __init__(self) -> None:
        super().__init__(
            "Ein Thema mit diesem Namen gibt es in dieser Umfrage schon.",
            "This survey already has a theme of this name.",
            field="label.de",
        )


class AnswerNotTaggable(NotFound):
    code = "survey-free-text-not-found"

    def __init__(self) -> None:
        super().__init__(
            "Diese Textantwort gibt es hier nicht oder sie ist nicht freigegeben. Themen bekommen nur freigegebene "
            "Antworten.",
            "There is no such text answer here, or it is not approved. Only approved answers get themes.",
            field="answer_id",
        )


class UnknownTheme(Invalid):
    code = "survey-theme-unknown"

    def __init__(self, index: int) -> None:
        super().__init__(
            "Dieses Thema gibt es in dieser Umfrage nicht. Legen Sie es zuerst an.",
            "This survey has no such theme. Create it first.",
            field=f"themes[{index}]",
        )
