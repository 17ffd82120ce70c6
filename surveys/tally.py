"""The results of a survey counted: per question, and broken down by audience or district, from response records.

Pure: no database, no clock. Input is a `Plan` (what each question asks, in the order asked: built from the survey
definition by `surveys.results_plan`) and an iterable of response records (anything with `answers`, `audience`,
`channel`, `district` and `day`). Output is frozen dataclasses the API, the SPA and the council PDF all show.

Disclosure control: a breakdown by group never shows a cell with fewer than `MIN_CELL` answers (the cell says
"< 5" and has no count), a group with fewer than `MIN_CELL` respondents shows no figures at all, and when a single
cell of a column is hidden among categories that add up to the column's total, the next-smallest one is hidden too
(otherwise the hidden number is the total minus the shown ones). Free-text answers are never counted into a
breakdown and leave this module only when moderation approved them (`approved`).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any, Literal

OTHER = "other"  # as in surveys.definition: the choice code of "other, namely …", its text under "<code>_other"
MIN_CELL = 5
HIDDEN = "< 5"
Kind = Literal["single", "multiple", "scale", "matrix", "ranking", "number", "date", "yes_no", "text"]
CATEGORICAL: frozenset[str] = frozenset({"single", "multiple", "scale", "yes_no"})
YES_NO = ("yes", "no")


@dataclass(frozen=True)
class Choice:
    """One answer option (or one matrix/ranking item): its code in the answers, its label, its number for SPSS."""

    code: str
    label: str
    number: int


@dataclass(frozen=True)
class QuestionPlan:
    """What the counting needs of one question. `choices`: options (single, multiple, yes/no) or the scale points;
    `items`: the rows of a matrix or the things to rank."""

    code: str
    kind: Kind
    label: str
    choices: tuple[Choice, ...] = ()
    items: tuple[Choice, ...] = ()
    other: bool = False  # "other, namely …": one more category; its text is a free-text answer "<code>_other"
    section: str = ""

    @cached_property
    def categories(self) -> tuple[Choice, ...]:
        """The choices, with "other" added when the question has it (worked out once: counted per answer)."""
        choices = self.choices
        if self.other and all(choice.code != OTHER for choice in choices):
            choices += (Choice(OTHER, "Sonstiges", max((c.number for c in choices), default=0) + 1),)
        return choices

    @cached_property
    def known(self) -> frozenset[str]:
        return frozenset(choice.code for choice in self.categories)


@dataclass(frozen=True)
class Plan:
    questions: tuple[QuestionPlan, ...]
    themes: tuple[Choice, ...] = ()  # the survey's themes of free-text answers (code: the theme's id as text)

    def question(self, code: str) -> QuestionPlan:
        return next(q for q in self.questions if q.code == code)


@dataclass(frozen=True)
class Row:
    """One category of a question: how many chose it and the share of those who answered the question."""

    code: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class Stats:
    n: int
    mean: float | None
    median: float | None
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class ItemResult:
    """One matrix row (its scale distribution) or one ranking item (mean rank, times ranked first)."""

    code: str
    label: str
    rows: tuple[Row, ...] = ()
    stats: Stats | None = None
    mean_rank: float | None = None
    first: int = 0


@dataclass(frozen=True)
class FreeText:
    response: int | None
    key: str  # the answer key: the question code, or "<code>_other"
    text: str
    audience: str
    themes: tuple[int, ...] = ()  # the themes staff tagged it with (ids of Plan.themes)


@dataclass(frozen=True)
class ThemeCount:
    """How many of a question's approved free-text answers sit in one theme (an answer may sit in several)."""

    theme: int
    label: str
    count: int


@dataclass(frozen=True)
class QuestionResult:
    code: str
    kind: Kind
    label: str
    answered: int  # respondents who answered this question (the base of every percentage)
    skipped: int
    rows: tuple[Row, ...] = ()
    stats: Stats | None = None
    items: tuple[ItemResult, ...] = ()
    months: tuple[Row, ...] = ()  # dates: answers per month "2026-05"
    texts: tuple[FreeText, ...] = ()  # approved free-text answers only (incl. "other" texts)
    texts_total: int = 0  # how many free-text answers there are, approved or not
    themes: tuple[ThemeCount, ...] = ()  # approved answers per theme, most first (themes without one left out)


@dataclass(frozen=True)
class Cell:
    """A count in a breakdown; `count` and `percent` are None when hidden, `display` then says "< 5"."""

    count: int | None
    percent: float | None
    display: str


