"""Survey responses as files for analysis: one row per response (CSV, XLSX), a codebook and SPSS syntax.

SPSS-friendly by default: every categorical answer is its numeric code (see surveys.plan), a multiple-choice
question is one 0/1 column per option, a matrix one column per row, a ranking one column per item holding its
rank; an unanswered question is empty (system-missing) in all its columns. `coding="labels"` writes the labels
instead, for reading in a spreadsheet.

Nothing personal: a record carries no account, code or address; rows are numbered 1…n (a running number, never
the database id); free text appears only where moderation approved it (it may name people otherwise).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from geo.spreadsheet import safe_cell
from surveys.result_labels import AUDIENCE, AUDIENCE_NUMBER, CHANNEL, CHANNEL_NUMBER, NOT_STATED
from surveys.tally import OTHER, Choice, Plan, QuestionPlan, choice_codes, is_answered

Coding = Literal["numeric", "labels"]


@dataclass(frozen=True)
class Variable:
    """One column: its SPSS-safe name, its label, and the value labels of a coded column."""

    name: str
    label: str
    question: str  # the question code ("" for the response's own facts)
    numeric: bool
    values: tuple[tuple[int, str], ...] = ()


def variables(plan: Plan, lang: str = "de") -> list[Variable]:
    not_stated = NOT_STATED[lang]
    out = [
        Variable("nr", "Nr." if lang == "de" else "No.", "", True),
        Variable(
            "audience",
            "Gruppe" if lang == "de" else "Group",
            "",
            True,
            tuple((AUDIENCE_NUMBER[k], v) for k, v in AUDIENCE[lang].items()),
        ),
        Variable(
            "channel",
            "Weg" if lang == "de" else "Channel",
            "",
            True,
            tuple((CHANNEL_NUMBER[k], v) for k, v in CHANNEL[lang].items()),
        ),
        Variable("district", f"Stadtteil (leer: {not_stated})" if lang == "de" else "District", "", False),
        Variable("day", "Tag" if lang == "de" else "Day", "", False),
    ]
    for q in plan.questions:
        out.extend(_question_variables(q, lang, plan.themes))
    return out


def _theme_variables(text: Variable, themes: tuple[Choice, ...], lang: str) -> list[Variable]:
    """After a free-text column, one 0/1 column per theme: `<text column>_t<theme id>` (empty: no approved text)."""
    word, yes, no = ("Thema", (1, "ja"), (0, "nein")) if lang == "de" else ("theme", (1, "yes"), (0, "no"))
    return [
        Variable(f"{text.name}_t{t.number}", f"{text.label}: {word} „{t.label}“", text.question, True, (yes, no))
        for t in themes
    ]


def _question_variables(q: QuestionPlan, lang: str, themes: tuple[Choice, ...] = ()) -> list[Variable]:
    coded = tuple((c.number, c.label) for c in q.choices)
    other_label = "Sonstiges (Text)" if lang == "de" else "Other (text)"
    if q.kind in ("single", "yes_no", "scale"):
        out = [Variable(q.code, q.label, q.code, True, coded)]
    elif q.kind == "multiple":
        picked = ((1, "gewählt" if lang == "de" else "picked"), (0, "nicht gewählt" if lang == "de" else "not picked"))
        out = [Variable(f"{q.code}_{c.code}", f"{q.label}: {c.label}", q.code, True, picked) for c in q.choices]
        if q.other:  # the 0/1 column of "other" is `<code>_other`; its text is `<code>_other_text`
            text = Variable(f"{q.code}_{OTHER}_text", f"{q.label}: {other_label}", q.code, False)
            return [*out, text, *_theme_variables(text, themes, lang)]
        return out
    elif q.kind == "matrix":
        return [Variable(f"{q.code}_{i.code}", f"{q.label}: {i.label}", q.code, True, coded) for i in q.items]
    elif q.kind == "ranking":
        rank = "Rang" if lang == "de" else "rank"
        return [Variable(f"{q.code}_{i.code}", f"{q.label}: {i.label} ({rank})", q.code, True) for i in q.items]
    elif q.kind == "number":
        return [Variable(q.code, q.label, q.code, True)]
    elif q.kind == "date":
        return [Variable(q.code, q.label, q.code, False)]
    else:  # free text
        text = Variable(q.code, q.label, q.code, False)
        return [text, *_theme_variables(text, themes, lang)]
    if q.other:
        text = Variable(f"{q.code}_{OTHER}", f"{q.label}: {other_label}", q.code, False)
        out += [text, *_theme_variables(text, themes, lang)]
    return out


def _labels(q: QuestionPlan) -> dict[str, str]:
    return {c.code: c.label for c in q.choices}


@dataclass(frozen=True)
class _Shape:
    """What writing one question's cells needs, worked out once per export rather than once per response."""

    width: int
    numbers: dict[str, int]
    labels: dict[str, str]
    themes: tuple[int, ...] = ()


