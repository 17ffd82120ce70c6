"""Use cases of surveys: building (admins), answering (everyone the survey lets in), staff entry, free text."""

from surveys.services.answering import (
    access,
    change,
    enter_on_paper,
    load_draft,
    proof_challenge,
    request_email_code,
    save_draft,
    submit,
)
from surveys.services.building import (
    change_status,
    create_survey,
    delete_survey,
    generate_codes,
    get_survey,
    list_surveys,
    update_survey,
)
from surveys.services.inviting import mail_codes

__all__ = [
    "access",
    "change",
    "change_status",
    "create_survey",
    "delete_survey",
    "enter_on_paper",
    "generate_codes",
    "get_survey",
    "list_surveys",
    "load_draft",
    "mail_codes",
    "proof_challenge",
    "request_email_code",
    "save_draft",
    "submit",
    "update_survey",
]