@dataclass(frozen=True)
class Group:
    key: str
    n: int | None  # respondents of this group who answered; None when fewer than MIN_CELL
    n_display: str
    cells: tuple[Cell, ...]
    mean: float | None = None  # scale questions: the group's mean (None when hidden)
    label: str = ""  # what people read (filled in by surveys.results)


@dataclass(frozen=True)
class CrossTab:
    code: str
    label: str
    by: str
    rows: tuple[Choice, ...]
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Breakdown:
    """Respondents per audience, channel, district: the method section's table."""

    total: int
    audience: tuple[Row, ...]
    channel: tuple[Row, ...]
    district: tuple[Row, ...]


@dataclass
class _Acc:
    """One pass over the responses fills one of these per question."""

    answered: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    values: list[float] = field(default_factory=list)
    item_values: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    item_firsts: Counter[str] = field(default_factory=Counter)
    months: Counter[str] = field(default_factory=Counter)
    texts: list[FreeText] = field(default_factory=list)
    texts_total: int = 0


def percent(count: int, base: int) -> float:
    return round(100 * count / base, 1) if base else 0.0


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _stats(values: Sequence[float], *, bounds: bool = False) -> Stats:
    if not values:
        return Stats(0, None, None)
    return Stats(
        len(values),
        _round(statistics.fmean(values)),
        _round(float(statistics.median(values))),
        min(values) if bounds else None,
        max(values) if bounds else None,
    )


