"""The printed documents of a survey: the council's results report, the paper questionnaire, invitation letters.

All three read the same definition the online questionnaire reads, and render through the PDF/UA machinery of
backend.documents.pdf (tagged, only the app's own files, no network)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from backend.documents.charts import bar_chart
from backend.documents.pdf import Cover, german_date, render_pdf
from backend.documents.survey_labels import SURVEY
from geo import clock
from surveys.definition import QuestionType, SurveyDefinition
from surveys.plan import plan_of
from surveys.results import SurveyResults


def _common(title: str, municipality_name: str, lang: str, brand_color: str, subtitle: str) -> dict[str, Any]:
    labels = SURVEY[lang]
    return {
        "lang": lang,
        "title": title,
        "subtitle": subtitle,
        "running_title": title[:60],
        "municipality_name": municipality_name,
        "brand_color": brand_color,
        "generated_label": f"stadtstimme · {labels['generated']} {clock.now():%d.%m.%Y}",
        "generated_at": clock.now(),
        "labels": labels,
    }


def report_context(
    r: SurveyResults,
    definition: SurveyDefinition,
    *,
    municipality_name: str,
    lang: str,
    draft: bool,
    brand_color: str,
    cover: Cover = Cover(),
) -> dict[str, Any]:
    labels = SURVEY[lang]
    charts: dict[str, str] = {}
    for index, q in enumerate(r.questions):
        items: list[tuple[str, int]] = []
        if q.kind in ("single", "multiple", "yes_no", "scale"):
            items = [(row.label, row.count) for row in q.rows]
        elif q.kind == "ranking":
            items = [(item.label, item.first) for item in q.items]
        elif q.kind == "date":
            items = [(row.label, row.count) for row in q.months]
        elif q.kind == "matrix":
            items = [(item.label, round(item.stats.mean or 0)) for item in q.items if item.stats]
        if items:
            charts[q.code] = bar_chart(items, title=q.label, chart_id=f"chart-{index}")
    texts = [(q, text) for q in r.questions for text in q.texts]
    return {
        **_common(r.title, municipality_name, lang, brand_color, labels["document_kind"]),
        "title": r.title + (f" ({labels['draft'].split(' ')[0]})" if draft else ""),
        "draft": draft,
        "r": r,
        "period": (german_date(definition.starts_on) or "–", german_date(definition.ends_on) or "–"),
        "privacy_text": labels["privacy_anonymous"] if definition.anonymous else labels["privacy_named"],
        "charts": charts,
        "texts": texts,
        "text_groups": text_groups(r, labels["no_theme"]),
        "categorical": {"single", "multiple", "yes_no", "scale"},
        **cover.context(municipality_name, lang),
    }


def text_groups(r: SurveyResults, no_theme: str) -> list[tuple[Any, list[tuple[str, int, list[Any]]]]]:
    """Per question with approved texts: (theme label, count, texts) most first, then the texts without a theme
    (an answer in two themes is quoted under both; the count is how many answers the theme holds)."""
    out = []
    for q in r.questions:
        if not q.texts:
            continue
        groups = [(c.label, c.count, [text for text in q.texts if c.theme in text.themes]) for c in q.themes]
        untagged = [text for text in q.texts if not text.themes]
        if untagged:
            groups.append((no_theme, len(untagged), untagged))
        out.append((q, groups))
    return out


async def render_report(
    r: SurveyResults,
    definition: SurveyDefinition,
    target: Path,
    *,
    municipality_name: str,
    lang: str = "de",
    draft: bool = False,
    brand_color: str = "#00577b",
    cover: Cover = Cover(),
) -> int:
    context = report_context(
        r,
        definition,
        municipality_name=municipality_name,
        lang=lang,
        draft=draft,
        brand_color=brand_color,
        cover=cover,
    )
    return await render_pdf("survey_results.html.j2", context, target, assets=cover.assets)


def _condition_text(definition: SurveyDefinition, condition: Any, lang: str, numbers: dict[str, int]) -> str:
    if condition is None:
        return ""
    target = definition.question(condition.question)
    value = str(condition.value)
    if target is not None:
        labels = {c.code: c.label.get(lang) for c in target.choices}
        if target.type == QuestionType.YES_NO:
            value = SURVEY[lang]["yes"] if value.lower() in ("true", "yes", "1") else SURVEY[lang]["no"]
        value = labels.get(value, value)
    return str(SURVEY[lang]["condition"]).format(question=numbers.get(condition.question, "?"), value=value)


def questionnaire_context(
    definition: SurveyDefinition, *, municipality_name: str, lang: str, brand_color: str, cover: Cover = Cover()
) -> dict[str, Any]:
    """Sections with their questions numbered through, each with what to tick or write; conditions in words."""
    labels = SURVEY[lang]
    plan = {q.code: q for q in plan_of(definition, lang).questions}
    numbers = {q.code: index for index, q in enumerate(definition.questions(), start=1)}
    sections = []
    for section in definition.sections:
        questions = []
        for q in section.questions:
            questions.append(
                {
                    "number": numbers[q.code],
                    "q": q,
                    "text": q.text.get(lang),
                    "help": q.help.get(lang) if q.help else "",
                    "plan": plan[q.code],
                    "condition": _condition_text(definition, q.condition, lang, numbers),
                    "scale_note": str(labels["scale_from_to"]).format(
                        low=q.scale.low.get(lang), high=q.scale.high.get(lang), points=q.scale.points
                    )
                    if q.scale
                    else "",
                    "bounds": str(labels["between"]).format(low=f"{q.minimum:g}", high=f"{q.maximum:g}")
                    if q.minimum is not None and q.maximum is not None
                    else "",
                }
            )
        sections.append(
            {
                "title": section.title.get(lang),
                "intro": section.intro.get(lang) if section.intro else "",
                "condition": _condition_text(definition, section.condition, lang, numbers),
                "questions": questions,
            }
        )
    title = definition.title.get(lang)
    return {
        **_common(title, municipality_name, lang, brand_color, labels["questionnaire_kind"]),
        "intro": definition.intro.get(lang),
        "sections": sections,
        **cover.context(municipality_name, lang),
    }


async def render_questionnaire(
    definition: SurveyDefinition,
    target: Path,
    *,
    municipality_name: str,
    lang: str = "de",
    brand_color: str = "#00577b",
    cover: Cover = Cover(),
) -> int:
    context = questionnaire_context(
        definition, municipality_name=municipality_name, lang=lang, brand_color=brand_color, cover=cover
    )
    return await render_pdf("survey_questionnaire.html.j2", context, target, assets=cover.assets)


def qr_svg(link: str, label: str) -> str:
    """The link as a QR code (error correction M), an SVG image with its text alternative."""
    import segno  # only letters need it

    buffer = io.BytesIO()
    segno.make(link, error="m", micro=False).save(
        buffer, kind="svg", xmldecl=False, svgns=True, scale=3, border=4, title=label, dark="#000", nl=False
    )
    svg = buffer.getvalue().decode()
    return svg.replace("<svg ", '<svg role="img" aria-label="' + label.replace('"', "") + '" ', 1)


def letters_context(
    definition: SurveyDefinition,
    codes: list[str],
    link: str,
    *,
    text: str,
    sender: str,
    municipality_name: str,
    lang: str,
    brand_color: str,
    cover: Cover = Cover(),
) -> dict[str, Any]:
    labels = SURVEY[lang]
    title = definition.title.get(lang)
    letters = [
        {"code": code, "link": f"{link}?code={code}", "qr": qr_svg(f"{link}?code={code}", str(labels["letter_qr"]))}
        for code in codes
    ]
    return {
        **_common(title, municipality_name, lang, brand_color, labels["letters_kind"]),
        "letters": letters,
        "paragraphs": [p.strip() for p in text.split("\n\n") if p.strip()],
        "sender": sender,
        "plain_link": link,
        **cover.context(municipality_name, lang),
    }


async def render_letters(
    definition: SurveyDefinition,
    codes: list[str],
    link: str,
    target: Path,
    *,
    text: str,
    sender: str,
    municipality_name: str,
    lang: str = "de",
    brand_color: str = "#00577b",
    cover: Cover = Cover(),
) -> int:
    context = letters_context(
        definition,
        codes,
        link,
        text=text,
        sender=sender,
        municipality_name=municipality_name,
        lang=lang,
        brand_color=brand_color,
        cover=cover,
    )
    return await render_pdf("survey_letters.html.j2", context, target, assets=cover.assets)