def _shape(q: QuestionPlan, themes: tuple[Choice, ...] = ()) -> _Shape:
    width = len(_question_variables(q, "de", themes))
    return _Shape(width, {c.code: c.number for c in q.choices}, _labels(q), tuple(t.number for t in themes))


def _tagged(record: Any, key: str, shape: _Shape, text: Any) -> list[Any]:
    """The 0/1 theme cells after a free-text cell: empty when no approved text is there to be tagged."""
    if not shape.themes:
        return []
    if text is None:
        return [None] * len(shape.themes)
    tagged = set((getattr(record, "free_text_themes", None) or {}).get(key, ()))
    return [1 if theme in tagged else 0 for theme in shape.themes]


def _question_cells(q: QuestionPlan, record: Any, coding: Coding, shape: _Shape | None = None) -> list[Any]:
    shape = shape or _shape(q)
    answers = record.answers
    value = answers.get(q.code)
    approved: frozenset[str] = getattr(record, "approved_free_text", frozenset())
    if not is_answered(value):
        return [None] * shape.width
    numbers = shape.numbers
    other_key = f"{q.code}_{OTHER}"
    other_text = answers.get(other_key) if other_key in approved else None
    if q.kind in ("single", "yes_no", "scale"):
        codes = choice_codes(q, value) if q.kind != "scale" else [str(int(value))]
        cell: Any = None
        if codes:
            cell = numbers.get(codes[0]) if coding == "numeric" else shape.labels.get(codes[0])
        return [cell, other_text, *_tagged(record, other_key, shape, other_text)] if q.other else [cell]
    if q.kind == "multiple":
        picked = set(choice_codes(q, value))
        if coding == "numeric":
            cells: list[Any] = [1 if c.code in picked else 0 for c in q.choices]
        else:
            cells = [c.label if c.code in picked else "" for c in q.choices]
        return [*cells, other_text, *_tagged(record, other_key, shape, other_text)] if q.other else cells
    if q.kind == "matrix":
        rated = dict(value)
        if coding == "numeric":
            return [rated.get(i.code) for i in q.items]
        return [shape.labels.get(str(rated[i.code])) if i.code in rated else None for i in q.items]
    if q.kind == "ranking":
        order = [str(v) for v in value]
        return [order.index(i.code) + 1 if i.code in order else None for i in q.items]
    if q.kind == "number":
        return [value]
    if q.kind == "date":
        return [str(value)[:10]]
    text = value if q.code in approved else None  # free text: only what moderation approved
    return [text, *_tagged(record, q.code, shape, text)]


def rows(plan: Plan, records: Iterable[Any], *, coding: Coding = "numeric", lang: str = "de") -> Iterator[list[Any]]:
    """The data rows, lazily: one list of cells per record, in the order of `variables(plan)`."""
    shapes = [(q, _shape(q, plan.themes)) for q in plan.questions]
    for number, record in enumerate(records, start=1):
        audience, channel = str(record.audience), str(record.channel)
        if coding == "numeric":
            facts: list[Any] = [number, AUDIENCE_NUMBER.get(audience), CHANNEL_NUMBER.get(channel)]
        else:
            facts = [number, AUDIENCE[lang].get(audience, audience), CHANNEL[lang].get(channel, channel)]
        facts += [record.district, record.day.isoformat()]
        for q, shape in shapes:
            facts.extend(_question_cells(q, record, coding, shape))
        yield facts


