"""What a self-evaluation form's bindings can name, and how a 自评表 prints it.

    Report + Evaluation ──FormScope──> "funding:rate" → (Kind.RATE, 0.9823) → 98.23

`VOCABULARY` is the whole vocabulary (namespace → field → kind and getter; listed in
templates/self_eval/README.md): ``ns:field`` names a figure in a cell, ``{{ ns.field }}``
prints it in wording. `SCOPES` says which namespaces a form of each kind sees (a project's
form, the unit's, the 项目单位自评汇总表 and the 部门整体绩效评价报告), `EACH` which
namespaces an ``each`` adds and where it may stand; `language(kind, slots)` hands them to
the layout parser. ``texts.<slot>`` prints the officer's prose for a slot the form declares,
or a 【请填写…】 placeholder while there is none.

Amounts follow the report's unit. In 万元 a figure keeps a third decimal when it has one
(17.284, as the 自评表 prints it): rounded to 2, 1.782 − 1.465 and 82.22% would no longer agree
with the printed figures beside them. Scores and 执行率 have 2 decimals; zero prints as 0.00.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any, TypeVar

from desktop.core.dates import printed_month
from desktop.core.errors import BindingError
from desktop.core.grid import Cell
from desktop.core.layouts.grammar import Kind, Language
from desktop.core.model import FundingLine, Indicator, Report, SelfEval, Task, UnitSelfEval
from desktop.core.money import CENT, WAN, AmountUnit, Money, nz, ratio
from desktop.core.self_eval import (
    HUNDRED,
    Category,
    Evaluation,
    Grade,
    IndicatorResult,
    LevelScore,
    PerformanceSummary,
    UnitEvaluation,
    format_points,
    has_deviation,
    rate_score,
    score_rate,
    target_text,
)
from desktop.core.self_eval_summary import (
    ScoreBand,
    department_of,
    funds_rate,
    groups,
    score_bands,
    unit_of,
)

T = TypeVar("T")
MILLI = Decimal("0.001")
NO_RATE = "—"  # what the bundled forms print for the 执行率 of a project without 全年预算数


# ---------------------------------------------------------------- figures as printed


@dataclass(frozen=True)
class Format:
    unit: AmountUnit
    year: int

    def money(self, value: Money) -> Decimal | None:
        """An amount in the report's unit; 万元 keeps a third decimal when it has one."""
        if value is None:
            return None
        if self.unit == "元":
            return value.quantize(CENT, rounding=ROUND_HALF_UP)
        milli = (value / WAN).quantize(MILLI, rounding=ROUND_HALF_UP)
        cents = milli.quantize(CENT)
        return cents if cents == milli else milli


