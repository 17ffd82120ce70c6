"""What the legal pages refuse, in German and English, naming the field."""

from __future__ import annotations

from geo.errors import Conflict, Invalid, NotFound


class PageNotPublished(NotFound):
    code = "legal-page-not-published"

    def __init__(self) -> None:
        super().__init__(
            "Diese Seite ist noch nicht veröffentlicht.", "This page has not been published yet.", field="kind"
        )


class NothingToPublish(Conflict):
    code = "legal-nothing-to-publish"

    def __init__(self) -> None:
        super().__init__(
            "Es gibt keinen Entwurf zum Veröffentlichen. Bitte speichern Sie zuerst einen Text.",
            "There is no draft to publish. Please save a text first.",
            field="body",
        )


class EmptyPage(Invalid):
    code = "legal-page-empty"

    def __init__(self) -> None:
        super().__init__("Bitte geben Sie einen Text ein.", "Please enter a text.", field="body")


class TermsNotAccepted(Invalid):
    code = "terms-not-accepted"

    def __init__(self) -> None:
        super().__init__(
            "Bitte akzeptieren Sie die Nutzungsbedingungen, um ein Konto anzulegen.",
            "Please accept the terms of use to create an account.",
            field="accept_terms",
        )


class UnknownTermsMunicipality(Invalid):
    code = "terms-municipality-unknown"

    def __init__(self, slug: str) -> None:
        super().__init__(
            f"Die Kommune „{slug}“ gibt es hier nicht.", f"There is no municipality '{slug}' here.", field="terms_of"
        )


class NoContactAddress(Conflict):
    code = "legal-no-contact-address"

    def __init__(self) -> None:
        super().__init__(
            "Die Kommune hat noch keine Kontaktadresse hinterlegt. Bitte schreiben Sie ihr direkt.",
            "The municipality has not set a contact address yet. Please write to it directly.",
            field="message",
        )