def _csv_line(values: Iterable[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(v) for v in values])
    return buffer.getvalue()


def csv_lines(plan: Plan, records: Iterable[Any], *, coding: Coding = "numeric", lang: str = "de") -> Iterator[str]:
    """CSV with the variable names as header (SPSS and R read them as they are); BOM for spreadsheet programs."""
    yield "\ufeff"
    yield _csv_line(v.name for v in variables(plan, lang))
    for row in rows(plan, records, coding=coding, lang=lang):
        yield _csv_line(row)


def codebook(plan: Plan, lang: str = "de") -> Iterator[list[str]]:
    """One row per variable and per value label: variable, label, question, type, value, value label."""
    for v in variables(plan, lang):
        kind = "numeric" if v.numeric else "string"
        yield [v.name, v.label, v.question, kind, "", ""]
        for number, label in v.values:
            yield ["", "", "", "", str(number), label]


def _codebook_head(lang: str) -> list[str]:
    if lang == "de":
        return ["Variable", "Label", "Frage", "Typ", "Wert", "Wertelabel"]
    return ["Variable", "Label", "Question", "Type", "Value", "Value label"]


def codebook_csv(plan: Plan, lang: str = "de") -> str:
    return "\ufeff" + "".join(_csv_line(line) for line in [_codebook_head(lang), *codebook(plan, lang)])


def _spss_text(text: str) -> str:
    return '"' + text.replace('"', "'").replace("\n", " ")[:250] + '"'


def spss_syntax(plan: Plan, lang: str = "de", data_file: str = "umfrage.csv") -> str:
    """An SPSS syntax file that reads the numeric CSV and sets every variable and value label."""
    vs = variables(plan, lang)
    formats = " ".join(f"{v.name} {'F8.2' if v.numeric else 'A5000'}" for v in vs)
    lines = [
        "* Erzeugt von stadtstimme / generated by stadtstimme.",
        "GET DATA /TYPE=TXT /FILE=" + _spss_text(data_file) + " /ENCODING='UTF8' /DELIMITERS=','",
        "  /QUALIFIER='\"' /ARRANGEMENT=DELIMITED /FIRSTCASE=2 /VARIABLES=" + formats + ".",
        "VARIABLE LABELS",
        *[f"  {v.name} {_spss_text(v.label)}" for v in vs],
        ".",
    ]
    coded = [v for v in vs if v.values]
    if coded:
        lines.append("VALUE LABELS")
        for index, v in enumerate(coded):
            labels = " ".join(f"{number} {_spss_text(label)}" for number, label in v.values)
            lines.append(f"  {'/' if index else ''}{v.name} {labels}")
        lines.append(".")
    lines.append("EXECUTE.")
    return "\n".join(lines) + "\n"


def write_xlsx(
    plan: Plan, records: Iterable[Any], target: Path, *, coding: Coding = "numeric", lang: str = "de"
) -> None:
    """Data and codebook as two sheets, written row by row (XlsxWriter's constant_memory mode)."""
    import xlsxwriter  # here, not at the top: only an export needs it

    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_urls": False})
    bold = workbook.add_format({"bold": True})
    data = workbook.add_worksheet("Daten" if lang == "de" else "Data")
    for col, v in enumerate(variables(plan, lang)):
        data.write_string(0, col, v.name, bold)
    for line, row in enumerate(rows(plan, records, coding=coding, lang=lang), start=1):
        for col, value in enumerate(row):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                data.write_number(line, col, value)
            elif value is not None and value != "":
                data.write_string(line, col, str(value))  # never write(): "=…" stays text, never a formula
    book = workbook.add_worksheet("Codebuch" if lang == "de" else "Codebook")
    for line, cells in enumerate([_codebook_head(lang), *codebook(plan, lang)]):
        for col, cell in enumerate(cells):
            book.write_string(line, col, cell, bold if line == 0 else None)
    workbook.close()
