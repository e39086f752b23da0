"""What a self-evaluation form's bindings can name, and how a 自评表 prints it.

    Report + Evaluation ──FormScope──> "funding:rate" → (Kind.RATE, 0.9823) → 98.23

`VOCABULARY` is the whole vocabulary (namespace → field → kind and getter; listed in
templates/self_eval/README.md): ``ns:field`` names a figure in a cell, ``{{ ns.field }}``
prints it in wording. `SCOPES` says which namespaces a form of each kind sees, `EACH` which
namespace an ``each`` adds; `language(kind)` hands both to the layout parser.

Amounts follow the report's unit. In 万元 a figure keeps a third decimal when it has one
(17.284, as the 自评表 prints it): rounded to 2, 1.782 − 1.465 and 82.22% would no longer agree
with the printed figures beside them. Scores and 执行率 have 2 decimals; zero prints as 0.00.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from desktop.core.errors import BindingError
from desktop.core.grid import Cell
from desktop.core.layouts.grammar import Kind, Language
from desktop.core.model import FundingLine, Indicator, Report, SelfEval, UnitSelfEval
from desktop.core.money import CENT, WAN, AmountUnit, Money, nz, ratio
from desktop.core.self_eval import HUNDRED, Evaluation, IndicatorResult, format_points, rate_score

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


@dataclass(frozen=True)
class FormScope:
    """What the bindings of one grid can see; `source`/`indicator` inside an ``each``."""

    report: Report
    fmt: Format
    number: int  # 附件 number
    form: str  # "project" or "overall"
    project: SelfEval | None = None
    evaluation: Evaluation | None = None
    overall: UnitSelfEval | None = None
    indicators: tuple[Indicator, ...] = ()
    results: tuple[IndicatorResult, ...] = ()
    source: FundingLine | None = None
    indicator: tuple[Indicator, IndicatorResult] | None = None

    @property
    def namespaces(self) -> frozenset[str]:
        names = SCOPES[self.form]
        if self.source is not None:
            names |= {"source"}
        if self.indicator is not None:
            names |= {"indicator"}
        return names

    def resolve(self, binding: str) -> tuple[Kind, object]:
        """The kind and raw value of a ``namespace:field`` binding."""
        ns, _, name = binding.partition(":")
        if ns not in self.namespaces or name not in VOCABULARY[ns]:
            raise BindingError(f"自评版式引用了不存在的数字「{binding}」")
        kind, get = VOCABULARY[ns][name]
        return kind, get(self)

    def each(self, what: str) -> Sequence[FormScope]:
        if what == "funding":
            return [dataclasses.replace(self, source=line) for line in _p(self).funding]
        pairs = zip(self.indicators, self.results, strict=True)
        return [dataclasses.replace(self, indicator=pair) for pair in pairs]

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


def _line(s: FormScope) -> FundingLine:
    return _given(s.source)


def _ind(s: FormScope) -> tuple[Indicator, IndicatorResult]:
    return _given(s.indicator)


def _field(get: Callable[[FormScope], object], name: str) -> Callable[[FormScope], object]:
    return lambda s: getattr(get(s), name)


# ---------------------------------------------------------------- the vocabulary

_PROJECT_FIELDS = ("name", "department", "unit", "goal", "achieved")
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
    },
    "attachment": {"number": (Kind.COUNT, lambda s: s.number)},
    "project": {
        **{f: (Kind.TEXT, _field(_p, f)) for f in _PROJECT_FIELDS},
        **{f: (Kind.TEXT, _field(lambda s: _p(s).texts, f)) for f in _PROJECT_TEXTS},
    },
    "funding": {
        **{f: (Kind.MONEY, _field(_e, f)) for f in (*_AMOUNTS, "carryover")},
        "rate": (Kind.RATE, lambda s: _e(s).rate),
        # No 全年预算数, no 执行得分 to earn: the 总分 counts it as 0, and so does the cell.
        "rate_score": (Kind.POINTS, lambda s: nz(_e(s).rate_score)),
    },
    "score": {
        "full": (Kind.POINTS, lambda s: HUNDRED),
        "indicator_total": (Kind.POINTS, lambda s: _e(s).indicator_total),
        "total": (Kind.POINTS, lambda s: _e(s).total),
        "grade": (Kind.TEXT, lambda s: g.value if (g := _e(s).grade) is not None else None),
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
        "weight": (Kind.POINTS, lambda s: _ind(s)[0].weight),
        "score": (Kind.POINTS, lambda s: _ind(s)[1].used),  # as typed, else the proposal
    },
    "overall": {
        "budget_total": (Kind.MONEY, _field(_o, "budget_total")),
        "executed_total": (Kind.MONEY, _field(_o, "executed_total")),
        "rate": (Kind.RATE, lambda s: ratio(_o(s).executed_total, _o(s).budget_total)),
        "score": (Kind.POINTS, _field(_o, "declared_score")),
        **{f: (Kind.TEXT, _field(_o, f)) for f in ("duties_goal", "main_tasks", "summary")},
    },
}

# The namespaces a form of each kind sees; ``each`` adds its own.
SCOPES: dict[str, frozenset[str]] = {
    "project": frozenset({"report", "attachment", "project", "funding", "score", "indicators"}),
    "overall": frozenset({"report", "attachment", "overall", "indicators"}),
}
# each → (the namespace it adds, the form kinds it is allowed in)
EACH: dict[str, tuple[str, frozenset[str]]] = {
    "funding": ("source", frozenset({"project"})),
    "indicators": ("indicator", frozenset({"project", "overall"})),
}


def _kind_of(namespace: str, name: str) -> Kind | None:
    binding = VOCABULARY.get(namespace, {}).get(name)
    return None if binding is None else binding[0]


def language(form_kind: str) -> Language:
    """What a form of `form_kind` (project / overall) can name, for the layout parser."""
    each = {what: ns for what, (ns, kinds) in EACH.items() if form_kind in kinds}
    return Language(SCOPES[form_kind], _kind_of, each)