def _points(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


def _line_rate(line: FundingLine) -> Decimal | None:
    return ratio(nz(line.executed), line.full_year) if line.full_year else None


def _carryover(full_year: Money, executed: Money) -> Money:
    return None if full_year is None else full_year - nz(executed)


# ---------------------------------------------------------------- the scope


NO_SLOTS: Mapping[str, str] = MappingProxyType({})


def slot_placeholder(label: str) -> str:
    """What a report prints for a prose slot the officer has not written yet."""
    return f"【请填写{label}】"


@dataclass(frozen=True)
class FormScope:
    """What the bindings of one grid can see; an ``each`` narrows it to one item (a
    project, a 一级指标 and its rows, a 资金来源 …) and adds that item's namespaces."""

    report: Report
    fmt: Format
    number: int  # 附件 number
    form: str  # "project", "overall", "summary" or "report"
    project: SelfEval | None = None
    evaluation: Evaluation | None = None
    project_number: int = 0  # the project's place among the report's, from 1
    overall: UnitSelfEval | None = None
    unit_evaluation: UnitEvaluation | None = None  # with `overall`: its scores and 执行数
    indicators: tuple[Indicator, ...] = ()
    results: tuple[IndicatorResult, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()  # every project's, in the report's order
    performance: PerformanceSummary | None = None  # the projects together
    slots: Mapping[str, str] = field(default_factory=lambda: NO_SLOTS)  # prose slot → label
    source: FundingLine | None = None
    indicator: tuple[Indicator, IndicatorResult] | None = None
    level: tuple[int, LevelScore] | None = None  # (number, sums) of a 一级指标
    sublevel: tuple[int, LevelScore] | None = None  # … of a 二级指标
    band: ScoreBand | None = None
    task: tuple[int, Task] | None = None
    extra: frozenset[str] = frozenset()  # the namespaces the enclosing ``each``es add

    @property
    def namespaces(self) -> frozenset[str]:
        return SCOPES[self.form] | self.extra

    def resolve(self, binding: str) -> tuple[Kind, object]:
        """The kind and raw value of a ``namespace:field`` binding."""
        ns, _, name = binding.partition(":")
        # (not `self.namespaces`: a union made for each of a report's million bindings)
        known = ns in SCOPES[self.form] or ns in self.extra
        if ns == "texts" and known and name in self.slots:
            written = _o(self).text(name).strip()
            return Kind.TEXT, written or slot_placeholder(self.slots[name])
        entry = VOCABULARY[ns].get(name) if known else None
        if entry is None:
            raise BindingError(f"自评版式引用了不存在的数字「{binding}」")
        kind, get = entry
        return kind, get(self)

    def of_project(
        self, place: int, project: SelfEval, evaluation: Evaluation, **changes: Any
    ) -> FormScope:
        """The scope narrowed to one project (the `place`-th), its indicators and scores."""
        return dataclasses.replace(
            self,
            project=project,
            evaluation=evaluation,
            project_number=place,
            indicators=project.indicators,
            results=evaluation.indicators,
            **changes,
        )

    def each(self, what: str) -> Sequence[FormScope]:
        adds = self.extra | EACH[what][0]
        if what == "funding":
            lines = self.project.funding if self.project is not None else _o(self).funding
            return [dataclasses.replace(self, source=line, extra=adds) for line in lines]
        if what == "indicators":
            pairs = zip(self.indicators, self.results, strict=True)
            return [dataclasses.replace(self, indicator=pair, extra=adds) for pair in pairs]
        if what == "projects":
            projects = zip(self.report.self_evals, self.evaluations, strict=True)
            return [self.of_project(n, p, e, extra=adds) for n, (p, e) in enumerate(projects, 1)]
        if what == "levels":
            found = groups(self.indicators, self.results, level=1)
            return [
                dataclasses.replace(
                    self, indicators=g.indicators, results=g.results, level=(n, g.score), extra=adds
                )
                for n, g in enumerate(found, start=1)
            ]
        if what == "sublevels":
            found = groups(self.indicators, self.results, level=2)
            return [
                dataclasses.replace(
                    self,
                    indicators=g.indicators,
                    results=g.results,
                    sublevel=(n, g.score),
                    extra=adds,
                )
                for n, g in enumerate(found, start=1)
            ]
        if what == "bands":
            bands = score_bands(self.evaluations)
            return [dataclasses.replace(self, band=b, extra=adds) for b in bands]
        tasks = enumerate(_o(self).tasks, start=1)
        return [dataclasses.replace(self, task=t, extra=adds) for t in tasks]

    def printed(self, kind: Kind, value: object) -> Decimal | int | None:
        if kind is Kind.MONEY:
            assert value is None or isinstance(value, Decimal)
            return self.fmt.money(value)
        if kind is Kind.COUNT:
            assert value is None or isinstance(value, int)
            return value
        assert value is None or isinstance(value, Decimal)
        return _points(value)

    def prose(self, kind: Kind, value: object) -> str | None:
        if value is None:
            return None
        if kind is Kind.MONEY:
            assert isinstance(value, Decimal)
            return Cell(self.fmt.money(value)).text
        if kind in (Kind.POINTS, Kind.RATE):
            assert isinstance(value, Decimal)
            return format_points(value)
        return str(value)


def _given(value: T | None) -> T:
    # A namespace is seen only where its record is set (FormScope.namespaces, SCOPES).
    assert value is not None
    return value


def _p(s: FormScope) -> SelfEval:
    return _given(s.project)


def _e(s: FormScope) -> Evaluation:
    return _given(s.evaluation)


def _o(s: FormScope) -> UnitSelfEval:
    return _given(s.overall)


def _u(s: FormScope) -> UnitEvaluation:
    return _given(s.unit_evaluation)


def _tasks_text(u: UnitSelfEval) -> str:
    """年度主要任务 as one text (a form that prints them in one cell)."""
    lines = []
    for t in u.tasks:
        head = t.name.strip()
        body = "：".join(p for p in (head, t.content.strip()) if p)
        if t.achieved.strip():
            body = f"{body}（完成情况：{t.achieved.strip()}）" if body else t.achieved.strip()
        if body:
            lines.append(body)
    return "\n".join(lines)


def _line(s: FormScope) -> FundingLine:
    return _given(s.source)


def _perf(s: FormScope) -> PerformanceSummary:
    return _given(s.performance)


def _level(s: FormScope) -> tuple[int, LevelScore]:
    return _given(s.level)


def _sublevel(s: FormScope) -> tuple[int, LevelScore]:
    return _given(s.sublevel)


def _band(s: FormScope) -> ScoreBand:
    return _given(s.band)


def _task(s: FormScope) -> tuple[int, Task]:
    return _given(s.task)


def _rate_of(kind: Category) -> Callable[[FormScope], object]:
    """得分率 % of one kind of indicator; None without such an indicator (「-%」)."""
    return lambda s: score_rate(_p(s).indicators, _e(s).indicators, kind)


def _deviation(s: FormScope) -> str | None:
    """「是否有偏差」: 是 when an indicator scored below its 分值; none while 未评分."""
    e = _e(s)
    if e.unscored:
        return None
    return "是" if has_deviation(e.indicators, _p(s).indicators) else "否"


def _level_fields(get: Callable[[FormScope], tuple[int, LevelScore]]) -> dict[str, Binding]:
    return {
        "number": (Kind.COUNT, lambda s: get(s)[0]),
        "name": (Kind.TEXT, lambda s: get(s)[1].name),
        "full": (Kind.POINTS, lambda s: get(s)[1].full),
        "score": (Kind.POINTS, lambda s: get(s)[1].score),
    }


def _grade_count(grade: Grade) -> Callable[[FormScope], object]:
    return lambda s: _perf(s).grades[grade]


def _ind(s: FormScope) -> tuple[Indicator, IndicatorResult]:
    return _given(s.indicator)


def _field(get: Callable[[FormScope], object], name: str) -> Callable[[FormScope], object]:
    return lambda s: getattr(get(s), name)


# ---------------------------------------------------------------- the vocabulary

_PROJECT_FIELDS = (
    "name",
    "department",
    "unit",
    "goal",
    "achieved",
    "code",
    "program",
    "project_type",
    "funding_office",
)
_PROJECT_TEXTS = (
    "implementation",
    "output",
    "benefit",
    "satisfaction",
    "experience",
    "problems",
    "improvements",
    "basic_info",
)
_AMOUNTS = ("declared", "budgeted", "full_year", "executed")
_TASK_FIELDS = ("name", "content", "achieved")
_INDICATOR_TEXTS = (
    "level1",
    "level2",
    "level3",
    "initial_value",
    "target",
    "actual",
    "qualitative_note",
    "deviation",
)

Binding = tuple[Kind, Callable[[FormScope], object]]

# namespace → field → (kind, getter). `ns:field` names a figure in a cell; `{{ ns.field }}`
# prints it in wording. This table is the whole vocabulary (templates/self_eval/README.md).
VOCABULARY: dict[str, dict[str, Binding]] = {
    "report": {
        "name": (Kind.TEXT, lambda s: s.report.unit.name),
        "amount_unit": (Kind.TEXT, lambda s: s.fmt.unit),
        "year": (Kind.COUNT, lambda s: s.fmt.year),
        # the 编制日期 as a cover prints it (「2022年12月」; the month it is made when not set)
        "compiled": (Kind.TEXT, lambda s: printed_month(s.report.unit.compiled_on, date.today())),
    },
    "attachment": {"number": (Kind.COUNT, lambda s: s.number)},
    "project": {
        **{f: (Kind.TEXT, _field(_p, f)) for f in _PROJECT_FIELDS},
        **{f: (Kind.TEXT, _field(lambda s: _p(s).texts, f)) for f in _PROJECT_TEXTS},
        "number": (Kind.COUNT, lambda s: s.project_number),
        "unit_code": (Kind.TEXT, lambda s: unit_of(_p(s), s.report)[0]),
        "unit_name": (Kind.TEXT, lambda s: unit_of(_p(s), s.report)[1]),
        "department_code": (Kind.TEXT, lambda s: department_of(_p(s), s.report)[0]),
        "department_name": (Kind.TEXT, lambda s: department_of(_p(s), s.report)[1]),
        "fund_kind": (Kind.TEXT, lambda s: k.value if (k := _p(s).fund_kind) else None),
    },
    "funding": {
        **{f: (Kind.MONEY, _field(_e, f)) for f in (*_AMOUNTS, "carryover")},
        "system_executed": (Kind.MONEY, lambda s: _p(s).system_executed),
        "rate": (Kind.RATE, lambda s: _e(s).rate),
        # No 全年预算数, no 执行得分 to earn: the 总分 counts it as 0, and so does the cell.
        "rate_score": (Kind.POINTS, lambda s: nz(_e(s).rate_score)),
    },
    "score": {
        "full": (Kind.POINTS, lambda s: HUNDRED),
        "indicator_total": (Kind.POINTS, lambda s: _e(s).indicator_total),
        "total": (Kind.POINTS, lambda s: _e(s).total),
        "grade": (Kind.TEXT, lambda s: g.value if (g := _e(s).grade) is not None else None),
        "funds_rate": (Kind.RATE, lambda s: funds_rate(_e(s))),
        "cost_rate": (Kind.RATE, _rate_of(Category.COST)),
        "output_rate": (Kind.RATE, _rate_of(Category.OUTPUT)),
        "benefit_rate": (Kind.RATE, _rate_of(Category.BENEFIT)),
        "satisfaction_rate": (Kind.RATE, _rate_of(Category.SATISFACTION)),
        "deviation": (Kind.TEXT, _deviation),
    },
    "indicators": {
        "count": (Kind.COUNT, lambda s: len(s.indicators)),
        "weight_total": (
            Kind.POINTS,
            lambda s: sum((i.weight for i in s.indicators), Decimal(0)),
        ),
    },
    "source": {
        "source": (Kind.TEXT, _field(_line, "source")),
        "note": (Kind.TEXT, _field(_line, "note")),
        **{f: (Kind.MONEY, _field(_line, f)) for f in _AMOUNTS},
        "carryover": (Kind.MONEY, lambda s: _carryover(_line(s).full_year, _line(s).executed)),
        "rate": (Kind.RATE, lambda s: _line_rate(_line(s))),
        "rate_score": (
            Kind.POINTS,
            lambda s: rate_score(r) if (r := _line_rate(_line(s))) is not None else Decimal(0),
        ),
    },
    "indicator": {
        **{f: (Kind.TEXT, _field(lambda s: _ind(s)[0], f)) for f in _INDICATOR_TEXTS},
        # 年度指标值 of a form with one target column: as adjusted, else as set at the start
        "value": (Kind.TEXT, lambda s: target_text(_ind(s)[0])),
        "weight": (Kind.POINTS, lambda s: _ind(s)[0].weight),
        "score": (Kind.POINTS, lambda s: _ind(s)[1].used),  # as typed, else the proposal
    },
    "overall": {
        "initial_total": (Kind.MONEY, _field(_u, "initial")),
        "budget_total": (Kind.MONEY, _field(_u, "full_year")),
        "executed_total": (Kind.MONEY, _field(_u, "executed")),
        "rate": (Kind.RATE, _field(_u, "rate")),
        "rate_weight": (Kind.POINTS, _field(_u, "rate_weight")),
        "rate_score": (Kind.POINTS, _field(_u, "rate_score")),
        "full_marks": (Kind.POINTS, _field(_u, "full_marks")),
        "score": (Kind.POINTS, _field(_u, "total")),
        "grade": (Kind.TEXT, lambda s: g.value if (g := _u(s).grade) is not None else None),
        **{f: (Kind.TEXT, _field(_o, f)) for f in ("duties_goal", "duties_achieved", "summary")},
        "main_tasks": (Kind.TEXT, lambda s: _tasks_text(_o(s))),
        "task_count": (Kind.COUNT, lambda s: len(_o(s).tasks)),
        "adjustment": (Kind.RATE, _field(_u, "adjustment")),
        "indicator_total": (Kind.POINTS, _field(_u, "indicator_total")),
    },
    "projects": {
        "count": (Kind.COUNT, lambda s: _perf(s).projects),
        "level1": (Kind.COUNT, lambda s: _perf(s).level1),
        "level2": (Kind.COUNT, lambda s: _perf(s).projects - _perf(s).level1),
        "initial": (Kind.MONEY, lambda s: _perf(s).initial),
        "funds": (Kind.MONEY, lambda s: _perf(s).funds),
        "executed": (Kind.MONEY, lambda s: _perf(s).executed),
        "project_spending": (Kind.MONEY, lambda s: _perf(s).project_spending),
        # Σ 执行数 ÷ 项目支出: two actuals, one base (a budget is never divided by spending)
        "coverage": (Kind.RATE, lambda s: _perf(s).share),
        "rate": (Kind.RATE, lambda s: ratio(nz(_perf(s).executed), _perf(s).funds)),
        "scored": (Kind.COUNT, lambda s: _perf(s).projects - _perf(s).ungraded),
        "ungraded": (Kind.COUNT, lambda s: _perf(s).ungraded),
        "unscored": (Kind.COUNT, lambda s: _perf(s).unscored),
        "excellent": (Kind.COUNT, _grade_count(Grade.EXCELLENT)),
        "good": (Kind.COUNT, _grade_count(Grade.GOOD)),
        "fair": (Kind.COUNT, _grade_count(Grade.FAIR)),
        "poor": (Kind.COUNT, _grade_count(Grade.POOR)),
    },
    "level": _level_fields(_level),
    "sublevel": _level_fields(_sublevel),
    "band": {
        "score": (Kind.POINTS, lambda s: _band(s).score),
        "count": (Kind.COUNT, lambda s: len(_band(s).projects)),
        "projects": (Kind.TEXT, lambda s: "、".join(_band(s).projects)),
    },
    "task": {
        "number": (Kind.COUNT, lambda s: _task(s)[0]),
        **{f: (Kind.TEXT, _field(lambda s: _task(s)[1], f)) for f in _TASK_FIELDS},
    },
}

# The namespaces a form of each kind sees; ``each`` adds its own. ``texts`` holds the prose
# slots a report form declares (`language`).
SCOPES: dict[str, frozenset[str]] = {
    "project": frozenset({"report", "attachment", "project", "funding", "score", "indicators"}),
    "overall": frozenset({"report", "attachment", "overall", "indicators"}),
    "summary": frozenset({"report", "attachment", "projects"}),
    "report": frozenset({"report", "attachment", "overall", "indicators", "projects", "texts"}),
}
_INDICATOR_FORMS = frozenset({"project", "overall", "report"})
_PROJECTS_FORMS = frozenset({"summary", "report"})
# each → (the namespaces it adds, the form kinds it is allowed in)
EACH: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "funding": (frozenset({"source"}), _INDICATOR_FORMS),
    "indicators": (frozenset({"indicator"}), _INDICATOR_FORMS),
    "levels": (frozenset({"level"}), _INDICATOR_FORMS),
    "sublevels": (frozenset({"sublevel"}), _INDICATOR_FORMS),
    "tasks": (frozenset({"task"}), frozenset({"overall", "report"})),
    "projects": (frozenset({"project", "funding", "score", "indicators"}), _PROJECTS_FORMS),
    "bands": (frozenset({"band"}), _PROJECTS_FORMS),
}


def _kind_of(namespace: str, name: str) -> Kind | None:
    binding = VOCABULARY.get(namespace, {}).get(name)
    return None if binding is None else binding[0]


def language(form_kind: str, slots: Sequence[str] = ()) -> Language:
    """What a form of `form_kind` can name, for the layout parser; `slots` are the prose
    slots it declares (``texts.<slot>``)."""
    each = {what: ns for what, (ns, kinds) in EACH.items() if form_kind in kinds}
    declared = frozenset(slots)

    def kind_of(namespace: str, name: str) -> Kind | None:
        if namespace == "texts":
            return Kind.TEXT if name in declared else None
        return _kind_of(namespace, name)

    return Language(SCOPES[form_kind], kind_of, each)
