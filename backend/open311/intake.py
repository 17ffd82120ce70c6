"""A POSTed GeoReport v2 form as a report: every problem of the form found at once, not only the first.

What the spec allows is accepted: a place by `address_string` or `address_id` alone, no e-mail, several values
for a multivaluelist attribute (`attribute[x]=a&attribute[x]=b`, or `attribute[x][]=…`), and attribute codes the
service does not define (FixMyStreet sends e.g. `attribute[uprn]`), which are ignored.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from backend.errors import german_validation_message
from backend.open311.errors import Problems
from defects.errors import InvalidAnswer
from defects.schemas import ReportCreate
from defects.services import categories, check_answers
from geo import services as geo
from geo.errors import DomainError, Invalid, NotFound
from geo.tables import Municipality

# Our field names as the spec names them, for error messages.
SPEC_NAMES = {"lon": "long", "address": "address_string", "category": "service_code", "name": "first_name"}


class UnknownService(NotFound):
    code = "open311-unknown-service"

    def __init__(self) -> None:
        super().__init__(
            "Diesen service_code gibt es hier nicht.", "There is no such service_code here.", field="service_code"
        )


def _attributes(form: Any) -> dict[str, list[str]]:
    """`attribute[x]` and `attribute[x][]`, every value kept, in order."""
    out: dict[str, list[str]] = {}
    for key in form:
        if not key.startswith("attribute[") or not key.endswith("]"):
            continue
        code = key[len("attribute[") :].removesuffix("[]").removesuffix("]")
        out.setdefault(code, []).extend(str(v) for v in form.getall(key))
    return out


def _answers(
    questions: list[dict[str, Any]], given: dict[str, list[str]], problems: list[DomainError]
) -> dict[str, Any]:
    """Answers to the service's own questions, each checked on its own so that every problem is reported."""
    answers: dict[str, Any] = {}
    for question in questions:
        values = given.get(question["code"], [])
        if question["datatype"] == "multivaluelist":
            value: Any = values
        elif len(values) > 1:
            problems.append(
                InvalidAnswer(
                    "Hier ist nur eine Antwort möglich.",
                    "Only one value is allowed here.",
                    field=f"attribute[{question['code']}]",
                )
            )
            continue
        else:
            value = values[0] if values else None
        try:
            answers.update(check_answers([question], {question["code"]: value} if value not in (None, []) else {}))
        except DomainError as error:
            error.field = f"attribute[{question['code']}]"
            problems.append(error)
    return answers


def _single(form: Any, key: str) -> str:
    values = form.getall(key, [])
    return str(values[-1]).strip() if values else ""


async def report_from_form(municipality: Municipality, form: Any) -> ReportCreate:
    """The report the form describes, or Problems listing everything that is wrong with it."""
    problems: list[DomainError] = []
    code = _single(form, "service_code")
    category = None
    if not code:
        problems.append(Invalid("service_code fehlt.", "service_code is missing.", field="service_code"))
    else:
        try:
            category = await categories.get_category(municipality.id, code, field="service_code", include_retired=False)
        except DomainError:
            problems.append(UnknownService())
    answers = _answers(categories.questions_of(category), _attributes(form), problems) if category else {}

    lat, lon = _single(form, "lat") or None, _single(form, "long") or None
    address = _single(form, "address_string")
    address_id = _single(form, "address_id")
    if not address and address_id:
        address = f"Adress-ID {address_id}"  # we keep no address register to resolve it; staff place it
    if (lat is None or lon is None) and not address:
        problems.append(
            Invalid(
                "Bitte lat und long, address_string oder address_id angeben.",
                "Please give lat and long, address_string or address_id.",
                field="location",
            )
        )
    name = " ".join(p for p in (_single(form, "first_name"), _single(form, "last_name")) if p)
    data = None
    try:
        data = ReportCreate.model_validate(
            {
                "category": code,
                "lat": lat if lon is not None else None,
                "lon": lon if lat is not None else None,
                "address": address,
                "description": _single(form, "description"),
                "answers": answers,
                "email": _single(form, "email") or None,
                "name": name,
                "phone": _single(form, "phone"),
                "locale": "de",
            }
        )
    except ValidationError as error:
        for item in error.errors():
            field = SPEC_NAMES.get(str(item["loc"][0]), str(item["loc"][0])) if item["loc"] else "form"
            problems.append(Invalid(german_validation_message(item["msg"]), item["msg"], field=field))
    if data is not None and data.lat is not None and data.lon is not None:
        try:
            (await geo.territory_of(municipality)).check_point(data.lon, data.lat)
        except DomainError as error:
            problems.append(error)
    if problems or data is None:
        raise Problems(problems)
    return data