def is_answered(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def choice_codes(question: QuestionPlan, value: Any) -> list[str]:
    """The categories an answer falls into: a code (single), a list of codes (multiple), a bool (yes/no).
    Codes the plan does not know are left out (a choice removed after answers came in)."""
    if question.kind == "yes_no":
        codes = ["yes" if value in (True, "yes", 1) else "no"] if value is not None else []
    elif isinstance(value, (list, tuple)):
        codes = [str(code) for code in value]
    elif value is None:
        codes = []
    else:
        codes = [str(value)]
    known = question.known
    return [code for code in dict.fromkeys(codes) if code in known]


def _categories(question: QuestionPlan) -> tuple[Choice, ...]:
    return question.categories


def _approved(approved: Callable[[Hashable, str], bool] | Iterable[Any] | None) -> Callable[[Any, str], bool]:
    """Which free-text answers moderation let through. By default the record says so (`approved_free_text`, the
    answer keys approved); a predicate (response id, answer key) or a set of (response id, answer key) pairs
    overrides it (e.g. `lambda rid, key: True` for the admins' own view)."""
    if approved is None:
        return lambda response, key: key in (getattr(response, "approved_free_text", None) or ())
    if callable(approved):
        predicate = approved
        return lambda response, key: predicate(_response_id(response), key)
    pairs = set(approved)
    return lambda response, key: (_response_id(response), key) in pairs


def _response_id(response: Any) -> int | None:
    return getattr(response, "id", None)


def tally(
    plan: Plan,
    responses: Iterable[Any],
    *,
    approved: Callable[[Hashable, str], bool] | Iterable[Any] | None = None,
) -> tuple[QuestionResult, ...]:
    """Every question's result in one pass over the responses (which may be a lazy iterator)."""
    is_approved = _approved(approved)
    accs = {question.code: _Acc() for question in plan.questions}
    total = 0
    for response in responses:
        total += 1
        answers = response.answers
        for question in plan.questions:
            value = answers.get(question.code)
            if not is_answered(value):
                continue
            acc = accs[question.code]
            _add(question, acc, value, response, is_approved)
    return tuple(
        _with_themes(_result(question, accs[question.code], total), plan.themes) for question in plan.questions
    )


def _with_themes(result: QuestionResult, themes: tuple[Choice, ...]) -> QuestionResult:
    """Count the approved texts per theme. Not hidden below MIN_CELL: these are counts over everyone, not a
    breakdown by group, of texts that are public anyway, so they tell nothing the texts don't."""
    if not result.texts or not themes:
        return result
    counts = Counter(theme for text in result.texts for theme in text.themes)
    order = {int(theme.code): index for index, theme in enumerate(themes)}
    found = [ThemeCount(int(t.code), t.label, counts[int(t.code)]) for t in themes if counts[int(t.code)]]
    found.sort(key=lambda c: (-c.count, order[c.theme]))
    return replace(result, themes=tuple(found))


def _add(question: QuestionPlan, acc: _Acc, value: Any, response: Any, is_approved: Callable[[Any, str], bool]) -> None:
    kind = question.kind
    if kind in ("single", "multiple", "yes_no"):
        codes = choice_codes(question, value)
        if not codes:
            return
        acc.answered += 1
        acc.counts.update(codes)
        other = str(response.answers.get(f"{question.code}_{OTHER}") or "").strip()
        if OTHER in codes and other:
            _text(acc, f"{question.code}_{OTHER}", other, response, is_approved)
    elif kind == "scale":
        acc.answered += 1
        acc.counts[str(int(value))] += 1
        acc.values.append(int(value))
    elif kind == "number":
        acc.answered += 1
        acc.values.append(float(value))
    elif kind == "date":
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        acc.answered += 1
        acc.months[f"{day:%Y-%m}"] += 1
    elif kind == "matrix":
        rated = {str(item): int(point) for item, point in dict(value).items() if point is not None}
        if not rated:
            return
        acc.answered += 1
        for item, point in rated.items():
            acc.item_values[item].append(point)
    elif kind == "ranking":
        order = [str(item) for item in value]
        acc.answered += 1
        for rank, item in enumerate(order, start=1):
            acc.item_values[item].append(rank)
        acc.item_firsts[order[0]] += 1
    else:  # free text
        acc.answered += 1
        _text(acc, question.code, str(value).strip(), response, is_approved)


def _text(acc: _Acc, key: str, text: str, response: Any, is_approved: Callable[[Any, str], bool]) -> None:
    acc.texts_total += 1
    if is_approved(response, key):
        themes = tuple((getattr(response, "free_text_themes", None) or {}).get(key, ()))
        audience = str(getattr(response, "audience", "") or "")
        acc.texts.append(FreeText(_response_id(response), key, text, audience, themes))


def _rows(choices: Iterable[Choice], counts: Mapping[str, int], base: int) -> tuple[Row, ...]:
    return tuple(Row(c.code, c.label, counts.get(c.code, 0), percent(counts.get(c.code, 0), base)) for c in choices)


def _result(question: QuestionPlan, acc: _Acc, total: int) -> QuestionResult:
    kind = question.kind
    common = QuestionResult(
        code=question.code,
        kind=kind,
        label=question.label,
        answered=acc.answered,
        skipped=total - acc.answered,
        texts=tuple(acc.texts),
        texts_total=acc.texts_total,
    )
    if kind in ("single", "multiple", "yes_no"):
        return replace(common, rows=_rows(_categories(question), acc.counts, acc.answered))
    if kind == "scale":
        return replace(common, rows=_rows(question.choices, acc.counts, acc.answered), stats=_stats(acc.values))
    if kind == "number":
        return replace(common, stats=_stats(acc.values, bounds=True))
    if kind == "date":
        months = tuple(Row(m, m, n, percent(n, acc.answered)) for m, n in sorted(acc.months.items()))
        return replace(common, months=months)
    if kind == "matrix":
        items = []
        for item in question.items:
            values = acc.item_values.get(item.code, [])
            counts = Counter(str(v) for v in values)
            items.append(
                ItemResult(
                    item.code, item.label, rows=_rows(question.choices, counts, len(values)), stats=_stats(values)
                )
            )
        return replace(common, items=tuple(items))
    if kind == "ranking":
        ranked = []
        for item in question.items:
            ranks = acc.item_values.get(item.code, [])
            mean_rank = _round(statistics.fmean(ranks)) if ranks else None
            ranked.append(ItemResult(item.code, item.label, mean_rank=mean_rank, first=acc.item_firsts[item.code]))
        ranked.sort(key=lambda r: (r.mean_rank is None, r.mean_rank or 0.0))
        return replace(common, items=tuple(ranked))
    return common


def _group_key(response: Any, by: str) -> str:
    return str(getattr(response, by, None) or "")


def cross_tabs(
    plan: Plan, responses: Iterable[Any], *, by: Literal["audience", "district"], groups: Sequence[str] = ()
) -> tuple[CrossTab, ...]:
    """Each categorical question (single, multiple, yes/no, scale) broken down by audience or district, with small
    cells hidden. `groups` fixes the order of the columns (others follow, sorted; "" is "not stated")."""
    questions = [q for q in plan.questions if q.kind in CATEGORICAL]
    # per question, per group: respondents who answered, category counts, scale values
    answered: dict[str, Counter[str]] = {q.code: Counter() for q in questions}
    counts: dict[str, dict[str, Counter[str]]] = {q.code: defaultdict(Counter) for q in questions}
    sums: dict[str, Counter[str]] = {q.code: Counter() for q in questions}
    seen: dict[str, None] = dict.fromkeys(groups)
    for response in responses:
        key = _group_key(response, by)
        seen.setdefault(key, None)
        for question in questions:
            value = response.answers.get(question.code)
            if not is_answered(value):
                continue
            if question.kind == "scale":
                codes = [str(int(value))]
                sums[question.code][key] += int(value)
            else:
                codes = choice_codes(question, value)
                if not codes:
                    continue
            answered[question.code][key] += 1
            counts[question.code][key].update(codes)
    order = list(groups) + sorted(k for k in seen if k not in groups)
    out = []
    for question in questions:
        rows = _categories(question) if question.kind != "scale" else question.choices
        partition = question.kind in ("single", "yes_no", "scale") and not question.other
        columns = []
        for key in order:
            n = answered[question.code][key]
            mean = round(sums[question.code][key] / n, 2) if question.kind == "scale" and n >= MIN_CELL else None
            columns.append(_column(key, n, [counts[question.code][key].get(r.code, 0) for r in rows], partition, mean))
        columns = _complement(columns, partition)
        out.append(CrossTab(question.code, question.label, by, tuple(rows), tuple(columns)))
    return tuple(out)


def _column(key: str, n: int, values: list[int], partition: bool, mean: float | None) -> Group:
    if n < MIN_CELL:
        hidden = Cell(None, None, HIDDEN)
        return Group(key, None, HIDDEN, tuple(hidden for _ in values))
    hide = {index for index, value in enumerate(values) if value < MIN_CELL}
    if partition and len(hide) == 1 and len(values) > 1:
        # one hidden cell of a column that adds up to n would be n minus the others: hide the next-smallest too
        shown = sorted((value, index) for index, value in enumerate(values) if index not in hide)
        hide.add(shown[0][1])
    cells = tuple(
        Cell(None, None, HIDDEN) if index in hide else Cell(value, percent(value, n), str(value))
        for index, value in enumerate(values)
    )
    return Group(key, n, str(n), cells, mean)


def _hide_cell(group: Group, index: int) -> Group:
    cells = list(group.cells)
    cells[index] = Cell(None, None, HIDDEN)
    return replace(group, cells=tuple(cells), mean=None)


def _complement(columns: list[Group], partition: bool) -> list[Group]:
    """Complementary suppression across groups: every row of a cross-tab adds up to the overall count the results
    show, so one hidden group (or one hidden cell in a row) would be that count minus the others; the
    next-smallest is hidden too, until no row, no column and the groups' respondents give a hidden number away."""
    changed = True
    while changed:
        changed = False
        hidden = [g for g in columns if g.n is None]
        shown = sorted((g.n, i) for i, g in enumerate(columns) if g.n is not None)
        if len(hidden) == 1 and shown:
            group = columns[shown[0][1]]
            columns[shown[0][1]] = Group(group.key, None, HIDDEN, tuple(Cell(None, None, HIDDEN) for _ in group.cells))
            changed = True
        for row in range(len(columns[0].cells) if columns else 0):
            cells = [(g.cells[row].count, i) for i, g in enumerate(columns)]
            visible = sorted((count, i) for count, i in cells if count is not None)
            if len(cells) - len(visible) == 1 and visible:
                columns[visible[0][1]] = _hide_cell(columns[visible[0][1]], row)
                changed = True
        for i, group in enumerate(columns):
            visible = sorted((c.count, r) for r, c in enumerate(group.cells) if c.count is not None)
            if partition and group.n is not None and len(group.cells) - len(visible) == 1 and visible:
                columns[i] = _hide_cell(group, visible[0][1])
                changed = True
    return columns


def published_breakdown(counts: Breakdown) -> Breakdown:
    """The respondents per audience and district for everyone: groups under `MIN_CELL` left out (and the
    next-smallest with a single one, else it is the total minus the others); admins' live view shows them all."""

    def kept(rows: tuple[Row, ...]) -> tuple[Row, ...]:
        small = {row.code for row in rows if row.count < MIN_CELL}
        rest = sorted((row.count, row.code) for row in rows if row.code not in small)
        if len(small) == 1 and rest:
            small.add(rest[0][1])
        return tuple(row for row in rows if row.code not in small)

    return replace(counts, audience=kept(counts.audience), district=kept(counts.district))


def breakdown(responses: Iterable[Any]) -> Breakdown:
    """Respondents per audience, channel and district (totals, not hidden: the method section states them)."""
    per: dict[str, Counter[str]] = {"audience": Counter(), "channel": Counter(), "district": Counter()}
    total = 0
    for response in responses:
        total += 1
        for by, counter in per.items():
            counter[_group_key(response, by)] += 1

    def rows(counter: Counter[str]) -> tuple[Row, ...]:
        return tuple(
            Row(k, k, v, percent(v, total)) for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        )

    return Breakdown(total, rows(per["audience"]), rows(per["channel"]), rows(per["district"]))
